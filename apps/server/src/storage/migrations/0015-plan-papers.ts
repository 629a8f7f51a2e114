import type { Migration } from "../migrations.js";

export const m0015: Migration = {
  version: 15,
  name: "plan papers: budgets and funding sources, period series and milestones, item notes and profile",
  sql: `
ALTER TABLE plan_actions ADD COLUMN budget INTEGER;
ALTER TABLE plan_actions ADD COLUMN funding_source TEXT;
ALTER TABLE plan_periods ADD COLUMN series TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_periods ADD COLUMN milestones TEXT NOT NULL DEFAULT '[]';
ALTER TABLE plan_projections ADD COLUMN item_notes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plan_projections ADD COLUMN profile TEXT NOT NULL DEFAULT '{}';
-- The read model is derived from the plan documents: dropping the projections makes start-up
-- project every plan again, now with the new fields.
DELETE FROM plan_projections;
`,
};
