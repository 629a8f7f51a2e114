import type { Migration } from "../migrations.js";

export const m0019: Migration = {
  version: 19,
  name: "trainings and outreach: events, series, participants, materials, questionnaires, requests, distributions",
  sql: `
-- A recurring event (介護と医療をつむぐ会, 市民公開講座): its page compares the years.
CREATE TABLE event_series (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  series_id TEXT REFERENCES event_series(id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  -- Local time in Japan, "2023-05-25T14:00" (as meetings).
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  fiscal_year INTEGER NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  capacity INTEGER,
  waiting_list INTEGER NOT NULL DEFAULT 1,
  audience TEXT NOT NULL DEFAULT 'professionals',
  audience_note TEXT NOT NULL DEFAULT '',
  organiser_note TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  -- Plan action ids (JSON array of text): the actions of that year's plan this event carries out.
  action_ids TEXT NOT NULL DEFAULT '[]',
  -- The row of that year's schedule (年間予定) the event is shown in, read-only, without a copy.
  schedule_row_id TEXT,
  -- Trainings recorded as meetings before events existed keep their minutes there.
  meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  registration_open INTEGER NOT NULL DEFAULT 0,
  published INTEGER NOT NULL DEFAULT 0,
  -- The announcement's address: /p/<lg code>/events/<public id>.
  public_id TEXT NOT NULL UNIQUE,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX events_workspace ON events(workspace_id, starts_at);
CREATE INDEX events_series ON events(series_id);

CREATE TABLE event_organisers (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, group_id)
);

-- Joint events (共同実施): the co-hosting municipality sees the event and its counts.
CREATE TABLE event_cohosts (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (event_id, workspace_id)
);
CREATE INDEX event_cohosts_workspace ON event_cohosts(workspace_id);

-- People registered on the public form, and walk-ins (a group counted at the door has a headcount).
CREATE TABLE event_participants (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  walk_in INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
  profession TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
  share_with_cohosts INTEGER NOT NULL DEFAULT 0,
  -- Name, contact and note, sealed with the personal data key (AES-256-GCM); null once erased.
  personal TEXT,
  personal_key_id TEXT,
  -- Keyed hash of the normalised name and contact: the same person registering twice.
  dedupe_hash TEXT,
  check_in_code TEXT,
  -- SHA-256 of the confirmation page's token (the page itself is the participant's receipt).
  token_hash TEXT UNIQUE,
  checked_in_at INTEGER,
  checked_in_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  cancelled_at INTEGER,
  erased_at INTEGER
);
CREATE INDEX event_participants_event ON event_participants(event_id, created_at);
CREATE UNIQUE INDEX event_participants_code ON event_participants(event_id, check_in_code);
CREATE UNIQUE INDEX event_participants_dedupe ON event_participants(event_id, dedupe_hash);

-- Handouts and slides (資料): the file itself, so that backups hold it with the rest.
CREATE TABLE event_materials (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX event_materials_event ON event_materials(event_id, created_at);

-- One questionnaire per event (JSON: title, intro, questions), answered anonymously.
CREATE TABLE questionnaires (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One answer per device: the hash of the token in the answering browser's cookie.
CREATE TABLE questionnaire_answers (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  answers TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (event_id, device_hash)
);

-- 出前講座 requests from residents' groups; the contact person is sealed like participants.
CREATE TABLE event_requests (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  group_name TEXT NOT NULL,
  topic TEXT NOT NULL,
  wished_dates TEXT NOT NULL,
  people INTEGER,
  place TEXT NOT NULL DEFAULT '',
  personal TEXT,
  personal_key_id TEXT,
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'arranging', 'decided', 'done', 'declined')),
  note TEXT NOT NULL DEFAULT '',
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  erased_at INTEGER,
  UNIQUE (workspace_id, number)
);
CREATE INDEX event_requests_event ON event_requests(event_id);

-- Printed materials handed out (情報紙 全戸配布, チラシ, ACP冊子): how many, where, when.
CREATE TABLE outreach_distributions (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  place TEXT NOT NULL,
  distributed_on TEXT NOT NULL,
  event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outreach_distributions_year ON outreach_distributions(workspace_id, fiscal_year);

-- Trainings held before events existed were meetings of kind 'training': each becomes an event
-- linked to its meeting (minutes, agenda and attendance stay there), and the account holders
-- recorded as attending when it closed are carried as one counted row of unknown profession.
INSERT INTO events (id, workspace_id, kind, title, starts_at, ends_at, fiscal_year, place, online_url,
                    audience, meeting_id, status, public_id, created_by, created_at, updated_at)
SELECT 'mt' || id, workspace_id, 'multidisciplinary', title, starts_at, ends_at, fiscal_year, place, online_url,
       'professionals', id, CASE WHEN state = 'closed' THEN 'held' ELSE 'planned' END, 'pm' || id,
       created_by, created_at, updated_at
  FROM meetings WHERE kind = 'training';
INSERT INTO event_organisers (event_id, group_id)
SELECT 'mt' || id, group_id FROM meetings WHERE kind = 'training' AND group_id IS NOT NULL;
INSERT INTO event_participants (id, event_id, walk_in, status, profession, organisation, headcount, created_at)
SELECT 'ma' || m.id, 'mt' || m.id, 1, 'registered', 'unknown', '', COUNT(*), m.updated_at
  FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id AND a.status = 'attended'
 WHERE m.kind = 'training'
 GROUP BY m.id, m.updated_at;
`,
};
