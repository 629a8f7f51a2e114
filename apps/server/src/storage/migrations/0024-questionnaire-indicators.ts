import type { Migration } from "../migrations.js";

export const m0024: Migration = {
  version: 24,
  name: "satisfaction of trainings and outreach from the questionnaires (P12, P13), derived",
  sql: `
-- Workspaces that already have their indicators get the two satisfaction indicators counted
-- from the questionnaires (a workspace without indicators gets them with the starter catalogue).
INSERT INTO indicators (id, workspace_id, code, name, type, unit, kind, normalisation, direction,
                        source, notes, scenes, items, monthly, derived, created_at)
SELECT 'p12' || w.id, w.id, 'P12', '多職種研修 満足度', 'P', '点（5段階）', 'score', 'none', 'up',
       '紡ぎのアンケート', '開催済みの研修のアンケートで満足度（5段階）を答えた人の平均',
       '[]', '["f"]', 0, 'trainingSatisfaction',
       (SELECT MAX(i.created_at) FROM indicators i WHERE i.workspace_id = w.id)
  FROM workspaces w
 WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id)
   AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id AND i.code = 'P12');
INSERT INTO indicators (id, workspace_id, code, name, type, unit, kind, normalisation, direction,
                        source, notes, scenes, items, monthly, derived, created_at)
SELECT 'p13' || w.id, w.id, 'P13', '住民啓発 満足度', 'P', '点（5段階）', 'score', 'none', 'up',
       '紡ぎのアンケート', '開催済みの講座・講演会のアンケートで満足度（5段階）を答えた人の平均',
       '["endOfLife"]', '["g"]', 0, 'outreachSatisfaction',
       (SELECT MAX(i.created_at) FROM indicators i WHERE i.workspace_id = w.id)
  FROM workspaces w
 WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id)
   AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id AND i.code = 'P13');
`,
};
