/**
 * Migration 25 on PostgreSQL: the same merge of the two 日常生活圏域 lists as SQLite's
 * (../migrations/0025-areas.ts), the foreign keys moved with ALTER TABLE instead of rebuilding
 * the tables.
 */
export const p0025 = `
CREATE TABLE areas (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  towns TEXT NOT NULL DEFAULT '[]',
  position BIGINT NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, name)
);

INSERT INTO areas (id, workspace_id, name, towns, position)
  SELECT id, workspace_id, name, towns, position FROM resource_areas;

INSERT INTO areas (id, workspace_id, name, towns, position)
  SELECT d.id, d.workspace_id, d.name, '[]',
    COALESCE((SELECT MAX(r.position) + 1 FROM resource_areas r WHERE r.workspace_id = d.workspace_id), 0) + d.sort_order
  FROM desk_areas d
  WHERE NOT EXISTS (SELECT 1 FROM resource_areas r WHERE r.workspace_id = d.workspace_id AND r.name = d.name);

ALTER TABLE consultation_cases DROP CONSTRAINT consultation_cases_area_id_fkey;
ALTER TABLE resources DROP CONSTRAINT resources_area_id_fkey;

UPDATE consultation_cases SET area_id = (
  SELECT r.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
  WHERE d.id = consultation_cases.area_id
)
WHERE area_id IN (
  SELECT d.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
);

UPDATE desks SET default_area_id = (
  SELECT r.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
  WHERE d.id = desks.default_area_id
)
WHERE default_area_id IN (
  SELECT d.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
);

ALTER TABLE consultation_cases ADD CONSTRAINT consultation_cases_area_id_fkey
  FOREIGN KEY (area_id) REFERENCES areas(id) ON DELETE SET NULL;
ALTER TABLE resources ADD CONSTRAINT resources_area_id_fkey
  FOREIGN KEY (area_id) REFERENCES areas(id) ON DELETE SET NULL;
CREATE INDEX consultation_cases_area ON consultation_cases(area_id);
CREATE INDEX resources_area ON resources(area_id);

DROP TABLE desk_areas;
DROP TABLE resource_areas;
`;
