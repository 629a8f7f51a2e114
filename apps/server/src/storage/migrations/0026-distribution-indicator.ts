import type { Migration } from "../migrations.js";

export const m0026: Migration = {
  version: 26,
  name: "copies of outreach materials handed out (P14), counted from the records",
  sql: `
-- Workspaces that already have their indicators get 啓発資材 配布部数 counted from the records of
-- materials handed out (a workspace without indicators gets it with the starter catalogue).
INSERT INTO indicators (id, workspace_id, code, name, type, unit, kind, normalisation, direction,
                        source, notes, scenes, items, monthly, derived, created_at)
SELECT 'p14' || w.id, w.id, 'P14', '啓発資材 配布部数', 'P', '部/年', 'count', 'none', 'up',
       '紡ぎの配布記録', '情報紙（全戸配布）・チラシ・ACP冊子などを配布した部数の合計',
       '["endOfLife"]', '["g"]', 0, 'materialsDistributed',
       (SELECT MAX(i.created_at) FROM indicators i WHERE i.workspace_id = w.id)
  FROM workspaces w
 WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id)
   AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.workspace_id = w.id AND i.code = 'P14');
`,
};
