import { describe, expect, it } from "vitest";
import { MEETING_STATES, MINUTES_STATES } from "./meetings/vocabulary.js";
import {
  type Actor,
  abilitiesOf,
  authorize,
  CALENDAR_FEED_VERBS,
  can,
  canChangeRole,
  canCreateDocument,
  canCreateEvent,
  canDecideRegionRequest,
  canDisableUser,
  canManageMeeting,
  canResolveDocumentComment,
  DISTRIBUTION_VERBS,
  type DocumentAccess,
  documentAccess,
  EVENT_REQUEST_VERBS,
  EVENT_VERBS,
  type EventRequestResource,
  type EventResource,
  isActiveMember,
  MENTIONS_VERBS,
  PLAN_PAPERS_PARTS,
  type RegionMembership,
  regionView,
  reservedParts,
  SERIES_VERBS,
  WORKSPACE_ACTIONS,
  type WorkspaceAction,
} from "./policy.js";
import { ROLES, type Role } from "./roles.js";

const actor = (role: Role | null, extra: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  role,
  groupIds: ["g1"],
  ...extra,
});

/** The whole matrix, written out so a change to the policy shows up as a diff here. */
const EXPECTED: Record<WorkspaceAction, Record<Role, boolean>> = {
  "workspace.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "workspace.update": { secretariat: true, member: false, coordinator: false, observer: false },
  "members.list": { secretariat: true, member: true, coordinator: true, observer: true },
  "members.manage": { secretariat: true, member: false, coordinator: false, observer: false },
  "invites.manage": { secretariat: true, member: false, coordinator: false, observer: false },
  "groups.manage": { secretariat: true, member: false, coordinator: false, observer: false },
  "documents.list": { secretariat: true, member: true, coordinator: true, observer: true },
  "documents.create": { secretariat: true, member: true, coordinator: true, observer: false },
  "audit.read": { secretariat: true, member: false, coordinator: false, observer: false },
  "plans.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "plans.create": { secretariat: true, member: false, coordinator: false, observer: false },
  "plans.rebuild": { secretariat: true, member: false, coordinator: false, observer: false },
  "comments.write": { secretariat: true, member: true, coordinator: true, observer: false },
  "meetings.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "meetings.plenary": { secretariat: true, member: false, coordinator: false, observer: false },
  "minutes.fix": { secretariat: true, member: false, coordinator: false, observer: false },
  "indicators.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "indicators.enter": { secretariat: true, member: false, coordinator: true, observer: false },
  "indicators.define": { secretariat: true, member: false, coordinator: false, observer: false },
  "drafts.decide": { secretariat: true, member: false, coordinator: false, observer: false },
  "resources.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "resources.create": { secretariat: true, member: false, coordinator: true, observer: false },
  "resources.import": { secretariat: true, member: false, coordinator: false, observer: false },
  "resources.settings": { secretariat: true, member: false, coordinator: false, observer: false },
  "resources.review": { secretariat: true, member: false, coordinator: false, observer: false },
  "consultations.use": { secretariat: true, member: false, coordinator: true, observer: false },
  "desks.manage": { secretariat: true, member: false, coordinator: false, observer: false },
  "examples.decide": { secretariat: true, member: false, coordinator: false, observer: false },
  "areas.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "areas.manage": { secretariat: true, member: false, coordinator: false, observer: false },
  "events.read": { secretariat: true, member: true, coordinator: true, observer: true },
  "events.create": { secretariat: true, member: true, coordinator: true, observer: false },
  "events.anyOrganiser": { secretariat: true, member: false, coordinator: false, observer: false },
  "events.requests": { secretariat: true, member: false, coordinator: true, observer: false },
  "series.create": { secretariat: true, member: true, coordinator: true, observer: false },
  "outreach.record": { secretariat: true, member: true, coordinator: true, observer: false },
};

