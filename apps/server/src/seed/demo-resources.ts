/**
 * The demo's resource directory (医療・介護資源) for 流山市: the sample open-data files in
 * ./open-data (made for tests and the demo, every facility invented) imported through the same
 * commands as the import screen, four 日常生活圏域 with their 町名, a 地域包括支援センター entered
 * by hand, and the professionals-only fields (連絡可能時間, 地域連携窓口, 空き状況) filled in for a
 * few entries as a municipality would. The directory is marked 「デモ用の例」 and its public page
 * is open.
 */
import { readFileSync } from "node:fs";
import type { ImportFile, UpdateResource } from "@tsumugi/contract";
import { ensureAreas } from "../areas/area-commands.js";
import { listAreas } from "../areas/area-repository.js";
import type { AppContext, Caller } from "../context.js";
import { createResource, updateResource, updateSettings } from "../resources/resource-commands.js";
import { confirmImport, previewImport } from "../resources/resource-import-commands.js";
import { listResources } from "../resources/resource-repository.js";
import { getSettings, saveSettings } from "../resources/resource-settings-repository.js";

const SAMPLES = new URL("./open-data/", import.meta.url);

/** The order matters only for reading: hospitals and clinics first, as 医療情報ネット publishes them. */
export const DEMO_RESOURCE_FILES = [
  "01-1_hospital_facility_info_20250601.csv",
  "02-1_clinic_facility_info_20250601.csv",
  "02-2_clinic_speciality_hours_20250601.csv",
  "03-1_dental_facility_info_20250601.csv",
  "05_pharmacy_20250601.csv",
  "jigyosho_130.csv",
  "jigyosho_430.csv",
  "jigyosho_210.csv",
  "jigyosho_510.csv",
] as const;

/** The same four areas as the consultation desk's demo, with the 町名 that place an address. */
const AREAS = [
  { name: "北部", towns: ["江戸川台東", "江戸川台西", "駒木台", "東深井", "西深井", "中野久木", "美原"] },
  {
    name: "中部",
    towns: [
      "おおたかの森東",
      "おおたかの森西",
      "おおたかの森南",
      "おおたかの森北",
      "市野谷",
      "西初石",
      "東初石",
    ],
  },
  { name: "南部", towns: ["南流山", "流山", "平和台", "木", "鰭ケ崎", "加"] },
  { name: "東部", towns: ["向小金", "前平井", "前ケ崎", "松ケ丘", "野々下"] },
];

/**
 * What a municipality keeps by hand (illustrative): professionals-only details, and the services
 * entries offer (the open data does not say who does 訪問診療 or 看取り).
 */
const PROFESSIONAL: Record<string, UpdateResource> = {
  つむぎ総合病院: {
    services: ["palliative", "emergencyBeds", "respite"],
    liaison: {
      department: "地域医療連携室",
      phone: "04-7100-0191",
      fax: "04-7100-0192",
      email: "renkei@tsumugi-hp.example.jp",
      hours: "平日 8:30〜17:00",
      note: "入退院の相談はまず電話で（デモ用の例）",
    },
    contact: { hours: "平日 13:30〜15:00", methods: ["phone", "fax"], note: "主治医への連絡は連携室経由で" },
    vacancy: { beds: 4, note: "レスパイト入院は2週間前までに相談（デモ用の例）" },
  },
  流山中央病院: {
    liaison: {
      department: "患者支援センター",
      phone: "04-7100-0201",
      fax: "04-7100-0202",
      email: "",
      hours: "月〜土 9:00〜16:00",
      note: "（デモ用の例）",
    },
    contact: { hours: "平日 14:00〜16:00", methods: ["phone"], note: "" },
    vacancy: { beds: 0, note: "満床（デモ用の例）" },
  },
  江戸川台在宅クリニック: {
    services: ["homeVisits", "urgentVisits", "allHours", "endOfLife", "homeOxygen"],
    contact: {
      hours: "平日 12:30〜13:30",
      methods: ["phone", "ict"],
      note: "カナミックでの連絡も可（デモ用の例）",
    },
  },
  ケアプランつむぎ: {
    contact: { hours: "平日 9:00〜10:00、16:00〜17:00", methods: ["phone", "email"], note: "（デモ用の例）" },
  },
  つむぎ訪問看護ステーション: {
    services: ["allHours", "endOfLife", "parenteralNutrition", "suction"],
    contact: { hours: "24時間（緊急時）、通常は平日 9:00〜17:00", methods: ["phone", "fax"], note: "" },
  },
  おおたかの森つむぎクリニック: { services: ["homeVisits", "dementia"] },
  南流山訪問歯科: { services: ["dentalVisits"] },
  "つむぎ薬局 おおたかの森店": { services: ["pharmacistVisits", "sterileCompounding"] },
  江戸川台訪問看護ステーション: { services: ["endOfLife", "pressureUlcer"] },
  "特別養護老人ホームつむぎの里 ショートステイ": {
    vacancy: { beds: 2, note: "男性1床・女性1床（デモ用の例）" },
  },
};

export async function seedDemoResources(ctx: AppContext, workspaceId: string, secretariatId: string) {
  const caller: Caller = {
    actor: { userId: secretariatId, role: "secretariat", groupIds: [] },
    workspaceId,
    ip: "demo",
  };
  // The desk's demo may have named these areas already: the directory adds their 町名.
  await ensureAreas(ctx, caller, AREAS);
  for (const fileName of DEMO_RESOURCE_FILES) {
    const file: ImportFile = {
      fileName,
      content: readFileSync(new URL(fileName, SAMPLES)).toString("base64"),
    };
    const preview = await previewImport(ctx, caller, file);
    if (!preview.canImport) throw new Error(`demo sample ${fileName} does not import`);
    await confirmImport(ctx, caller, { ...file, confirm: preview.digest });
  }
  const areas = await listAreas(ctx.kysely, workspaceId);
  await createResource(ctx, caller, {
    kind: "communityCenter",
    name: "流山市中部地域包括支援センター（デモ用の例）",
    address: "千葉県流山市おおたかの森西一丁目2番地",
    lat: 35.8717,
    lng: 139.9248,
    areaId: areas.find((a) => a.name === "中部")?.id ?? null,
    phone: "04-7100-0301",
    publicNote: "高齢者の総合相談窓口です。",
    contact: { hours: "平日 8:30〜17:15", methods: ["phone", "visit"], note: "" },
  });
  const entries = await listResources(ctx.kysely, workspaceId);
  for (const entry of entries) {
    const details = PROFESSIONAL[entry.fields.name];
    if (details) await updateResource(ctx, caller, entry, details);
  }
  await updateSettings(ctx, caller, { publicEnabled: true });
  // Shown as 「デモ用の例」 on every screen of the directory and on its public page.
  const settings = await getSettings(ctx.kysely, workspaceId);
  await saveSettings(ctx.kysely, workspaceId, { ...settings, demo: true });
}
