/**
 * The database's tables as Kysely sees them. Generated from the migrations by
 * storage/schema-types.ts (npm run db:types -w @tsumugi/server); do not edit.
 * Times are epoch milliseconds; booleans are stored as 0/1; JSON is stored as text.
 */
import type { Generated } from "kysely";

export interface AreasTable {
  id: string;
  workspace_id: string;
  name: string;
  towns: Generated<string>;
  position: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  workspace_id: string | null;
  actor_user_id: string | null;
  event: string;
  target: string | null;
  ip: string | null;
  detail: Generated<string>;
}

export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  workspace_id: string;
  secret_hash: Uint8Array;
  created_at: number;
  revoked_at: number | null;
}

export interface ConsultationCasesTable {
  id: string;
  workspace_id: string;
  desk_id: string;
  case_no: number;
  age_band: string;
  sex: string;
  care_level: string;
  living: string;
  main_condition: string;
  area_id: string | null;
  personal: string | null;
  key_id: string | null;
  last_contact_at: string;
  demo: Generated<number>;
  anonymised_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConsultationExamplesTable {
  id: string;
  workspace_id: string;
  desk_id: string;
  consultation_id: string | null;
  fiscal_year: number;
  consulter_type: string;
  topics: Generated<string>;
  title: string;
  question: string;
  answer: string;
  status: Generated<string>;
  note: Generated<string>;
  demo: Generated<number>;
  drafted_by: string | null;
  decided_by: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ConsultationNameIndexTable {
  case_id: string;
  hash: string;
  key_id: string;
}

export interface ConsultationResponsesTable {
  consultation_id: string;
  response: string;
}

export interface ConsultationTopicsTable {
  consultation_id: string;
  topic: string;
}

export interface ConsultationsTable {
  id: string;
  workspace_id: string;
  case_id: string;
  seq: number;
  received_at: string;
  fiscal_year: number;
  month: number;
  method: string;
  consulter_type: string;
  minutes: number | null;
  follow_up_due: string | null;
  follow_up_status: Generated<string>;
  referral_resource_id: string | null;
  referral_organisation: string | null;
  personal: string | null;
  key_id: string | null;
  staff_user_id: string | null;
  demo: Generated<number>;
  anonymised_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeskStaffTable {
  desk_id: string;
  user_id: string;
}

export interface DesksTable {
  id: string;
  workspace_id: string;
  name: string;
  hours: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  address: Generated<string>;
  how_to_consult: Generated<string>;
  default_method: Generated<string>;
  default_area_id: string | null;
  on_public_page: Generated<number>;
  sort_order: Generated<number>;
  demo: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface DocSnapshotsTable {
  doc_name: string;
  data: Uint8Array;
  last_update_id: number;
  updated_at: number;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: number;
}

export interface DocVersionsTable {
  id: Generated<number>;
  doc_name: string;
  label: Generated<string>;
  reason: string;
  created_by: string | null;
  created_at: number;
  data: Uint8Array;
}

export interface DocumentCommentsTable {
  id: string;
  document_id: string;
  author_id: string;
  quote: Generated<string>;
  body: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface DocumentsTable {
  id: string;
  workspace_id: string;
  group_id: string | null;
  kind: string;
  title: string;
  doc_name: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  fiscal_year: number | null;
  locked_at: number | null;
  draft_status: string | null;
  public_id: string | null;
  review_at: number | null;
  demo: Generated<number>;
}

export interface EventCohostsTable {
  event_id: string;
  workspace_id: string;
  added_at: number;
}

export interface EventMaterialsTable {
  id: string;
  event_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  public: Generated<number>;
  created_by: string | null;
  created_at: number;
}

export interface EventOrganisersTable {
  event_id: string;
  group_id: string;
}

export interface EventParticipantsTable {
  id: string;
  event_id: string;
  walk_in: Generated<number>;
  status: string;
  profession: string;
  organisation: Generated<string>;
  headcount: Generated<number>;
  share_with_cohosts: Generated<number>;
  personal: string | null;
  personal_key_id: string | null;
  dedupe_hash: string | null;
  check_in_code: string | null;
  token_hash: string | null;
  checked_in_at: number | null;
  checked_in_by: string | null;
  created_at: number;
  cancelled_at: number | null;
  erased_at: number | null;
}

export interface EventRequestsTable {
  id: string;
  workspace_id: string;
  number: number;
  group_name: string;
  topic: string;
  wished_dates: string;
  people: number | null;
  place: Generated<string>;
  personal: string | null;
  personal_key_id: string | null;
  status: Generated<string>;
  note: Generated<string>;
  event_id: string | null;
  received_at: number;
  updated_at: number;
  erased_at: number | null;
}

export interface EventSeriesTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  description: Generated<string>;
  created_at: number;
  demo: Generated<number>;
}

export interface EventsTable {
  id: string;
  workspace_id: string;
  series_id: string | null;
  kind: string;
  title: string;
  theme: Generated<string>;
  starts_at: string;
  ends_at: string | null;
  fiscal_year: number;
  place: Generated<string>;
  online_url: Generated<string>;
  capacity: number | null;
  waiting_list: Generated<number>;
  audience: Generated<string>;
  audience_note: Generated<string>;
  organiser_note: Generated<string>;
  contact: Generated<string>;
  action_ids: Generated<string>;
  schedule_row_id: string | null;
  meeting_id: string | null;
  status: Generated<string>;
  registration_open: Generated<number>;
  published: Generated<number>;
  public_id: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  registration_closes_at: string | null;
  demo: Generated<number>;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface GroupsTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  created_at: number;
  parent_id: string | null;
}

export interface IndicatorValueHistoryTable {
  id: Generated<number>;
  indicator_id: string;
  fiscal_year: number;
  month: number;
  before: string | null;
  after: string | null;
  changed_by: string | null;
  changed_at: number;
}

export interface IndicatorValuesTable {
  indicator_id: string;
  fiscal_year: number;
  month: Generated<number>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  source: Generated<string>;
  note: Generated<string>;
  entered_by: string | null;
  entered_at: number;
}

export interface IndicatorsTable {
  id: string;
  workspace_id: string;
  code: string;
  name: string;
  type: string;
  unit: Generated<string>;
  kind: string;
  normalisation: Generated<string>;
  direction: Generated<string>;
  source: Generated<string>;
  notes: Generated<string>;
  scenes: Generated<string>;
  items: Generated<string>;
  monthly: Generated<number>;
  derived: string | null;
  created_at: number;
}

export interface InvitesTable {
  id: string;
  workspace_id: string;
  secret_hash: Uint8Array;
  email: string | null;
  role: string;
  group_ids: Generated<string>;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
}

export interface LoginChallengesTable {
  id: string;
  user_id: string;
  secret_hash: Uint8Array;
  kind: string;
  pending_key: Uint8Array | null;
  failures: Generated<number>;
  created_at: number;
  expires_at: number;
  pending_key_sealed: string | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  user_id: string;
  status: string;
}

export interface MeetingInviteesTable {
  meeting_id: string;
  user_id: string;
}

export interface MeetingOutcomesTable {
  meeting_id: string;
  id: string;
  ord: string;
  type: string;
  text: string;
  action_id: string | null;
}

export interface MeetingPaperSettingsTable {
  workspace_id: string;
  sender: Generated<string>;
  number_prefix: Generated<string>;
  contact_office: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  reply_method: Generated<string>;
  minutes_signers: Generated<number>;
  updated_by: string | null;
  updated_at: number;
}

export interface MeetingsTable {
  id: string;
  workspace_id: string;
  group_id: string | null;
  kind: string;
  fiscal_year: number;
  number: number;
  title: string;
  starts_at: string;
  ends_at: string | null;
  place: Generated<string>;
  online_url: Generated<string>;
  state: Generated<string>;
  minutes_state: Generated<string>;
  document_id: string;
  minutes_version_id: number | null;
  plan_version_id: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  demo: Generated<number>;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: number;
  disabled_at: number | null;
}

export interface MentionsTable {
  comment_id: string;
  user_id: string;
  read_at: number | null;
}

export interface MinutesCommentsTable {
  id: string;
  meeting_id: string;
  author_id: string;
  quote: Generated<string>;
  body: string;
  suggestion: string | null;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface OutreachDistributionsTable {
  id: string;
  workspace_id: string;
  fiscal_year: number;
  kind: string;
  title: string;
  quantity: number;
  place: string;
  distributed_on: string;
  event_id: string | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PlanActionsTable {
  doc_name: string;
  id: string;
  ord: string;
  title: string;
  detail: string;
  scenes: string;
  items: string;
  goal_codes: string;
  owner_group_id: string | null;
  owner_user_id: string | null;
  owner_name: string;
  period_start: string | null;
  period_end: string | null;
  status: string;
  progress: number;
  weight: number;
  problem_ids: string;
  indicator_ids: string;
  grade: string | null;
  evaluation_comment: string;
  next_step: string;
  carried_from: string | null;
  budget: number | null;
  funding_source: string | null;
}

export interface PlanChangesTable {
  id: Generated<number>;
  doc_name: string;
  at: number;
  user_ids: string;
  tbl: string;
  row_id: string;
  row_title: string;
  change: string;
  fields: Generated<string>;
}

export interface PlanCommentsTable {
  id: string;
  doc_name: string;
  tbl: string;
  row_id: string;
  author_id: string;
  body: string;
  created_at: number;
  row_title: Generated<string>;
}

export interface PlanGoalsTable {
  doc_name: string;
  id: string;
  ord: string;
  code: string;
  term: string;
  scene: string | null;
  text: string;
}

export interface PlanPeriodsTable {
  doc_name: string;
  id: string;
  ord: string;
  name: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  series: Generated<string>;
  milestones: Generated<string>;
}

export interface PlanProblemsTable {
  doc_name: string;
  id: string;
  ord: string;
  title: string;
  detail: string;
  scenes: string;
  items: string;
  source: string;
  owner_group_id: string | null;
  status: string;
  action_ids: string;
}

export interface PlanProjectionsTable {
  doc_name: string;
  workspace_id: string;
  fiscal_year: number;
  vision: Generated<string>;
  scene_goals: Generated<string>;
  invalid_rows: Generated<string>;
  projected_at: number;
  item_notes: Generated<string>;
  profile: Generated<string>;
}

export interface PlanScheduleEventsTable {
  doc_name: string;
  id: string;
  row_id: string;
  at_when: string;
  label: string;
}

export interface PlanScheduleRowsTable {
  doc_name: string;
  id: string;
  ord: string;
  activity: string;
  action_ids: string;
}

export interface PopulationsTable {
  workspace_id: string;
  fiscal_year: number;
  total: number | null;
  aged65: number | null;
  aged75: number | null;
}

export interface QuestionnaireAnswersTable {
  id: string;
  event_id: string;
  device_hash: string;
  answers: string;
  created_at: number;
}

export interface QuestionnairesTable {
  event_id: string;
  body: string;
  open: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: Uint8Array;
  created_at: number;
  used_at: number | null;
}

export interface RegionGroupMembersTable {
  group_id: string;
  workspace_id: string;
  status: Generated<string>;
  requested_by: string | null;
  requested_at: number | null;
  decided_by: string | null;
  decided_at: number | null;
}

export interface RegionGroupsTable {
  id: string;
  name: string;
  kind: string;
  created_at: number;
  owner_workspace_id: string | null;
}

export interface ResourceImportsTable {
  id: string;
  workspace_id: string;
  format: string;
  scopes: Generated<string>;
  file_name: string;
  encoding: string;
  data_date: string | null;
  added: number;
  changed: number;
  gone: number;
  kept: number;
  problems: number;
  imported_by: string | null;
  imported_at: number;
}

export interface ResourceLinksTable {
  workspace_id: string;
  resource_id: string;
  target_kind: string;
  target_id: string;
  created_by: string | null;
  created_at: number;
}

export interface ResourceSettingsTable {
  workspace_id: string;
  public_enabled: Generated<number>;
  auto_apply: Generated<number>;
  stale_months: Generated<number>;
  link_days: Generated<number>;
  demo: Generated<number>;
  updated_at: number;
}

export interface ResourceUpdateLinksTable {
  id: string;
  workspace_id: string;
  resource_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface ResourceUpdateRequestsTable {
  id: string;
  workspace_id: string;
  resource_id: string;
  link_id: string | null;
  changes: string;
  status: string;
  submitted_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

export interface ResourcesTable {
  id: string;
  workspace_id: string;
  kind: string;
  subtype: Generated<string>;
  name: string;
  kana: Generated<string>;
  address: Generated<string>;
  building: Generated<string>;
  lat: number | null;
  lng: number | null;
  area_id: string | null;
  phone: Generated<string>;
  fax: Generated<string>;
  url: Generated<string>;
  hours: Generated<string>;
  services: Generated<string>;
  home_care_support: Generated<number>;
  capacity: number | null;
  operator: Generated<string>;
  public_note: Generated<string>;
  contact: Generated<string>;
  liaison: Generated<string>;
  vacancy_beds: number | null;
  vacancy_note: Generated<string>;
  vacancy_updated_at: number | null;
  field_sources: Generated<string>;
  status: Generated<string>;
  published: Generated<number>;
  source_scope: string | null;
  source_key: string | null;
  last_import_id: string | null;
  confirmed_at: number | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface SchemaMigrationsTable {
  version: Generated<number>;
  name: string;
  applied_at: number;
}

export interface ServerKeysTable {
  name: string;
  key: Uint8Array;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: Uint8Array;
  created_at: number;
  last_seen_at: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  organization: Generated<string>;
  password_hash: string;
  disabled_at: number | null;
  created_at: number;
  password_changed_at: number;
  totp_key: Uint8Array | null;
  totp_enabled_at: number | null;
  totp_last_step: Generated<number>;
  totp_pending_key: Uint8Array | null;
  totp_key_sealed: string | null;
  totp_pending_key_sealed: string | null;
  totp_key_id: string | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  prefecture: string;
  lg_code: string;
  created_at: number;
  two_factor_required: Generated<number>;
}

export interface DB {
  areas: AreasTable;
  audit_log: AuditLogTable;
  calendar_feeds: CalendarFeedsTable;
  consultation_cases: ConsultationCasesTable;
  consultation_examples: ConsultationExamplesTable;
  consultation_name_index: ConsultationNameIndexTable;
  consultation_responses: ConsultationResponsesTable;
  consultation_topics: ConsultationTopicsTable;
  consultations: ConsultationsTable;
  desk_staff: DeskStaffTable;
  desks: DesksTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
  doc_versions: DocVersionsTable;
  document_comments: DocumentCommentsTable;
  documents: DocumentsTable;
  event_cohosts: EventCohostsTable;
  event_materials: EventMaterialsTable;
  event_organisers: EventOrganisersTable;
  event_participants: EventParticipantsTable;
  event_requests: EventRequestsTable;
  event_series: EventSeriesTable;
  events: EventsTable;
  group_members: GroupMembersTable;
  groups: GroupsTable;
  indicator_value_history: IndicatorValueHistoryTable;
  indicator_values: IndicatorValuesTable;
  indicators: IndicatorsTable;
  invites: InvitesTable;
  login_challenges: LoginChallengesTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_invitees: MeetingInviteesTable;
  meeting_outcomes: MeetingOutcomesTable;
  meeting_paper_settings: MeetingPaperSettingsTable;
  meetings: MeetingsTable;
  memberships: MembershipsTable;
  mentions: MentionsTable;
  minutes_comments: MinutesCommentsTable;
  outreach_distributions: OutreachDistributionsTable;
  plan_actions: PlanActionsTable;
  plan_changes: PlanChangesTable;
  plan_comments: PlanCommentsTable;
  plan_goals: PlanGoalsTable;
  plan_periods: PlanPeriodsTable;
  plan_problems: PlanProblemsTable;
  plan_projections: PlanProjectionsTable;
  plan_schedule_events: PlanScheduleEventsTable;
  plan_schedule_rows: PlanScheduleRowsTable;
  populations: PopulationsTable;
  questionnaire_answers: QuestionnaireAnswersTable;
  questionnaires: QuestionnairesTable;
  recovery_codes: RecoveryCodesTable;
  region_group_members: RegionGroupMembersTable;
  region_groups: RegionGroupsTable;
  resource_imports: ResourceImportsTable;
  resource_links: ResourceLinksTable;
  resource_settings: ResourceSettingsTable;
  resource_update_links: ResourceUpdateLinksTable;
  resource_update_requests: ResourceUpdateRequestsTable;
  resources: ResourcesTable;
  schema_migrations: SchemaMigrationsTable;
  server_keys: ServerKeysTable;
  sessions: SessionsTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
}
