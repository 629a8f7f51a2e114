/**
 * The permission policy: every allow/deny decision of Tsumugi is made here, and the REST
 * routes and the WebSocket endpoint both ask this module. Pure functions, no I/O.
 */
import type { ExampleStatus } from "./desk/vocabulary.js";
import type { DraftStatus } from "./drafts.js";
import type { RequestStatus } from "./events/vocabulary.js";
import type { MeetingState, MinutesState } from "./meetings/vocabulary.js";
import type { Role } from "./roles.js";

/** Who is asking, as seen inside one workspace. */
export interface Actor {
  userId: string;
  /** Role in the workspace, or null when the user does not belong to it. */
  role: Role | null;
  /** Groups of the workspace the user is a member of. */
  groupIds: readonly string[];
  /** A disabled account may do nothing. */
  disabled?: boolean;
}

/** Workspace-level actions. */
export const WORKSPACE_ACTIONS = [
  "workspace.read",
  "workspace.update",
  "members.list",
  "members.manage",
  "invites.manage",
  "groups.manage",
  "documents.list",
  "documents.create",
  "audit.read",
  "plans.read",
  "plans.create",
  "plans.rebuild",
  "comments.write",
  "meetings.read",
  "meetings.plenary",
  "minutes.fix",
  "indicators.read",
  "indicators.enter",
  "indicators.define",
  "drafts.decide",
  "consultations.use",
  "desks.manage",
  "examples.decide",
  "areas.read",
  "areas.manage",
  "resources.read",
  "resources.create",
  "resources.import",
  "resources.settings",
  "resources.review",
  "events.read",
  "events.create",
  "events.anyOrganiser",
  "events.requests",
  "series.create",
  "outreach.record",
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

const WORKSPACE_MATRIX: Record<WorkspaceAction, readonly Role[]> = {
  "workspace.read": ["secretariat", "member", "coordinator", "observer"],
  "workspace.update": ["secretariat"],
  "members.list": ["secretariat", "member", "coordinator", "observer"],
  "members.manage": ["secretariat"],
  "invites.manage": ["secretariat"],
  "groups.manage": ["secretariat"],
  "documents.list": ["secretariat", "member", "coordinator", "observer"],
  "documents.create": ["secretariat", "member", "coordinator"],
  "audit.read": ["secretariat"],
  "plans.read": ["secretariat", "member", "coordinator", "observer"],
  // A new 年度's plan (and carrying last year's over) is the secretariat's decision.
  "plans.create": ["secretariat"],
  "plans.rebuild": ["secretariat"],
  "comments.write": ["secretariat", "member", "coordinator"],
  "meetings.read": ["secretariat", "member", "coordinator", "observer"],
  // Meetings of the whole committee (and any group's); members and coordinators run their groups'.
  "meetings.plenary": ["secretariat"],
  // Fixing minutes makes them the official record, read-only for everyone.
  "minutes.fix": ["secretariat"],
  "indicators.read": ["secretariat", "member", "coordinator", "observer"],
  // The secretariat enters values; the coordinator keeps the consultation desk's figures.
  "indicators.enter": ["secretariat", "coordinator"],
  "indicators.define": ["secretariat"],
  // Sending a draft back, approving, publishing and withdrawing it is the plenary's (事務局) call.
  "drafts.decide": ["secretariat"],
  // The consultation desk (相談支援): its records are 要配慮個人情報, for the desk's coordinators
  // and the secretariat only; members, observers and other municipalities never see them.
  "consultations.use": ["secretariat", "coordinator"],
  // Opening desks and naming their coordinators.
  "desks.manage": ["secretariat"],
  // Approving, returning and withdrawing published examples (主な相談内容と対応).
  "examples.decide": ["secretariat"],
  // 日常生活圏域: one list shared by the desk and the directory; everyone reads the names, the
  // secretariat adds, renames, reorders and deletes them.
  "areas.read": ["secretariat", "member", "coordinator", "observer"],
  "areas.manage": ["secretariat"],
  // The directory with its professionals-only fields (連絡可能時間, 地域連携窓口, 空き状況).
  "resources.read": ["secretariat", "member", "coordinator", "observer"],
  // The desk's coordinators keep entries current too (a provider calls with new hours).
  "resources.create": ["secretariat", "coordinator"],
  // Open-data imports, the public page and the providers' links: the secretariat's.
  "resources.import": ["secretariat"],
  "resources.settings": ["secretariat"],
  // Applying or refusing what a provider sent through their link.
  "resources.review": ["secretariat"],
  // Trainings and outreach (研修・普及啓発): everyone sees the events and their counts; who may
  // run one is decided per event (its organiser groups, `canCreateEvent`).
  "events.read": ["secretariat", "member", "coordinator", "observer"],
  "events.create": ["secretariat", "member", "coordinator"],
  // Events of the municipality itself (no organiser group) or of any group; members and
  // coordinators organise as their own groups.
  "events.anyOrganiser": ["secretariat"],
  // 出前講座 requests carry the requester's contact: the secretariat and the desk handle them.
  "events.requests": ["secretariat", "coordinator"],
  // Series of events (つむぐ会, the 出前講座 offered on the public form): whoever runs events.
  "series.create": ["secretariat", "member", "coordinator"],
  // Leaflets, booklets and the information paper handed out (配布物の記録).
  "outreach.record": ["secretariat", "member", "coordinator"],
};

function activeRole(actor: Actor): Role | null {
  if (actor.disabled) return null;
  return actor.role;
}

export function can(actor: Actor, action: WorkspaceAction): boolean {
  const role = activeRole(actor);
  return role !== null && WORKSPACE_MATRIX[action].includes(role);
}

/** A document as the policy sees it. `groupId` null means a workspace-wide document. */
export interface DocumentRef {
  workspaceId: string;
  groupId: string | null;
  /** Fixed minutes, approved drafts: read-only for everyone. */
  locked?: boolean;
  /**
   * Minutes circulated for review (確認依頼中), a draft before the plenary (全体会で確認中):
   * the others comment and suggest; only the secretariat, who fixes or approves them, still
   * edits the text.
   */
  reviewing?: boolean;
}

export type DocumentAccess = "write" | "read" | "none";

/**
 * Workspace-wide documents: secretariat, members and coordinators write; observers read.
 * A group's documents: its members and the secretariat write; everyone else in the
 * workspace reads. Locked documents are read by all; minutes under review are written only by
 * the secretariat. Outsiders and disabled accounts get nothing.
 */
export function documentAccess(actor: Actor, doc: DocumentRef): DocumentAccess {
  const role = activeRole(actor);
  if (role === null) return "none";
  if (role === "observer" || doc.locked) return "read";
  if (role === "secretariat") return "write";
  if (doc.reviewing) return "read";
  if (doc.groupId === null) return "write";
  return actor.groupIds.includes(doc.groupId) ? "write" : "read";
}

/**
 * Parts of a document's content that only some of its writers may change, by the name of the
 * top-level Yjs type holding them. The collab server refuses an update touching one of them
 * from any other writer (collab/reserved-parts.ts), whatever the page offered.
 */
export interface ReservedParts {
  /** What a refusal names (audit, log, the page's message). */
  readonly id: "planPapers";
  isReserved(rootName: string): boolean;
}

/**
 * The plan papers' secretariat-only fields: the profile texts (事業名, 事務局, 会議体,
 * 構成団体, 全体会検討事項: `profile.<field>`) and the plan periods with their milestones
 * (事業評価: `planPeriods`). The screens offer them to the secretariat only (plans.create).
 */
export const PLAN_PAPERS_PARTS: ReservedParts = {
  id: "planPapers",
  isReserved: (rootName) => rootName === "planPeriods" || rootName.startsWith("profile."),
};

/** The parts of `doc` the actor may not change although they write it; null: none. */
export function reservedParts(actor: Actor, doc: { kind: string }): ReservedParts | null {
  return doc.kind === "plan" && !can(actor, "plans.create") ? PLAN_PAPERS_PARTS : null;
}

/** An active member of the workspace, whatever the role. */
export function isActiveMember(actor: Actor): boolean {
  return activeRole(actor) !== null;
}

/**
 * Resolving a comment on a document: those who may edit its text (locked, under review or
 * not), and the secretariat, who fixes the record.
 */
export function canResolveDocumentComment(actor: Actor, doc: DocumentRef): boolean {
  return (
    documentAccess(actor, { ...doc, locked: false, reviewing: false }) === "write" ||
    can(actor, "minutes.fix")
  );
}

/**
 * Who moves a working-group draft: its editors (the group and the secretariat) send it to
 * review; the secretariat sends it back, approves, publishes and withdraws it from the public
 * page.
 */
export function canMoveDraft(actor: Actor, doc: DocumentRef, from: DraftStatus, to: DraftStatus): boolean {
  const secretariat = can(actor, "drafts.decide");
  if (from === "drafting" && to === "reviewing")
    return documentAccess(actor, { ...doc, locked: false }) === "write";
  if (from === "reviewing" && (to === "drafting" || to === "approved")) return secretariat;
  if (from === "approved" && to === "published") return secretariat;
  if (from === "published" && to === "approved") return secretariat;
  return false;
}

/** The steps of a draft's workflow, each a verb of the document resource. */
export const DRAFT_MOVES = {
  submitForReview: { from: "drafting", to: "reviewing" },
  sendBack: { from: "reviewing", to: "drafting" },
  approve: { from: "reviewing", to: "approved" },
  publish: { from: "approved", to: "published" },
  unpublish: { from: "published", to: "approved" },
} as const satisfies Record<string, { from: DraftStatus; to: DraftStatus }>;
export type DraftMove = keyof typeof DRAFT_MOVES;

/** The step that moves a draft from `from` to `to`, or null when the workflow has none. */
export function draftMoveOf(from: DraftStatus, to: DraftStatus): DraftMove | null {
  const found = Object.entries(DRAFT_MOVES).find(([, m]) => m.from === from && m.to === to);
  return found ? (found[0] as DraftMove) : null;
}

/**
 * A municipality's place in a region group: the owner (it created the group, or it is the
 * prefecture the group was made for) decides who joins; a member was let in by the owner; a
 * pending municipality asked and waits. Only owners and members see anything of the group.
 */
export type RegionMembership = "owner" | "member" | "pending";

export type RegionKind = "wide" | "prefecture";

/** What a viewer sees of one municipality of a region group (overview and comparison). */
export interface RegionView {
  /** Its key indicator values (what joining shares). */
  indicators: boolean;
  /** Its plan's progress. */
  planProgress: boolean;
}

const NOTHING: RegionView = { indicators: false, planProgress: false };

/**
 * What `viewer` (acting in a municipality whose membership of the group is `viewerMembership`)
 * sees of `target`, a municipality of the group:
 * - nothing unless the viewer's municipality is the owner or a member (a pending request shows
 *   nothing), and the viewer may read indicators there;
 * - every member's indicator values (that is what joining shares);
 * - a municipality's plan progress only if the viewer may read that municipality's plans
 *   anyway (`viewerThere`: the same person as a member of the target's workspace; their own
 *   municipality included), or, in a prefecture group, if the viewer's municipality owns the
 *   group and the viewer is its secretariat or observer: joining a prefecture group means
 *   agreeing to show its owner the progress, and the owner approved each member.
 * A municipality's own observer account therefore never reads its neighbours' plans.
 */
export function regionView(input: {
  kind: RegionKind;
  viewer: Actor;
  viewerMembership: RegionMembership | null;
  /** The viewer's own account as seen in the target's workspace (null: not a member there). */
  viewerThere: Actor | null;
}): RegionView {
  const { kind, viewer, viewerMembership, viewerThere } = input;
  if (viewerMembership !== "owner" && viewerMembership !== "member") return NOTHING;
  if (!can(viewer, "indicators.read")) return NOTHING;
  const readsTherePlans = viewerThere !== null && can(viewerThere, "plans.read");
  const role = activeRole(viewer);
  const ownerOfPrefectureGroup =
    kind === "prefecture" && viewerMembership === "owner" && (role === "secretariat" || role === "observer");
  return { indicators: true, planProgress: readsTherePlans || ownerOfPrefectureGroup };
}

/** Asking to join, creating and leaving a region group: the municipality's secretariat. */
export function canManageRegionMembership(actor: Actor): boolean {
  return can(actor, "indicators.define");
}

/** Letting a municipality into a group, or refusing it: the owner's secretariat. */
export function canDecideRegionRequest(actor: Actor, membership: RegionMembership | null): boolean {
  return membership === "owner" && can(actor, "indicators.define");
}

/** May the actor create a document owned by `groupId` (null: workspace-wide)? */
export function canCreateDocument(actor: Actor, groupId: string | null): boolean {
  if (!can(actor, "documents.create")) return false;
  if (groupId === null || actor.role === "secretariat") return true;
  return actor.groupIds.includes(groupId);
}

/**
 * Who runs a meeting (creates it, edits its details, moves it through its states): the
 * secretariat for any meeting; members and coordinators for the meetings of their own groups.
 */
export function canManageMeeting(actor: Actor, groupId: string | null): boolean {
  if (can(actor, "meetings.plenary")) return true;
  const role = activeRole(actor);
  if (role !== "member" && role !== "coordinator") return false;
  return groupId !== null && actor.groupIds.includes(groupId);
}

/**
 * Who may create an event organised by `groupIds`: the secretariat for any event (also one
 * without organiser groups); members and coordinators when one of their own groups organises it.
 */
export function canCreateEvent(actor: Actor, groupIds: readonly string[]): boolean {
  if (!can(actor, "events.create")) return false;
  if (can(actor, "events.anyOrganiser")) return true;
  return groupIds.some((g) => actor.groupIds.includes(g));
}

/** The secretariat may change anyone's role except leave the workspace without a secretariat. */
export function canChangeRole(
  actor: Actor,
  target: { userId: string; role: Role },
  newRole: Role,
  secretariatCount: number,
): boolean {
  if (!can(actor, "members.manage")) return false;
  const demotesLastSecretariat =
    target.role === "secretariat" && newRole !== "secretariat" && secretariatCount <= 1;
  return !demotesLastSecretariat;
}

/** The secretariat may disable anyone but themselves (so a workspace keeps an admin). */
export function canDisableUser(actor: Actor, targetUserId: string): boolean {
  return can(actor, "members.manage") && actor.userId !== targetUserId;
}

/*
 * Resources and their verbs. A route loads the resource, then asks `authorize(actor, verb,
 * resource)`; a presenter sends `abilitiesOf(actor, resource)` (every verb with its answer) so
 * the web shows only the controls the server would accept. Adding a kind of resource: its
 * verbs, its ref in `Resource`, and its rule in RULES.
 */

/** The workspace itself: the verbs are the workspace-level actions. */
export interface WorkspaceResource {
  kind: "workspace";
}

export const GROUP_VERBS = [
  "update",
  "delete",
  "addMember",
  "removeMember",
  "createDocument",
  "createMeeting",
  "createEvent",
] as const;
export type GroupVerb = (typeof GROUP_VERBS)[number];
export interface GroupResource {
  kind: "group";
  id: string;
}

export const MEMBER_VERBS = ["changeRole", "disable", "enable", "endSessions"] as const;
export type MemberVerb = (typeof MEMBER_VERBS)[number];
export interface MemberResource {
  kind: "member";
  userId: string;
  /** Disabled in this workspace (or the whole account). */
  disabled: boolean;
}

export const MEETING_VERBS = [
  "read",
  "manage",
  "fixMinutes",
  "commentMinutes",
  "publish",
  "start",
  "close",
  "edit",
  "circulateMinutes",
  "fixCirculatedMinutes",
] as const;
export type MeetingVerb = (typeof MEETING_VERBS)[number];
/**
 * A meeting: read (its papers too) by everyone of the workspace; run by canManageMeeting; its
 * minutes fixed (the official record) by the secretariat. The steps open now follow its state:
 * those who run it publish a draft, start a published meeting and close one in progress, edit
 * its details and invitees until it closes, and circulate its closed meeting's minutes; the
 * secretariat fixes circulated minutes. (The routes authorize `manage` and `fixMinutes`; a step
 * the state does not allow is the commands' conflict.)
 */
export interface MeetingResource {
  kind: "meeting";
  id: string;
  groupId: string | null;
  /** The actor is invited to it (invitees comment on its circulated minutes). */
  invited?: boolean;
  /** Its state and its minutes' state; without them no step is open. */
  state?: MeetingState;
  minutesState?: MinutesState;
}

/**
 * A 取組 outcome of a meeting, made an action of that year's plan (`makeAction`): whoever
 * writes both the meeting's minutes, where the outcome is written, and the plan, which gets the
 * action and its link back. Observers, readers of another group's minutes and everyone while
 * the minutes are fixed (or circulated, for all but the secretariat) do not.
 */
export const MEETING_OUTCOME_VERBS = ["makeAction"] as const;
export type MeetingOutcomeVerb = (typeof MEETING_OUTCOME_VERBS)[number];
export interface MeetingOutcomeResource {
  kind: "meetingOutcome";
  /** The meeting's minutes, where the outcome is written. */
  minutes: DocumentRef;
  /** The plan of the meeting's 年度, which gets the action. */
  plan: DocumentRef;
}

/**
 * The home page of the person reading it: which of its lists are theirs. `ownActions`: the
 * plan's actions in their charge (actions are given to those who write the plan; observers read
 * it); `overdueActions`: the whole plan's overdue actions, which the secretariat chases.
 */
export const HOME_VERBS = ["ownActions", "overdueActions"] as const;
export type HomeVerb = (typeof HOME_VERBS)[number];
export interface HomeResource {
  kind: "home";
  workspaceId: string;
}

export const MEETING_PAPER_SETTINGS_VERBS = ["update"] as const;
export type MeetingPaperSettingsVerb = (typeof MEETING_PAPER_SETTINGS_VERBS)[number];
/** What the workspace writes on its meeting papers (sender, numbering, contact, 署名欄). */
export interface MeetingPaperSettingsResource {
  kind: "meetingPaperSettings";
}

export const INVITE_VERBS = ["revoke"] as const;
export type InviteVerb = (typeof INVITE_VERBS)[number];
export interface InviteResource {
  kind: "invite";
  /** Neither used, expired nor revoked. */
  pending: boolean;
}

/**
 * A consultation desk (相談窓口). Its coordinators (`staffIds`) and the secretariat keep its
 * records; a coordinator of another desk (another ward's contractor) does not see them.
 */
export const DESK_VERBS = ["update", "manageStaff", "delete", "readRecords", "writeRecords"] as const;
export type DeskVerb = (typeof DESK_VERBS)[number];
export interface DeskResource {
  kind: "desk";
  staffIds: readonly string[];
}

/** A consultation case and its contacts, kept by the desk of the case. */
export const CONSULTATION_VERBS = ["read", "update", "draftExample"] as const;
export type ConsultationVerb = (typeof CONSULTATION_VERBS)[number];
export interface ConsultationResource {
  kind: "consultation";
  deskStaffIds: readonly string[];
  /** Anonymised after the retention period: read (coded fields only), never changed. */
  anonymised: boolean;
}

/** A published example (主な相談内容と対応): drafted at a desk, approved by the secretariat. */
export const EXAMPLE_VERBS = ["update", "submit", "approve", "return", "withdraw", "delete"] as const;
export type ExampleVerb = (typeof EXAMPLE_VERBS)[number];
export interface ExampleResource {
  kind: "example";
  status: ExampleStatus;
  deskStaffIds: readonly string[];
}

export const DOCUMENT_VERBS = [
  "read",
  "edit",
  "comment",
  "resolveComments",
  "submitForReview",
  "sendBack",
  "approve",
  "publish",
  "unpublish",
] as const;
export type DocumentVerb = (typeof DOCUMENT_VERBS)[number];
/** A collaborative document (notes, minutes, drafts, plans) as the policy sees it. */
export interface DocumentResource extends DocumentRef {
  kind: "document";
  /** A working-group draft's status; null for other kinds. */
  draftStatus: DraftStatus | null;
}

/**
 * A thread of comments, on what it is about: a plan row (everyone reading the plan reads it;
 * whoever writes the plan comments and mentions; nobody resolves), circulated minutes (the
 * meeting's invitees and those who run it comment; those who run it resolve) or a passage of
 * a document (its readers comment, except observers; its editors and the secretariat resolve,
 * also once the draft is approved and locked). Whether the thread takes comments now (minutes
 * only while 確認依頼中) is the state of the thing, decided by its command, not a permission.
 */
export const COMMENT_THREAD_VERBS = ["read", "comment", "resolve"] as const;
export type CommentThreadVerb = (typeof COMMENT_THREAD_VERBS)[number];
export type CommentThreadResource = { kind: "commentThread" } & (
  | { on: "planRow" }
  | { on: "minutes"; meeting: MeetingResource }
  | { on: "document"; document: DocumentResource }
);

/** One comment of a thread: resolved once, by those who resolve the thread's comments. */
export const COMMENT_VERBS = ["resolve"] as const;
export type CommentVerb = (typeof COMMENT_VERBS)[number];
export interface CommentResource {
  kind: "comment";
  thread: CommentThreadResource;
  resolved: boolean;
}

/**
 * A fiscal year's plan: one workspace-wide collaborative document per 年度. `editPapers`: the
 * papers' program texts (事業名, 事務局, 会議体…, the plan periods and their 事業評価) speak for the
 * municipality, so the secretariat words them.
 */
export const PLAN_VERBS = ["read", "edit", "editPapers", "rebuild"] as const;
export type PlanVerb = (typeof PLAN_VERBS)[number];
export interface PlanResource extends DocumentRef {
  kind: "plan";
}

/**
 * An indicator of the workspace: values are entered by `indicators.enter`, except for the
 * figures Tsumugi counts itself (`derived`), which nobody types.
 */
export const INDICATOR_VERBS = ["enterValues"] as const;
export type IndicatorVerb = (typeof INDICATOR_VERBS)[number];
export interface IndicatorResource {
  kind: "indicator";
  derived: boolean;
}

/** A region group as the acting workspace sees it: its place in the group, or null (not in it). */
export const REGION_GROUP_VERBS = ["decideRequests", "leave"] as const;
export type RegionGroupVerb = (typeof REGION_GROUP_VERBS)[number];
export interface RegionGroupResource {
  kind: "regionGroup";
  membership: RegionMembership | null;
}

export type Resource =
  | WorkspaceResource
  | HomeResource
  | IndicatorResource
  | RegionGroupResource
  | GroupResource
  | MemberResource
  | InviteResource
  | MeetingResource
  | MeetingOutcomeResource
  | MeetingPaperSettingsResource
  | DeskResource
  | ConsultationResource
  | ExampleResource
  | DirectoryResource
  | EventResource
  | EventOrganisersResource
  | DistributionResource
  | SeriesResource
  | EventRequestResource
  | CalendarFeedResource
  | MentionsResource
  | DocumentResource
  | CommentThreadResource
  | CommentResource
  | PlanResource;

/** An entry of the resource directory (医療・介護資源). */
export const RESOURCE_VERBS = ["update", "close", "delete", "sendLink", "link"] as const;
export type ResourceVerb = (typeof RESOURCE_VERBS)[number];
export interface DirectoryResource {
  kind: "resource";
  status: "active" | "closed";
  /** Made by hand (an imported entry is closed, not deleted: the next import would bring it back). */
  manual: boolean;
}

/**
 * An event (training, lecture): `cohost` when the actor's workspace only co-hosts it (a joint
 * event of a neighbouring municipality shared with this one).
 */
export const EVENT_VERBS = [
  "update",
  "delete",
  "readParticipants",
  "readAgreedParticipants",
  "checkIn",
  "manageQuestionnaire",
  "readResults",
  "readMaterials",
] as const;
export type EventVerb = (typeof EVENT_VERBS)[number];
export interface EventResource {
  kind: "event";
  organiserGroupIds: readonly string[];
  cohost: boolean;
}

/**
 * The organiser groups an event is to have (a new event's, or an event's after a change of
 * organisers): `organise` when the actor may run an event organised by them.
 */
export const EVENT_ORGANISERS_VERBS = ["organise"] as const;
export type EventOrganisersVerb = (typeof EVENT_ORGANISERS_VERBS)[number];
export interface EventOrganisersResource {
  kind: "eventOrganisers";
  groupIds: readonly string[];
}

/**
 * A series of events of the workspace (つむぐ会; a 出前講座 it offers on the public request
 * form): renamed, re-kinded and described (`update`) by whoever runs events, as they create one.
 */
export const SERIES_VERBS = ["update"] as const;
export type SeriesVerb = (typeof SERIES_VERBS)[number];
export interface SeriesResource {
  kind: "series";
}

/**
 * A 出前講座 request (its requester's contact is personal data): moved through its steps and
 * noted on (`update`) by those who handle requests; `makeLecture` while it is open (not 実施済
 * nor お断り) and has no lecture yet. Making the lecture checks that state again in its
 * transaction (another may have made one meanwhile: 409).
 */
export const EVENT_REQUEST_VERBS = ["update", "makeLecture"] as const;
export type EventRequestVerb = (typeof EVENT_REQUEST_VERBS)[number];
export interface EventRequestResource {
  kind: "eventRequest";
  status: RequestStatus;
  /** A lecture was made from it. */
  hasLecture: boolean;
}

/**
 * A person's secret iCal feed of their meetings in the workspace (`userId`: whose it is): read,
 * created or replaced (`create`) and revoked by that person alone, as long as they read the
 * meetings. Nobody, the secretariat included, manages another person's feed.
 */
export const CALENDAR_FEED_VERBS = ["read", "create", "revoke"] as const;
export type CalendarFeedVerb = (typeof CALENDAR_FEED_VERBS)[number];
export interface CalendarFeedResource {
  kind: "calendarFeed";
  userId: string;
}

/**
 * A person's @mentions in the workspace's plan comments (`userId`: whose they are): listed and
 * marked read by that person alone, as long as they read the plan.
 */
export const MENTIONS_VERBS = ["read", "markRead"] as const;
export type MentionsVerb = (typeof MENTIONS_VERBS)[number];
export interface MentionsResource {
  kind: "mentions";
  userId: string;
}

/** A record of printed materials handed out (配布物: 情報紙 全戸配布, チラシ, ACP冊子). */
export const DISTRIBUTION_VERBS = ["update", "delete"] as const;
export type DistributionVerb = (typeof DISTRIBUTION_VERBS)[number];
export interface DistributionResource {
  kind: "distribution";
}

interface VerbsOf {
  workspace: WorkspaceAction;
  home: HomeVerb;
  indicator: IndicatorVerb;
  regionGroup: RegionGroupVerb;
  group: GroupVerb;
  member: MemberVerb;
  invite: InviteVerb;
  meeting: MeetingVerb;
  meetingOutcome: MeetingOutcomeVerb;
  meetingPaperSettings: MeetingPaperSettingsVerb;
  desk: DeskVerb;
  consultation: ConsultationVerb;
  example: ExampleVerb;
  resource: ResourceVerb;
  event: EventVerb;
  eventOrganisers: EventOrganisersVerb;
  distribution: DistributionVerb;
  series: SeriesVerb;
  eventRequest: EventRequestVerb;
  calendarFeed: CalendarFeedVerb;
  mentions: MentionsVerb;
  document: DocumentVerb;
  commentThread: CommentThreadVerb;
  comment: CommentVerb;
  plan: PlanVerb;
}
export type VerbOf<R extends Resource> = VerbsOf[R["kind"]];
/** What this actor may do with this resource: every verb of its kind, true or false. */
export type Abilities<R extends Resource> = Record<VerbOf<R>, boolean>;

type Rules = {
  [K in Resource["kind"]]: (
    actor: Actor,
    resource: Extract<Resource, { kind: K }>,
  ) => Record<VerbsOf[K], boolean>;
};

function allOf<V extends string>(verbs: readonly V[], answer: (verb: V) => boolean): Record<V, boolean> {
  return Object.fromEntries(verbs.map((v) => [v, answer(v)])) as Record<V, boolean>;
}

const RULES: Rules = {
  workspace: (actor) => allOf(WORKSPACE_ACTIONS, (action) => can(actor, action)),
  // The plan is a workspace-wide document: its writers are put in charge of its actions.
  home: (actor, home) => ({
    ownActions: documentAccess(actor, { workspaceId: home.workspaceId, groupId: null }) === "write",
    overdueActions: activeRole(actor) === "secretariat",
  }),
  indicator: (actor, indicator) => ({ enterValues: can(actor, "indicators.enter") && !indicator.derived }),
  // Leaving a group (or withdrawing the request) and deciding on others' requests (the owner's)
  // are the municipality's secretariat's.
  regionGroup: (actor, group) => ({
    decideRequests: canDecideRegionRequest(actor, group.membership),
    leave: group.membership !== null && canManageRegionMembership(actor),
  }),
  // Groups decide who writes which documents: the secretariat keeps them. Their members (and
  // the secretariat) write the group's documents.
  group: (actor, group) => {
    const manage = can(actor, "groups.manage");
    return {
      update: manage,
      delete: manage,
      addMember: manage,
      removeMember: manage,
      createDocument: canCreateDocument(actor, group.id),
      createMeeting: canManageMeeting(actor, group.id),
      // Organising an event (training, lecture) as this group.
      createEvent: canCreateEvent(actor, [group.id]),
    };
  },
  member: (actor, member) => {
    const manage = can(actor, "members.manage");
    const other = canDisableUser(actor, member.userId);
    return {
      changeRole: manage,
      disable: other && !member.disabled,
      enable: other && member.disabled,
      endSessions: manage,
    };
  },
  // Who joins is the secretariat's; a link that can no longer be used has nothing to revoke.
  invite: (actor, invite) => ({ revoke: can(actor, "invites.manage") && invite.pending }),
  meeting: (actor, meeting) => {
    const manage = canManageMeeting(actor, meeting.groupId);
    const fixMinutes = can(actor, "minutes.fix");
    const closed = meeting.state === "closed";
    return {
      read: can(actor, "meetings.read"),
      manage,
      fixMinutes,
      // Corrections to circulated minutes: its invitees and those who run it, observers never.
      commentMinutes: can(actor, "comments.write") && (meeting.invited === true || manage),
      publish: manage && meeting.state === "draft",
      start: manage && meeting.state === "published",
      close: manage && meeting.state === "inProgress",
      edit: manage && meeting.state !== undefined && !closed,
      circulateMinutes: manage && closed && meeting.minutesState === "drafting",
      fixCirculatedMinutes: fixMinutes && closed && meeting.minutesState === "circulating",
    };
  },
  meetingOutcome: (actor, outcome) => ({
    makeAction:
      documentAccess(actor, outcome.minutes) === "write" && documentAccess(actor, outcome.plan) === "write",
  }),
  // The papers speak for the municipality: the secretariat, who keeps its details, words them.
  meetingPaperSettings: (actor) => ({ update: can(actor, "workspace.update") }),
  desk: (actor, desk) => {
    const work = deskWork(actor, desk.staffIds);
    const manage = can(actor, "desks.manage");
    return { update: work, manageStaff: manage, delete: manage, readRecords: work, writeRecords: work };
  },
  consultation: (actor, record) => {
    const work = deskWork(actor, record.deskStaffIds);
    return { read: work, update: work && !record.anonymised, draftExample: work };
  },
  document: (actor, doc) => {
    const access = documentAccess(actor, doc);
    const move = (verb: DraftMove) =>
      doc.draftStatus === DRAFT_MOVES[verb].from &&
      canMoveDraft(actor, doc, DRAFT_MOVES[verb].from, DRAFT_MOVES[verb].to);
    return {
      read: access !== "none",
      edit: access === "write",
      // Readers comment too (the plenary reviews a group's draft); observers only read.
      comment: access !== "none" && can(actor, "comments.write"),
      resolveComments: canResolveDocumentComment(actor, doc),
      submitForReview: move("submitForReview"),
      sendBack: move("sendBack"),
      approve: move("approve"),
      publish: move("publish"),
      unpublish: move("unpublish"),
    };
  },
  commentThread: (actor, thread) => {
    switch (thread.on) {
      case "planRow":
        return { read: can(actor, "plans.read"), comment: can(actor, "comments.write"), resolve: false };
      case "minutes": {
        const meeting = abilitiesOf(actor, thread.meeting);
        return { read: meeting.read, comment: meeting.commentMinutes, resolve: meeting.manage };
      }
      case "document": {
        const doc = abilitiesOf(actor, thread.document);
        return { read: doc.read, comment: doc.comment, resolve: doc.resolveComments };
      }
    }
  },
  comment: (actor, comment) => ({
    resolve: !comment.resolved && abilitiesOf(actor, comment.thread).resolve,
  }),
  plan: (actor, plan) => {
    const access = documentAccess(actor, plan);
    return {
      read: access !== "none" && can(actor, "plans.read"),
      edit: access === "write",
      editPapers: access === "write" && can(actor, "plans.create"),
      rebuild: can(actor, "plans.rebuild"),
    };
  },
  example: (actor, example) => {
    const work = deskWork(actor, example.deskStaffIds);
    const editable = example.status === "draft" || example.status === "returned";
    const decide = can(actor, "examples.decide");
    return {
      update: work && editable,
      submit: work && editable,
      approve: decide && example.status === "submitted",
      return: decide && example.status === "submitted",
      withdraw: decide && example.status === "published",
      delete: work && example.status !== "published",
    };
  },
  resource: (actor, entry) => {
    const edit = can(actor, "resources.create");
    const settle = can(actor, "resources.settings");
    return {
      update: edit,
      close: settle && entry.status === "active",
      delete: settle && entry.manual,
      sendLink: settle && entry.status === "active",
      // Linking an entry to a plan action or a referral: whoever writes the plan or the records.
      link: can(actor, "comments.write"),
    };
  },
  // An event is run by the secretariat and by the members and coordinators of its organiser
  // groups: they alone read participants' personal data. Observers and co-hosting municipalities
  // see the event, its counts and its (anonymous) questionnaire results; a co-host's secretariat
  // also sees the participants who agreed to be shared with co-hosts. The materials (資料) are
  // the municipality's own: every member reads them all; the organisers add, publish and delete
  // them (\`update\`); a co-host sees only those published for residents, like anyone.
  event: (actor, event) => {
    const role = activeRole(actor);
    const organiser =
      !event.cohost &&
      (role === "secretariat" ||
        ((role === "member" || role === "coordinator") &&
          event.organiserGroupIds.some((g) => actor.groupIds.includes(g))));
    return {
      update: organiser,
      delete: organiser,
      readParticipants: organiser,
      readAgreedParticipants: organiser || (event.cohost && role === "secretariat"),
      checkIn: organiser,
      manageQuestionnaire: organiser,
      readResults: can(actor, "events.read"),
      readMaterials: !event.cohost && can(actor, "events.read"),
    };
  },
  // Whoever creates an event, or changes its organisers, is one of them afterwards (or the
  // secretariat, who may run any event, also one without organiser groups).
  eventOrganisers: (actor, organisers) => ({ organise: canCreateEvent(actor, organisers.groupIds) }),
  // Whoever records what was handed out keeps the records right: the counts are the
  // municipality's, not one person's.
  distribution: (actor) => {
    const record = can(actor, "outreach.record");
    return { update: record, delete: record };
  },
  series: (actor) => ({ update: can(actor, "series.create") }),
  eventRequest: (actor, request) => {
    const handle = can(actor, "events.requests");
    const open = request.status !== "done" && request.status !== "declined";
    return { update: handle, makeLecture: handle && open && !request.hasLecture };
  },
  calendarFeed: (actor, feed) => {
    const own = feed.userId === actor.userId && can(actor, "meetings.read");
    return { read: own, create: own, revoke: own };
  },
  mentions: (actor, mentions) => {
    const own = mentions.userId === actor.userId && can(actor, "plans.read");
    return { read: own, markRead: own };
  },
};

/**
 * Who works at a desk: the secretariat at every desk, a coordinator at the desks they staff.
 * Nobody else, whatever their groups.
 */
function deskWork(actor: Actor, staffIds: readonly string[]): boolean {
  const role = activeRole(actor);
  if (role === "secretariat") return true;
  return role === "coordinator" && staffIds.includes(actor.userId);
}

export function abilitiesOf<R extends Resource>(actor: Actor, resource: R): Abilities<R> {
  const rule = RULES[resource.kind] as (actor: Actor, resource: R) => Abilities<R>;
  return rule(actor, resource);
}

/** May `actor` do `verb` to `resource`? The one question every route asks. */
export function authorize<R extends Resource>(actor: Actor, verb: VerbOf<R>, resource: R): boolean {
  return abilitiesOf(actor, resource)[verb] === true;
}
