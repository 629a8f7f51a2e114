import type { ReactNode } from "react";
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { LoginPage } from "../auth/LoginPage";
import { SessionProvider, useSession } from "../auth/session";
import { t } from "../i18n/t";
import { useUsingOfflineCopies } from "../offline/remembered";
import { currentFiscalYearLabel } from "../ui/dates";
import { Deferred, lazyNamed } from "./lazy";

// Every screen but the login page is its own chunk (see ./lazy.tsx).
const PasswordPage = lazyNamed(() => import("../auth/PasswordPage"), "PasswordPage");
const SecondStepPage = lazyNamed(() => import("../auth/SecondStepPage"), "SecondStepPage");
const TwoFactorPage = lazyNamed(() => import("../auth/TwoFactorPage"), "TwoFactorPage");
const EventPage = lazyNamed(() => import("../events/EventPage"), "EventPage");
const SeriesPage = lazyNamed(() => import("../events/SeriesPage"), "SeriesPage");
const DocumentPage = lazyNamed(() => import("../documents/DocumentPage"), "DocumentPage");
const AnswerPage = lazyNamed(() => import("../events/AnswerPage"), "AnswerPage");
const AcceptInvitePage = lazyNamed(() => import("../invites/AcceptInvitePage"), "AcceptInvitePage");
const MeetingPage = lazyNamed(() => import("../meetings/MeetingPage"), "MeetingPage");
const PlanPage = lazyNamed(() => import("../plan/PlanPage"), "PlanPage");
const ProviderUpdatePage = lazyNamed(() => import("../resources/ProviderUpdatePage"), "ProviderUpdatePage");
const PublicEventsPage = lazyNamed(() => import("../events/PublicEventPages"), "PublicEventsPage");
const PublicRequestPage = lazyNamed(() => import("../events/PublicRequestPage"), "PublicRequestPage");
const PublicEventPage = lazyNamed(() => import("../events/PublicEventPages"), "PublicEventPage");
const RegistrationPage = lazyNamed(() => import("../events/RegistrationPage"), "RegistrationPage");
const WorkspaceHome = lazyNamed(() => import("../workspace/WorkspaceHome"), "WorkspaceHome");

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/login/verify"
          element={
            <Deferred>
              <SecondStepPage />
            </Deferred>
          }
        />
        <Route
          path="/security"
          element={
            <RequireLogin>
              <Shell>
                <TwoFactorPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route path="/invite/:token" element={<AcceptInvitePage />} />
        {/* A provider's personal update link: no account, no login. */}
        <Route
          path="/update/:token"
          element={
            <Deferred>
              <ProviderUpdatePage />
            </Deferred>
          }
        />
        {/* Answering an event's questionnaire: no account, no login. */}
        <Route
          path="/q/:publicId"
          element={
            <Deferred>
              <AnswerPage />
            </Deferred>
          }
        />
        {/* Trainings and lectures announced to anyone; registration without an account. */}
        <Route
          path="/p/:lg/events"
          element={
            <Deferred>
              <PublicEventsPage />
            </Deferred>
          }
        />
        <Route
          path="/p/:lg/events/:pid"
          element={
            <Deferred>
              <PublicEventPage />
            </Deferred>
          }
        />
        {/* A residents' group asks for a 出前講座; no account. */}
        <Route
          path="/p/:lg/lecture-request"
          element={
            <Deferred>
              <PublicRequestPage />
            </Deferred>
          }
        />
        <Route
          path="/p/:lg/events/:pid/r/:token"
          element={
            <Deferred>
              <RegistrationPage />
            </Deferred>
          }
        />
        <Route
          path="/"
          element={
            <RequireLogin>
              <HomeRedirect />
            </RequireLogin>
          }
        />
        <Route
          path="/password"
          element={
            <RequireLogin>
              <Shell>
                <PasswordPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid"
          element={
            <RequireLogin>
              <Shell>
                <WorkspaceHome />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid/d/:did"
          element={
            <RequireLogin>
              <Shell>
                <DocumentPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid/plans/:fy"
          element={
            <RequireLogin>
              <Shell>
                <PlanPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid/meetings/:mid"
          element={
            <RequireLogin>
              <Shell>
                <MeetingPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid/events/:eid"
          element={
            <RequireLogin>
              <Shell>
                <EventPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route
          path="/w/:wid/event-series/:sid"
          element={
            <RequireLogin>
              <Shell>
                <SeriesPage />
              </Shell>
            </RequireLogin>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </SessionProvider>
  );
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <p className="muted pad">{t("common.loading")}</p>;
  if (!me)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function HomeRedirect() {
  const { me } = useSession();
  if (!me) return null;
  if (me.workspaces.length === 1) return <Navigate to={`/w/${me.workspaces[0].id}`} replace />;
  return (
    <Shell>
      <main className="narrow">
        {me.workspaces.length === 0 && <p>{t("workspace.none")}</p>}
        <ul className="plain">
          {me.workspaces.map((w) => (
            <li key={w.id}>
              <Link to={`/w/${w.id}`}>
                {w.prefecture} {w.name}
              </Link>{" "}
              <span className="muted">{t(`role.${w.role}`)}</span>
            </li>
          ))}
        </ul>
      </main>
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const usingOfflineCopies = useUsingOfflineCopies();
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #content; the click only keeps the router's URL unchanged */}
      <a
        href="#content"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          // Focus moves without touching the URL (the router owns it).
          e.preventDefault();
          document.getElementById("content")?.focus();
        }}
      >
        {t("a11y.skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand-link">
          {t("app.name")}
        </Link>
        <span className="muted">{currentFiscalYearLabel()}</span>
        <span className="spacer" />
        <span className="topbar-user">
          <span data-testid="current-user">{me?.user.name}</span>
          <Link to="/password">{t("nav.password")}</Link>
          <Link to="/security" data-testid="nav-two-factor">
            {t("nav.twoFactor")}
          </Link>
          <button
            type="button"
            className="link"
            data-testid="logout"
            onClick={async () => {
              await logout();
              navigate("/login", { replace: true });
            }}
          >
            {t("nav.logout")}
          </button>
        </span>
      </header>
      {usingOfflineCopies && (
        <p className="notice offline-copies" role="status" data-testid="offline-copies">
          {t("offline.usingCopies")}
        </p>
      )}
      <div id="content" className="skip-target" tabIndex={-1}>
        <Deferred>{children}</Deferred>
      </div>
    </>
  );
}
