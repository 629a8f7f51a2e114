import type { Migration } from "../migrations.js";

export const m0020: Migration = {
  version: 20,
  name: "training and outreach participants counted from the events",
  sql: `
-- 多職種研修 and 住民啓発 participants are counted from the events held from now on, not typed
-- (figures typed for years without events stay).
UPDATE indicators SET derived = 'trainingAttendance', source = '紡ぎの研修記録'
 WHERE code = 'P07' AND derived IS NULL AND name = '多職種研修 参加者数';
UPDATE indicators SET derived = 'outreachAttendance', source = '紡ぎの研修記録'
 WHERE code = 'P08' AND derived IS NULL AND name = '住民啓発（ACP）参加者数';
`,
};