describe("workspace actions: every role × action", () => {
  it("covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...WORKSPACE_ACTIONS].sort());
  });
  for (const action of WORKSPACE_ACTIONS) {
    for (const role of ROLES) {
      it(`${role} ${EXPECTED[action][role] ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action)).toBe(EXPECTED[action][role]);
      });
    }
    it(`outsiders and disabled accounts may not ${action}`, () => {
      expect(can(actor(null), action)).toBe(false);
      for (const role of ROLES) expect(can(actor(role, { disabled: true }), action)).toBe(false);
    });
  }
});

describe("document access: role × (workspace-wide | own group | other group)", () => {
  const wide = { workspaceId: "w", groupId: null };
  const own = { workspaceId: "w", groupId: "g1" };
  const other = { workspaceId: "w", groupId: "g2" };
  const expected: Record<Role, [DocumentAccess, DocumentAccess, DocumentAccess]> = {
    secretariat: ["write", "write", "write"],
    member: ["write", "write", "read"],
    coordinator: ["write", "write", "read"],
    observer: ["read", "read", "read"],
  };
  for (const role of ROLES) {
    it(`${role}: ${expected[role].join(", ")}`, () => {
      expect([wide, own, other].map((d) => documentAccess(actor(role), d))).toEqual(expected[role]);
    });
  }
  it("gives outsiders and disabled accounts nothing", () => {
    expect(documentAccess(actor(null), wide)).toBe("none");
    expect(documentAccess(actor("secretariat", { disabled: true }), own)).toBe("none");
  });
});

describe("creating documents", () => {
  it("lets writers create workspace-wide documents and their own groups' documents", () => {
    expect(canCreateDocument(actor("member"), null)).toBe(true);
    expect(canCreateDocument(actor("member"), "g1")).toBe(true);
    expect(canCreateDocument(actor("member"), "g2")).toBe(false);
    expect(canCreateDocument(actor("coordinator"), "g2")).toBe(false);
    expect(canCreateDocument(actor("secretariat"), "g2")).toBe(true);
    expect(canCreateDocument(actor("observer"), null)).toBe(false);
    expect(canCreateDocument(actor("member", { disabled: true }), null)).toBe(false);
  });
});

describe("managing members", () => {
  it("never leaves a workspace without a secretariat", () => {
    const admin = actor("secretariat");
    const target = { userId: "u2", role: "secretariat" as Role };
    expect(canChangeRole(admin, target, "member", 1)).toBe(false);
    expect(canChangeRole(admin, target, "member", 2)).toBe(true);
    expect(canChangeRole(admin, { userId: "u2", role: "member" }, "observer", 1)).toBe(true);
    expect(canChangeRole(actor("member"), { userId: "u2", role: "member" }, "observer", 2)).toBe(false);
  });
  it("lets the secretariat disable others but not themselves", () => {
    expect(canDisableUser(actor("secretariat"), "u2")).toBe(true);
    expect(canDisableUser(actor("secretariat"), "u1")).toBe(false);
    expect(canDisableUser(actor("member"), "u2")).toBe(false);
  });
});

describe("locked documents and meetings", () => {
  it("locked documents are read-only for every role", () => {
    for (const role of ROLES) {
      expect(documentAccess(actor(role), { workspaceId: "w", groupId: null, locked: true })).toBe("read");
      expect(documentAccess(actor(role), { workspaceId: "w", groupId: "g1", locked: true })).toBe("read");
    }
    expect(documentAccess(actor(null), { workspaceId: "w", groupId: null, locked: true })).toBe("none");
  });

  it("minutes under review are edited by the secretariat only; the others read (and comment)", () => {
    for (const groupId of [null, "g1"]) {
      const doc = { workspaceId: "w", groupId, reviewing: true };
      expect(documentAccess(actor("secretariat"), doc)).toBe("write");
      expect(documentAccess(actor("member"), doc)).toBe("read");
      expect(documentAccess(actor("coordinator"), doc)).toBe("read");
      expect(documentAccess(actor("observer"), doc)).toBe("read");
      expect(documentAccess(actor(null), doc)).toBe("none");
      expect(documentAccess(actor("secretariat"), { ...doc, locked: true })).toBe("read");
    }
  });

  it("the secretariat runs any meeting; members and coordinators only their groups' meetings", () => {
    expect(canManageMeeting(actor("secretariat"), null)).toBe(true);
    expect(canManageMeeting(actor("secretariat"), "g2")).toBe(true);
    for (const role of ["member", "coordinator"] as const) {
      expect(canManageMeeting(actor(role), "g1")).toBe(true);
      expect(canManageMeeting(actor(role), "g2")).toBe(false);
      expect(canManageMeeting(actor(role), null)).toBe(false);
    }
    expect(canManageMeeting(actor("observer"), "g1")).toBe(false);
    expect(canManageMeeting(actor("member", { disabled: true }), "g1")).toBe(false);
  });
});

describe("the plan papers' secretariat-only parts", () => {
  it("reserves the plan's profile texts and plan periods for the secretariat, in plans only", () => {
    expect(reservedParts(actor("secretariat"), { kind: "plan" })).toBeNull();
    for (const role of ["member", "coordinator", "observer"] as const)
      expect(reservedParts(actor(role), { kind: "plan" })).toBe(PLAN_PAPERS_PARTS);
    // A disabled secretariat account is nobody's secretariat.
    expect(reservedParts(actor("secretariat", { disabled: true }), { kind: "plan" })).toBe(PLAN_PAPERS_PARTS);
    for (const kind of ["minutes", "draft", "note"])
      expect(reservedParts(actor("member"), { kind })).toBeNull();
  });

  it("names the top-level parts: profile texts and plan periods, not the tables members edit", () => {
    for (const name of ["profile.programName", "profile.plenaryTopics", "planPeriods"])
      expect(PLAN_PAPERS_PARTS.isReserved(name)).toBe(true);
    for (const name of [
      "problems",
      "actions",
      "scheduleRows",
      "scheduleEvents",
      "goals",
      "vision",
      "meta",
      "item.e.purpose",
      "sceneGoals",
    ])
      expect(PLAN_PAPERS_PARTS.isReserved(name)).toBe(false);
  });
});

describe("membership, comments and region plans", () => {
  it("counts only active members of the workspace", () => {
    for (const role of ROLES) expect(isActiveMember(actor(role))).toBe(true);
    expect(isActiveMember(actor(null))).toBe(false);
    expect(isActiveMember(actor("secretariat", { disabled: true }))).toBe(false);
  });

  it("lets the document's editors and the secretariat resolve its comments, locked or not", () => {
    const own = { workspaceId: "w", groupId: "g1", locked: true };
    const other = { workspaceId: "w", groupId: "g2" };
    expect(canResolveDocumentComment(actor("member"), own)).toBe(true);
    expect(canResolveDocumentComment(actor("member"), other)).toBe(false);
    expect(canResolveDocumentComment(actor("secretariat"), other)).toBe(true);
    expect(canResolveDocumentComment(actor("observer"), own)).toBe(false);
    expect(canResolveDocumentComment(actor("member", { disabled: true }), own)).toBe(false);
  });

  describe("region groups", () => {
    const view = (
      kind: "wide" | "prefecture",
      viewerRole: Role | null,
      membership: RegionMembership | null,
      there: Role | null = null,
    ) =>
      regionView({
        kind,
        viewer: actor(viewerRole),
        viewerMembership: membership,
        viewerThere: there === null ? null : actor(there),
      });

    it("shows nothing to a municipality that only asked to join, or is not in the group", () => {
      for (const kind of ["wide", "prefecture"] as const) {
        for (const role of ROLES) {
          for (const membership of ["pending", null] as const) {
            expect(view(kind, role, membership, "secretariat")).toEqual({
              indicators: false,
              planProgress: false,
            });
          }
        }
      }
    });

    it("shows every member's indicators, and plan progress only where the viewer reads plans anyway", () => {
      for (const kind of ["wide", "prefecture"] as const) {
        for (const membership of ["owner", "member"] as const) {
          // Another municipality, where the viewer has no account: no plans, whatever the role.
          for (const role of ROLES) {
            const seen = view(kind, role, membership);
            expect(seen.indicators).toBe(true);
            if (!(kind === "prefecture" && membership === "owner")) expect(seen.planProgress).toBe(false);
          }
          // Their own municipality, or one where they are a member too.
          for (const there of ROLES) expect(view(kind, "member", membership, there).planProgress).toBe(true);
        }
      }
    });

    it("lets a municipality's own observer see its neighbours' plans nowhere (the reported leak)", () => {
      expect(view("prefecture", "observer", "member")).toEqual({ indicators: true, planProgress: false });
      expect(view("wide", "observer", "member")).toEqual({ indicators: true, planProgress: false });
    });

    it("shows the owner of a prefecture group, its secretariat and observers, the members' progress", () => {
      expect(view("prefecture", "secretariat", "owner").planProgress).toBe(true);
      expect(view("prefecture", "observer", "owner").planProgress).toBe(true);
      expect(view("prefecture", "member", "owner").planProgress).toBe(false);
      expect(view("prefecture", "coordinator", "owner").planProgress).toBe(false);
      expect(view("wide", "secretariat", "owner").planProgress).toBe(false);
    });

    it("shows nothing to a disabled account or a non-member of the viewing workspace", () => {
      expect(
        regionView({
          kind: "prefecture",
          viewer: actor("observer", { disabled: true }),
          viewerMembership: "owner",
          viewerThere: actor("observer"),
        }),
      ).toEqual({ indicators: false, planProgress: false });
      expect(view("prefecture", null, "owner")).toEqual({ indicators: false, planProgress: false });
      expect(view("wide", "member", "member", null).planProgress).toBe(false);
      expect(
        regionView({
          kind: "wide",
          viewer: actor("member"),
          viewerMembership: "member",
          viewerThere: actor("observer", { disabled: true }),
        }).planProgress,
      ).toBe(false);
    });

    it("lets only the owner's secretariat decide on requests", () => {
      expect(canDecideRegionRequest(actor("secretariat"), "owner")).toBe(true);
      for (const role of ROLES.filter((r) => r !== "secretariat"))
        expect(canDecideRegionRequest(actor(role), "owner")).toBe(false);
      for (const membership of ["member", "pending", null] as const)
        expect(canDecideRegionRequest(actor("secretariat"), membership)).toBe(false);
    });
  });
});

describe("resources: authorize(verb, resource) and abilities", () => {
  it("lets the secretariat and coordinators enter an indicator's values, except those Tsumugi counts", () => {
    for (const role of ROLES) {
      const enters = role === "secretariat" || role === "coordinator";
      expect(abilitiesOf(actor(role), { kind: "indicator", derived: false })).toEqual({
        enterValues: enters,
      });
      expect(abilitiesOf(actor(role), { kind: "indicator", derived: true })).toEqual({ enterValues: false });
    }
  });

  it("lets the secretariat leave a region group it is in and decide on requests to its own", () => {
    const group = (membership: RegionMembership | null) => ({ kind: "regionGroup", membership }) as const;
    expect(abilitiesOf(actor("secretariat"), group("owner"))).toEqual({ decideRequests: true, leave: true });
    expect(abilitiesOf(actor("secretariat"), group("member"))).toEqual({
      decideRequests: false,
      leave: true,
    });
    expect(abilitiesOf(actor("secretariat"), group("pending"))).toEqual({
      decideRequests: false,
      leave: true,
    });
    expect(abilitiesOf(actor("secretariat"), group(null))).toEqual({ decideRequests: false, leave: false });
    for (const role of ROLES.filter((r) => r !== "secretariat"))
      expect(abilitiesOf(actor(role), group("owner"))).toEqual({ decideRequests: false, leave: false });
  });

  it("answers every verb of a resource, the same as authorize does for each", () => {
    const group = { kind: "group", id: "g1" } as const;
    for (const role of ROLES) {
      const abilities = abilitiesOf(actor(role), group);
      expect(Object.keys(abilities)).toEqual([
        "update",
        "delete",
        "addMember",
        "removeMember",
        "createDocument",
        "createMeeting",
        "createEvent",
      ]);
      for (const [verb, allowed] of Object.entries(abilities)) {
        // The actor is in g1: everyone but observers writes its documents and runs its meetings;
        // only the secretariat keeps it.
        expect(allowed, `${role} ${verb}`).toBe(
          verb === "createDocument" || verb === "createMeeting" || verb === "createEvent"
            ? role !== "observer"
            : role === "secretariat",
        );
        expect(authorize(actor(role), verb as keyof typeof abilities, group)).toBe(allowed);
      }
    }
    expect(abilitiesOf(actor("secretariat", { disabled: true }), group).update).toBe(false);
  });

  it("gives the home page's lists to those the plan gives them to: own actions to its writers, the whole plan's overdue ones to the secretariat", () => {
    const home = { kind: "home", workspaceId: "w1" } as const;
    expect(
      Object.fromEntries([...ROLES, null].map((role) => [String(role), abilitiesOf(actor(role), home)])),
    ).toEqual({
      secretariat: { ownActions: true, overdueActions: true },
      member: { ownActions: true, overdueActions: false },
      coordinator: { ownActions: true, overdueActions: false },
      observer: { ownActions: false, overdueActions: false },
      null: { ownActions: false, overdueActions: false },
    });
    expect(abilitiesOf(actor("secretariat", { disabled: true }), home)).toEqual({
      ownActions: false,
      overdueActions: false,
    });
  });

  it("has the workspace's abilities be its actions", () => {
    for (const role of ROLES)
      expect(abilitiesOf(actor(role), { kind: "workspace" })).toEqual(
        Object.fromEntries(WORKSPACE_ACTIONS.map((a) => [a, EXPECTED[a][role]])),
      );
  });

  it("lets the secretariat disable or re-enable others, never itself, and offers only the one that applies", () => {
    const admin = actor("secretariat");
    const active = { kind: "member", userId: "u2", disabled: false } as const;
    const disabled = { ...active, disabled: true };
    expect(abilitiesOf(admin, active)).toEqual({
      changeRole: true,
      disable: true,
      enable: false,
      endSessions: true,
    });
    expect(abilitiesOf(admin, disabled)).toMatchObject({ disable: false, enable: true });
    expect(abilitiesOf(admin, { ...active, userId: "u1" })).toMatchObject({ disable: false, enable: false });
    for (const role of ["member", "coordinator", "observer"] as const)
      expect(Object.values(abilitiesOf(actor(role), active)).some(Boolean)).toBe(false);
  });

  it("lets the secretariat and coordinators edit directory entries; closing, deleting and links are the secretariat's", () => {
    const imported = { kind: "resource", status: "active", manual: false } as const;
    const manual = { ...imported, manual: true };
    const closed = { ...imported, status: "closed" } as const;
    expect(abilitiesOf(actor("secretariat"), imported)).toEqual({
      update: true,
      close: true,
      delete: false,
      sendLink: true,
      link: true,
    });
    expect(abilitiesOf(actor("secretariat"), manual).delete).toBe(true);
    expect(abilitiesOf(actor("secretariat"), closed)).toMatchObject({ close: false, sendLink: false });
    expect(abilitiesOf(actor("coordinator"), manual)).toEqual({
      update: true,
      close: false,
      delete: false,
      sendLink: false,
      link: true,
    });
    expect(abilitiesOf(actor("member"), manual)).toEqual({
      update: false,
      close: false,
      delete: false,
      sendLink: false,
      link: true,
    });
    expect(Object.values(abilitiesOf(actor("observer"), manual)).some(Boolean)).toBe(false);
    expect(Object.values(abilitiesOf(actor("secretariat", { disabled: true }), manual)).some(Boolean)).toBe(
      false,
    );
  });
  it("lets everyone of the workspace read a meeting and its papers; runs it as canManageMeeting says", () => {
    const ofGroup = { kind: "meeting", id: "m1", groupId: "g1" } as const;
    const plenary = { kind: "meeting", id: "m2", groupId: null } as const;
    const answer = (read: boolean, manage: boolean, fixMinutes = false) => ({
      read,
      manage,
      fixMinutes,
      commentMinutes: manage,
      // Without the meeting's state no step is open.
      publish: false,
      start: false,
      close: false,
      edit: false,
      circulateMinutes: false,
      fixCirculatedMinutes: false,
    });
    expect(abilitiesOf(actor("observer"), ofGroup)).toEqual(answer(true, false));
    expect(abilitiesOf(actor("member"), ofGroup)).toEqual(answer(true, true));
    expect(abilitiesOf(actor("member"), plenary)).toEqual(answer(true, false));
    expect(abilitiesOf(actor("coordinator", { groupIds: [] }), ofGroup)).toEqual(answer(true, false));
    // Fixing minutes makes them the official record: the secretariat's, whoever runs the meeting.
    expect(abilitiesOf(actor("secretariat"), plenary)).toEqual(answer(true, true, true));
    expect(abilitiesOf(actor("secretariat"), ofGroup)).toEqual(answer(true, true, true));
    expect(abilitiesOf(actor(null), plenary)).toEqual(answer(false, false));
    expect(abilitiesOf(actor("secretariat", { disabled: true }), plenary)).toEqual(answer(false, false));
    // Invitees comment on the circulated minutes; an invited observer only reads them.
    expect(abilitiesOf(actor("member"), { ...plenary, invited: true }).commentMinutes).toBe(true);
    expect(abilitiesOf(actor("observer"), { ...plenary, invited: true }).commentMinutes).toBe(false);
  });

  it("opens each step of a meeting to those who run it (fixing to the secretariat) only in the state it follows", () => {
    const next = { draft: "published", published: "inProgress", inProgress: "closed", closed: null } as const;
    const actors = [
      ...ROLES.map((role) => actor(role)),
      actor("member", { groupIds: [] }),
      actor("secretariat", { disabled: true }),
      actor(null),
    ];
    for (const a of actors)
      for (const groupId of ["g1", null])
        for (const { id: state } of MEETING_STATES)
          for (const { id: minutesState } of MINUTES_STATES) {
            const meeting = { kind: "meeting", id: "m1", groupId, state, minutesState } as const;
            const may = abilitiesOf(a, meeting);
            const manage = canManageMeeting(a, groupId);
            const closed = state === "closed";
            // The rules the meeting page applied itself before the policy said them.
            expect(
              {
                publish: may.publish,
                start: may.start,
                close: may.close,
                edit: may.edit,
                circulateMinutes: may.circulateMinutes,
                fixCirculatedMinutes: may.fixCirculatedMinutes,
              },
              `${a.role} ${groupId} ${state}/${minutesState}`,
            ).toEqual({
              publish: manage && next[state] === "published",
              start: manage && next[state] === "inProgress",
              close: manage && next[state] === "closed",
              edit: manage && !closed,
              circulateMinutes: manage && closed && minutesState === "drafting",
              fixCirculatedMinutes: may.fixMinutes && closed && minutesState === "circulating",
            });
            expect(may.manage).toBe(manage);
          }
    // Who fixes: the secretariat, whichever group holds the meeting.
    const circulated = {
      kind: "meeting",
      id: "m1",
      groupId: "g1",
      state: "closed",
      minutesState: "circulating",
    } as const;
    expect(abilitiesOf(actor("secretariat"), circulated).fixCirculatedMinutes).toBe(true);
    expect(abilitiesOf(actor("member"), circulated).fixCirculatedMinutes).toBe(false);
  });

  it("lets whoever writes both the minutes and the plan make a 取組 outcome a plan action", () => {
    const plan = { workspaceId: "w1", groupId: null };
    const outcome = (minutes: { groupId: string | null; locked?: boolean; reviewing?: boolean }) =>
      ({ kind: "meetingOutcome", minutes: { workspaceId: "w1", ...minutes }, plan }) as const;
    const makes = (a: Actor, o: ReturnType<typeof outcome>) => authorize(a, "makeAction", o);
    expect(makes(actor("member"), outcome({ groupId: "g1" }))).toBe(true);
    expect(makes(actor("coordinator"), outcome({ groupId: null }))).toBe(true);
    expect(makes(actor("secretariat", { groupIds: [] }), outcome({ groupId: "g1" }))).toBe(true);
    // Another group's minutes, observers, outsiders and disabled accounts: no.
    expect(makes(actor("member", { groupIds: [] }), outcome({ groupId: "g1" }))).toBe(false);
    expect(makes(actor("observer"), outcome({ groupId: null }))).toBe(false);
    expect(makes(actor(null), outcome({ groupId: null }))).toBe(false);
    expect(makes(actor("member", { disabled: true }), outcome({ groupId: "g1" }))).toBe(false);
    // Fixed minutes: nobody; circulated minutes: the secretariat only.
    expect(makes(actor("secretariat"), outcome({ groupId: null, locked: true }))).toBe(false);
    expect(makes(actor("member"), outcome({ groupId: "g1", reviewing: true }))).toBe(false);
    expect(makes(actor("secretariat"), outcome({ groupId: "g1", reviewing: true }))).toBe(true);
    // A plan nobody may write (locked) takes no action.
    expect(
      authorize(actor("secretariat"), "makeAction", {
        ...outcome({ groupId: null }),
        plan: { ...plan, locked: true },
      }),
    ).toBe(false);
    // The same answer the meeting page gives: its minutes' access and the plan's edit ability.
    for (const role of ROLES)
      for (const minutes of [{ groupId: "g1" }, { groupId: "g2" }, { groupId: null, reviewing: true }]) {
        const a = actor(role);
        const o = outcome(minutes);
        expect(makes(a, o), `${role} ${JSON.stringify(minutes)}`).toBe(
          documentAccess(a, o.minutes) === "write" && abilitiesOf(a, { kind: "plan", ...plan }).edit,
        );
      }
  });

  it("lets only the secretariat word the meeting papers", () => {
    for (const role of ROLES)
      expect(authorize(actor(role), "update", { kind: "meetingPaperSettings" }), role).toBe(
        role === "secretariat",
      );
    expect(
      authorize(actor("secretariat", { disabled: true }), "update", { kind: "meetingPaperSettings" }),
    ).toBe(false);
  });

  it("lets the secretariat revoke an invitation while it can still be used", () => {
    const pending = { kind: "invite", pending: true } as const;
    expect(abilitiesOf(actor("secretariat"), pending)).toEqual({ revoke: true });
    expect(authorize(actor("secretariat"), "revoke", { ...pending, pending: false })).toBe(false);
    expect(authorize(actor("secretariat", { disabled: true }), "revoke", pending)).toBe(false);
    for (const role of ["member", "coordinator", "observer"] as const)
      expect(authorize(actor(role), "revoke", pending)).toBe(false);
  });
});

describe("the consultation desk: records only for its coordinators and the secretariat", () => {
  const desk = { kind: "desk", staffIds: ["u1"] } as const;
  const otherDesk = { kind: "desk", staffIds: ["u9"] } as const;
  const record = { kind: "consultation", deskStaffIds: ["u1"], anonymised: false } as const;

  it("lets the desk's coordinator and the secretariat read and write records, nobody else", () => {
    for (const role of ROLES) {
      const works = role === "secretariat" || role === "coordinator";
      expect(abilitiesOf(actor(role), desk), role).toMatchObject({ readRecords: works, writeRecords: works });
      expect(abilitiesOf(actor(role), record), role).toEqual({
        read: works,
        update: works,
        draftExample: works,
      });
    }
    // A coordinator of another desk (another ward), even in every group, sees none of them.
    const elsewhere = actor("coordinator", { userId: "u2", groupIds: ["g1", "g2"] });
    expect(Object.values(abilitiesOf(elsewhere, record)).some(Boolean)).toBe(false);
    expect(abilitiesOf(actor("coordinator"), otherDesk)).toMatchObject({ readRecords: false, update: false });
    expect(abilitiesOf(actor("secretariat"), otherDesk)).toMatchObject({ readRecords: true, update: true });
    // Someone outside the workspace, or disabled, gets nothing whatever the staff list says.
    expect(Object.values(abilitiesOf(actor(null), record)).some(Boolean)).toBe(false);
    expect(Object.values(abilitiesOf(actor("coordinator", { disabled: true }), record)).some(Boolean)).toBe(
      false,
    );
  });

  it("keeps opening desks and naming their staff to the secretariat", () => {
    expect(abilitiesOf(actor("coordinator"), desk)).toMatchObject({
      update: true,
      manageStaff: false,
      delete: false,
    });
    expect(abilitiesOf(actor("secretariat"), desk)).toMatchObject({ manageStaff: true, delete: true });
  });

  it("reads an anonymised record but never changes it", () => {
    const old = { ...record, anonymised: true };
    expect(abilitiesOf(actor("coordinator"), old)).toEqual({ read: true, update: false, draftExample: true });
  });

  it("moves a published example: the desk drafts and submits, the secretariat approves, returns, withdraws", () => {
    const at = (status: "draft" | "submitted" | "returned" | "published" | "withdrawn") =>
      ({ kind: "example", status, deskStaffIds: ["u1"] }) as const;
    expect(abilitiesOf(actor("coordinator"), at("draft"))).toEqual({
      update: true,
      submit: true,
      approve: false,
      return: false,
      withdraw: false,
      delete: true,
    });
    expect(abilitiesOf(actor("coordinator"), at("submitted"))).toMatchObject({
      update: false,
      approve: false,
    });
    expect(abilitiesOf(actor("secretariat"), at("submitted"))).toMatchObject({ approve: true, return: true });
    expect(abilitiesOf(actor("coordinator"), at("returned"))).toMatchObject({ update: true, submit: true });
    expect(abilitiesOf(actor("secretariat"), at("published"))).toMatchObject({
      withdraw: true,
      update: false,
      delete: false,
    });
    for (const role of ["member", "observer"] as const)
      expect(Object.values(abilitiesOf(actor(role), at("submitted"))).some(Boolean)).toBe(false);
  });
});

describe("events: organisers, observers and co-hosting municipalities", () => {
  const ev = (organiserGroupIds: string[], cohost = false): EventResource => ({
    kind: "event",
    organiserGroupIds,
    cohost,
  });
  const granted = (a: Actor, r: EventResource) => EVENT_VERBS.filter((v) => abilitiesOf(a, r)[v]);

  it("the secretariat runs every event of its own municipality, with or without organiser groups", () => {
    expect(granted(actor("secretariat", { groupIds: [] }), ev([]))).toEqual([...EVENT_VERBS]);
    expect(granted(actor("secretariat", { groupIds: [] }), ev(["g9"]))).toEqual([...EVENT_VERBS]);
  });

  it("members and coordinators run the events their own groups organise, and only see the others", () => {
    for (const role of ["member", "coordinator"] as const) {
      expect(granted(actor(role), ev(["g2", "g1"]))).toEqual([...EVENT_VERBS]);
      expect(granted(actor(role), ev(["g2"]))).toEqual(["readResults", "readMaterials"]);
      expect(granted(actor(role), ev([]))).toEqual(["readResults", "readMaterials"]);
    }
  });

  it("observers never read participants, even of an event of their group; they read its materials", () => {
    expect(granted(actor("observer"), ev(["g1"]))).toEqual(["readResults", "readMaterials"]);
  });

  it("a co-hosting municipality sees counts, not the host's own materials; only its secretariat sees participants who agreed", () => {
    expect(granted(actor("secretariat"), ev(["g1"], true))).toEqual([
      "readAgreedParticipants",
      "readResults",
    ]);
    expect(granted(actor("member"), ev(["g1"], true))).toEqual(["readResults"]);
  });

  it("disabled accounts and outsiders get nothing", () => {
    expect(granted(actor("secretariat", { disabled: true }), ev([]))).toEqual([]);
    expect(granted(actor(null), ev(["g1"]))).toEqual([]);
  });

  it("creating an event: the secretariat for any; members and coordinators only with a group of theirs", () => {
    expect(canCreateEvent(actor("secretariat", { groupIds: [] }), [])).toBe(true);
    expect(canCreateEvent(actor("member"), ["g1"])).toBe(true);
    expect(canCreateEvent(actor("coordinator"), ["g2", "g1"])).toBe(true);
    expect(canCreateEvent(actor("member"), ["g2"])).toBe(false);
    expect(canCreateEvent(actor("member"), [])).toBe(false);
    expect(canCreateEvent(actor("observer"), ["g1"])).toBe(false);
  });

  it("organising an event as some groups: the secretariat as any (or none); others only with a group of theirs", () => {
    const as = (groupIds: string[]) => ({ kind: "eventOrganisers", groupIds }) as const;
    expect(authorize(actor("secretariat", { groupIds: [] }), "organise", as([]))).toBe(true);
    expect(authorize(actor("secretariat", { groupIds: [] }), "organise", as(["g9"]))).toBe(true);
    for (const role of ["member", "coordinator"] as const) {
      expect(authorize(actor(role), "organise", as(["g2", "g1"]))).toBe(true);
      expect(authorize(actor(role), "organise", as(["g2"]))).toBe(false);
      expect(authorize(actor(role), "organise", as([]))).toBe(false);
    }
    expect(authorize(actor("observer"), "organise", as(["g1"]))).toBe(false);
    expect(authorize(actor("member", { disabled: true }), "organise", as(["g1"]))).toBe(false);
  });
});

describe("documents: abilities from the policy", () => {
  const draft = (draftStatus: "drafting" | "reviewing" | "approved" | "published", groupId = "g1") =>
    ({
      kind: "document",
      workspaceId: "w",
      groupId,
      locked: draftStatus === "approved" || draftStatus === "published",
      draftStatus,
    }) as const;

  it("offers each step of a draft's workflow only from its status and to whom canMoveDraft allows", () => {
    expect(abilitiesOf(actor("member"), draft("drafting"))).toMatchObject({
      edit: true,
      submitForReview: true,
      approve: false,
    });
    expect(abilitiesOf(actor("member"), draft("drafting", "g2"))).toMatchObject({
      edit: false,
      comment: true,
      submitForReview: false,
    });
    expect(abilitiesOf(actor("secretariat"), draft("reviewing"))).toMatchObject({
      submitForReview: false,
      sendBack: true,
      approve: true,
      publish: false,
    });
    expect(abilitiesOf(actor("secretariat"), draft("approved"))).toMatchObject({
      publish: true,
      unpublish: false,
    });
    expect(abilitiesOf(actor("secretariat"), draft("published"))).toMatchObject({
      publish: false,
      unpublish: true,
    });
    for (const role of ["member", "coordinator", "observer"] as const)
      expect(authorize(actor(role), "approve", draft("reviewing")), role).toBe(false);
    const note = { kind: "document", workspaceId: "w", groupId: null, draftStatus: null } as const;
    expect(abilitiesOf(actor("secretariat"), note)).toMatchObject({
      submitForReview: false,
      unpublish: false,
    });
  });

  it("lets the draft's editors resolve comments on it once approved, though nobody edits it", () => {
    expect(abilitiesOf(actor("member"), draft("approved"))).toMatchObject({
      read: true,
      edit: false,
      resolveComments: true,
    });
    expect(abilitiesOf(actor("observer"), draft("drafting"))).toMatchObject({
      read: true,
      comment: false,
      resolveComments: false,
    });
    expect(
      Object.values(abilitiesOf(actor("secretariat", { disabled: true }), draft("drafting"))).some(Boolean),
    ).toBe(false);
  });

  it("lets everyone read a plan, members edit it, and only the secretariat word its papers and rebuild it", () => {
    const plan = { kind: "plan", workspaceId: "w1", groupId: null } as const;
    expect(abilitiesOf(actor("secretariat"), plan)).toEqual({
      read: true,
      edit: true,
      editPapers: true,
      rebuild: true,
    });
    for (const role of ["member", "coordinator"] as const)
      expect(abilitiesOf(actor(role), plan)).toEqual({
        read: true,
        edit: true,
        editPapers: false,
        rebuild: false,
      });
    expect(abilitiesOf(actor("observer"), plan)).toEqual({
      read: true,
      edit: false,
      editPapers: false,
      rebuild: false,
    });
    expect(Object.values(abilitiesOf(actor(null), plan)).some(Boolean)).toBe(false);
    expect(Object.values(abilitiesOf(actor("secretariat", { disabled: true }), plan)).some(Boolean)).toBe(
      false,
    );
  });

  it("lets a group's members and the secretariat create the group's documents", () => {
    const group = { kind: "group", id: "g1" } as const;
    expect(authorize(actor("member"), "createDocument", group)).toBe(true);
    expect(authorize(actor("member"), "createDocument", { ...group, id: "g2" })).toBe(false);
    expect(authorize(actor("secretariat"), "createDocument", { ...group, id: "g2" })).toBe(true);
    expect(authorize(actor("observer"), "createDocument", group)).toBe(false);
    // An observer in a group runs none of its meetings (会議を作成 is not offered to them).
    expect(authorize(actor("observer"), "createMeeting", group)).toBe(false);
    expect(authorize(actor("member"), "createMeeting", group)).toBe(true);
    expect(authorize(actor("member"), "createMeeting", { ...group, id: "g2" })).toBe(false);
  });
});

describe("comment threads", () => {
  const planRow = { kind: "commentThread", on: "planRow" } as const;
  const minutes = (invited: boolean, groupId: string | null = null) =>
    ({
      kind: "commentThread",
      on: "minutes",
      meeting: { kind: "meeting", id: "m1", groupId, invited },
    }) as const;
  const approvedDraft = {
    kind: "commentThread",
    on: "document",
    document: { kind: "document", workspaceId: "w", groupId: "g1", locked: true, draftStatus: "approved" },
  } as const;

  it("on a plan row: read by everyone, written by those who write the plan, never resolved", () => {
    for (const role of ROLES)
      expect(abilitiesOf(actor(role), planRow), role).toEqual({
        read: true,
        comment: role !== "observer",
        resolve: false,
      });
    expect(abilitiesOf(actor("secretariat", { disabled: true }), planRow)).toEqual({
      read: false,
      comment: false,
      resolve: false,
    });
  });

  it("on minutes: invitees and those who run the meeting comment, those who run it resolve", () => {
    expect(abilitiesOf(actor("member"), minutes(true))).toEqual({
      read: true,
      comment: true,
      resolve: false,
    });
    expect(abilitiesOf(actor("member"), minutes(false))).toEqual({
      read: true,
      comment: false,
      resolve: false,
    });
    expect(abilitiesOf(actor("member"), minutes(false, "g1"))).toEqual({
      read: true,
      comment: true,
      resolve: true,
    });
    expect(abilitiesOf(actor("observer"), minutes(true))).toEqual({
      read: true,
      comment: false,
      resolve: false,
    });
    expect(abilitiesOf(actor("secretariat"), minutes(false))).toEqual({
      read: true,
      comment: true,
      resolve: true,
    });
  });

  it("on a document: as the document says (the group resolves on its approved draft)", () => {
    expect(abilitiesOf(actor("member"), approvedDraft)).toEqual({ read: true, comment: true, resolve: true });
    expect(abilitiesOf(actor("member", { groupIds: [] }), approvedDraft)).toEqual({
      read: true,
      comment: true,
      resolve: false,
    });
    expect(abilitiesOf(actor("observer"), approvedDraft)).toEqual({
      read: true,
      comment: false,
      resolve: false,
    });
  });

  it("a comment is resolved once, by those who resolve the thread's comments", () => {
    const open = { kind: "comment", thread: approvedDraft, resolved: false } as const;
    expect(authorize(actor("member"), "resolve", open)).toBe(true);
    expect(authorize(actor("member"), "resolve", { ...open, resolved: true })).toBe(false);
    expect(authorize(actor("member", { groupIds: [] }), "resolve", open)).toBe(false);
    expect(
      authorize(actor("secretariat"), "resolve", { kind: "comment", thread: planRow, resolved: false }),
    ).toBe(false);
  });
});

describe("materials handed out (配布物)", () => {
  const granted = (a: Actor) => DISTRIBUTION_VERBS.filter((v) => abilitiesOf(a, { kind: "distribution" })[v]);

  it("whoever records them corrects and deletes any record; observers and the disabled only read", () => {
    for (const role of ["secretariat", "member", "coordinator"] as const)
      expect(granted(actor(role, { groupIds: [] }))).toEqual(["update", "delete"]);
    expect(granted(actor("observer"))).toEqual([]);
    expect(granted(actor("member", { disabled: true }))).toEqual([]);
    expect(granted(actor(null))).toEqual([]);
  });
});

describe("series of events", () => {
  const granted = (a: Actor) => SERIES_VERBS.filter((v) => abilitiesOf(a, { kind: "series" })[v]);

  it("whoever runs events creates and renames series, whatever their groups; observers and the disabled only read", () => {
    for (const role of ["secretariat", "member", "coordinator"] as const) {
      expect(can(actor(role, { groupIds: [] }), "series.create")).toBe(true);
      expect(granted(actor(role, { groupIds: [] }))).toEqual(["update"]);
    }
    expect(granted(actor("observer"))).toEqual([]);
    expect(granted(actor("secretariat", { disabled: true }))).toEqual([]);
    expect(granted(actor(null))).toEqual([]);
  });
});

describe("出前講座 requests", () => {
  const req = (status: EventRequestResource["status"], hasLecture = false): EventRequestResource => ({
    kind: "eventRequest",
    status,
    hasLecture,
  });
  const granted = (a: Actor, r: EventRequestResource) =>
    EVENT_REQUEST_VERBS.filter((v) => abilitiesOf(a, r)[v]);

  it("the secretariat and coordinators move and note every request and make a lecture from an open one without one", () => {
    for (const role of ["secretariat", "coordinator"] as const) {
      const a = actor(role, { groupIds: [] });
      for (const status of ["received", "arranging", "decided"] as const)
        expect(granted(a, req(status)), status).toEqual(["update", "makeLecture"]);
      expect(granted(a, req("arranging", true))).toEqual(["update"]);
      expect(granted(a, req("done", true))).toEqual(["update"]);
      // Closed: taken up again (お断り → 受付) before a lecture is made from it.
      expect(granted(a, req("declined"))).toEqual(["update"]);
      expect(granted(a, req("done"))).toEqual(["update"]);
    }
  });

  it("members, observers, outsiders and disabled accounts do nothing with them", () => {
    for (const a of [
      actor("member"),
      actor("observer"),
      actor(null),
      actor("secretariat", { disabled: true }),
    ])
      expect(granted(a, req("received"))).toEqual([]);
  });
});

describe("calendar feeds", () => {
  const feed = (userId: string) => ({ kind: "calendarFeed", userId }) as const;

  it("every active member reads, creates and revokes their own feed of the meetings they read", () => {
    for (const role of ROLES)
      expect(CALENDAR_FEED_VERBS.filter((v) => authorize(actor(role), v, feed("u1")))).toEqual([
        "read",
        "create",
        "revoke",
      ]);
  });

  it("nobody, the secretariat included, touches another person's feed; disabled accounts and outsiders not even their own", () => {
    expect(Object.values(abilitiesOf(actor("secretariat"), feed("u2"))).some(Boolean)).toBe(false);
    expect(Object.values(abilitiesOf(actor("member", { disabled: true }), feed("u1"))).some(Boolean)).toBe(
      false,
    );
    expect(Object.values(abilitiesOf(actor(null), feed("u1"))).some(Boolean)).toBe(false);
  });
});

describe("mentions", () => {
  const mentions = (userId: string) => ({ kind: "mentions", userId }) as const;

  it("every active member reads their own mentions and marks them read", () => {
    for (const role of ROLES)
      expect(MENTIONS_VERBS.filter((v) => authorize(actor(role), v, mentions("u1")))).toEqual([
        "read",
        "markRead",
      ]);
  });

  it("nobody, the secretariat included, reads or marks another person's; disabled accounts and outsiders not even their own", () => {
    expect(Object.values(abilitiesOf(actor("secretariat"), mentions("u2"))).some(Boolean)).toBe(false);
    expect(
      Object.values(abilitiesOf(actor("member", { disabled: true }), mentions("u1"))).some(Boolean),
    ).toBe(false);
    expect(Object.values(abilitiesOf(actor(null), mentions("u1"))).some(Boolean)).toBe(false);
  });
});
