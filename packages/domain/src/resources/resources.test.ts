import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { distanceKm, isInJapan } from "./geo.js";
import { blankResourceFields, type DirectoryEntry, planImport, planSummary } from "./import-plan.js";
import { decodeText, parseIryoFacility, parseIryoHours, parseKaigo, parseOpenData } from "./open-data.js";
import { originOfAddress, townCentres, townOf } from "./places.js";
import { EMPTY_HOURS, hoursSummary } from "./vocabulary.js";

const nagareyama = { lgCode: "122203", prefecture: "千葉県", name: "流山市" };
const KAIGO_HEADER =
  "都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,サービスの種類,住所,方書（ビル名等）,緯度,経度,電話番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,高齢者の方と障害者の方が同時一体的に利用できるサービス,介護保険の通常の指定基準を満たしている,障害福祉の通常の指定基準を満たしている,備考".split(
    ",",
  );

function kaigoRow(over: Partial<Record<string, string>>): string[] {
  const base: Record<string, string> = {
    都道府県コード又は市町村コード: "122203",
    都道府県名: "千葉県",
    市区町村名: "流山市",
    事業所名: "ケアプランつむぎ",
    事業所名カナ: "ｹｱﾌﾟﾗﾝﾂﾑｷﾞ",
    サービスの種類: "居宅介護支援",
    住所: "千葉県流山市おおたかの森北一丁目2番地",
    緯度: "35.8745",
    経度: "139.9268",
    電話番号: "０４－７１００－１１０１",
    事業所番号: "1272100011",
    利用可能曜日: "月,火,水,木,金",
    定員: "0",
    URL: "https://example.jp/",
    ...over,
  };
  return KAIGO_HEADER.map((h) => base[h] ?? "");
}

describe("decoding open-data files", () => {
  it("reads UTF-8 with and without BOM, and Shift_JIS, to the same text", () => {
    const dir = new URL("../../../../apps/server/src/seed/open-data/", import.meta.url);
    const bom = decodeText(readFileSync(new URL("jigyosho_430.csv", dir)));
    const sjis = decodeText(readFileSync(new URL("jigyosho_430_sjis.csv", dir)));
    const plain = decodeText(new TextEncoder().encode(bom?.text ?? ""));
    expect(bom?.encoding).toBe("utf-8-bom");
    expect(sjis?.encoding).toBe("shift_jis");
    expect(plain?.encoding).toBe("utf-8");
    expect(sjis?.text).toBe(bom?.text);
    expect(bom?.text.startsWith("都道府県コード又は市町村コード")).toBe(true);
  });

  it("refuses bytes that are neither", () => {
    expect(decodeText(new Uint8Array([0x82, 0xff, 0xfe, 0x80]))).toBeNull();
  });
});

describe("介護サービス情報公表 open data", () => {
  it("keeps the municipality's rows, 10-digit keys as strings, and normalises kana and phone numbers", () => {
    const parsed = parseKaigo(
      [
        KAIGO_HEADER,
        kaigoRow({}),
        kaigoRow({
          都道府県コード又は市町村コード: "122173",
          市区町村名: "柏市",
          住所: "千葉県柏市1",
          事業所番号: "1272000013",
        }),
        // designated by the prefecture: the code is 千葉県's, the city is named
        kaigoRow({ 都道府県コード又は市町村コード: "120006", 事業所番号: "0272100029", 事業所名: "二" }),
      ],
      nagareyama,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.totalRows).toBe(3);
    expect(parsed.areaRows).toBe(2);
    expect(parsed.scopes).toEqual(["kaigo:居宅介護支援"]);
    expect(parsed.entries.map((e) => e.key)).toEqual(["1272100011", "0272100029"]);
    expect(parsed.entries[0].fields).toMatchObject({
      kind: "careManagement",
      kana: "ケアプランツムギ",
      phone: "04-7100-1101",
      lat: 35.8745,
      capacity: null,
      hours: { mon: "利用可", fri: "利用可", sat: "" },
    });
  });

  it("reports missing columns for the whole file", () => {
    const parsed = parseOpenData([KAIGO_HEADER.filter((h) => h !== "住所"), []], nagareyama, "x.csv");
    expect(parsed.problems).toEqual([
      { row: 0, column: "住所", severity: "error", message: "必要な列がありません：「住所」" },
    ]);
  });

  it("reports bad keys and duplicates by row, and imports rows outside Japan without coordinates", () => {
    const parsed = parseKaigo(
      [
        KAIGO_HEADER,
        kaigoRow({}),
        kaigoRow({ 事業所番号: "272100011" }),
        kaigoRow({ 事業所名: "重複" }),
        kaigoRow({ 事業所番号: "1272100029", 緯度: "135.9", 経度: "35.8" }),
        kaigoRow({ 事業所番号: "1272100037", URL: "info@example.jp" }),
      ],
      nagareyama,
    );
    expect(parsed.problems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [3, "事業所番号", "error"],
      [4, "事業所番号", "error"],
      [5, "緯度・経度", "warning"],
      [6, "URL", "warning"],
    ]);
    expect(parsed.problems[0].message).toBe(
      "事業所番号は10桁の数字です（「272100011」）。表計算ソフトで先頭の0が消えていないか確かめてください。",
    );
    expect(parsed.problems[1].message).toBe(
      "事業所番号「1272100011」（居宅介護支援）が2行目と重複しています。",
    );
    expect(parsed.problems[2].message).toBe(
      "緯度・経度が日本の範囲外です（135.9, 35.8）。位置なしで取り込みます。",
    );
    expect(parsed.entries.map((e) => [e.key, e.fields.lat ?? null, e.fields.url])).toEqual([
      ["1272100011", 35.8745, "https://example.jp/"],
      ["1272100029", null, "https://example.jp/"],
      ["1272100037", 35.8745, ""],
    ]);
    // the refused row's key is seen: its entry is not gone
    expect(parsed.seenKeys).toContain("272100011");
  });
});

describe("医療情報ネット open data", () => {
  const header = [
    "ID",
    "正式名称",
    "機関区分",
    "都道府県コード",
    "市区町村コード",
    "所在地",
    "所在地座標（緯度）",
    "所在地座標（経度）",
  ];
  it("keeps 13-digit IDs with their leading zeros and finds the municipality by its codes", () => {
    const parsed = parseIryoFacility(
      [
        header,
        ["0120110000018", "つむぎクリニック", "2", "12", "220", "千葉県流山市1", "35.87", "139.92"],
        ["1220110000026", "柏", "2", "12", "217", "千葉県柏市1", "35.87", "139.92"],
        ["120110000034", "桁不足", "2", "12", "220", "千葉県流山市2", "0.0", "0.0"],
      ],
      nagareyama,
      "02-1_clinic_facility_info_20250601.csv",
    );
    expect(parsed.entries.map((e) => [e.key, e.scope, e.fields.kind])).toEqual([
      ["0120110000018", "iryo:clinic", "clinic"],
    ]);
    expect(parsed.problems).toMatchObject([{ row: 4, column: "ID", severity: "error" }]);
    expect(parsed.problems[0].message).toBe(
      "ID は13桁の数字です（「120110000034」）。表計算ソフトで先頭の0が消えていないか確かめてください。",
    );
  });

  it("merges every department's hours per day", () => {
    const parsed = parseIryoHours([
      ["ID", "診療科目名", "月_診療開始時間", "月_診療終了時間", "土_診療開始時間", "土_診療終了時間"],
      ["1220110000018", "内科", "09:00", "12:30", "9:00", "12:00"],
      ["1220110000018", "内科", "14:30", "18:00", "", ""],
      ["1220110000018", "小児科", "11:00", "13:00", "", ""],
      ["122011000002", "内科", "09:00", "12:00", "", ""],
      ["", "内科", "09:00", "12:00", "", ""],
    ]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [5, "ID", "ID は13桁の数字です（「122011000002」）。"],
      [6, "ID", "ID が空欄です。"],
    ]);
    expect(parsed.entries[0].fields.hours).toMatchObject({
      mon: "9:00〜13:00／14:30〜18:00",
      sat: "9:00〜12:00",
    });
  });
});

describe("planning an import", () => {
  const entry = (over: Partial<DirectoryEntry> & { name: string; key: string }): DirectoryEntry => ({
    id: `id-${over.key}`,
    fields: { ...blankResourceFields("careManagement"), name: over.name, address: "千葉県流山市1" },
    sources: { name: "import", address: "import", phone: "import" },
    scope: "kaigo:居宅介護支援",
    status: "active",
    ...over,
  });

  it("shows new, changed (field by field), kept and gone entries", () => {
    const parsed = parseKaigo(
      [
        KAIGO_HEADER,
        kaigoRow({ 事業所番号: "1272100011", 事業所名: "ケアプランつむぎ（新）", 電話番号: "04-7100-9999" }),
        kaigoRow({ 事業所番号: "1272100099", 事業所名: "新しい事業所" }),
      ],
      nagareyama,
    );
    const existing = [
      entry({
        key: "1272100011",
        name: "ケアプランつむぎ",
        fields: { ...blankResourceFields("careManagement"), name: "ケアプランつむぎ", phone: "04-0000-0000" },
        sources: { name: "import", phone: "manual" },
      }),
      entry({ key: "1272100029", name: "閉じた事業所" }),
      entry({ key: "9999999999", name: "別のサービス", scope: "kaigo:訪問介護" }),
    ];
    const plan = planImport(parsed, existing, (address) =>
      address.includes("おおたかの森") ? "north" : null,
    );
    expect(plan.added.map((a) => [a.key, a.fields.name, a.fields.areaId])).toEqual([
      ["1272100099", "新しい事業所", "north"],
    ]);
    const changed = plan.changed[0];
    expect(changed.id).toBe("id-1272100011");
    const byField = Object.fromEntries(changed.changes.map((c) => [c.field, c]));
    expect(byField.name).toMatchObject({
      before: "ケアプランつむぎ",
      after: "ケアプランつむぎ（新）",
      kept: false,
    });
    expect(byField.phone).toMatchObject({ before: "04-0000-0000", after: "04-7100-9999", kept: true });
    expect(plan.gone.map((g) => g.key)).toEqual(["1272100029"]);
    expect(planSummary(plan)).toMatchObject({ added: 1, changed: 1, gone: 1, kept: 1 });
  });

  it("reopens an entry that comes back and leaves an hours table's other days alone", () => {
    const back = planImport(
      parseKaigo([KAIGO_HEADER, kaigoRow({})], nagareyama),
      [
        entry({
          key: "1272100011",
          name: "ケアプランつむぎ",
          status: "closed",
          fields: { ...parseKaigo([KAIGO_HEADER, kaigoRow({})], nagareyama).entries[0].fields } as never,
        }),
      ],
      () => null,
    );
    expect(back.changed[0].reopen).toBe(true);

    const hours = planImport(
      parseIryoHours([
        ["ID", "月_診療開始時間", "月_診療終了時間"],
        ["1220110000018", "09:00", "12:00"],
        ["1220110000099", "09:00", "12:00"],
      ]),
      [
        {
          ...entry({ key: "1220110000018", name: "つむぎクリニック", scope: "iryo:clinic" }),
          fields: { ...blankResourceFields("clinic"), hours: { ...EMPTY_HOURS, sun: "休診" } },
        },
      ],
      () => null,
    );
    expect(hours.unmatched).toBe(1);
    expect(hours.gone).toEqual([]);
    expect(hours.changed[0].changes[0].after).toMatchObject({ mon: "9:00〜12:00", sun: "休診" });
  });
});

describe("hours and places", () => {
  it("sums up opening hours by runs of days", () => {
    expect(
      hoursSummary({
        ...EMPTY_HOURS,
        mon: "9:00〜18:00",
        tue: "9:00〜18:00",
        wed: "9:00〜18:00",
        sat: "9:00〜12:00",
        note: "往診は随時",
      }),
    ).toBe("月〜水 9:00〜18:00 / 土 9:00〜12:00 / 往診は随時");
  });

  it("knows Japan's box and distances", () => {
    expect(isInJapan(35.86, 139.9)).toBe(true);
    expect(isInJapan(139.9, 35.86)).toBe(false);
    expect(isInJapan(Number.NaN, 139)).toBe(false);
    // 流山市役所 → 柏駅: about 6 km as the crow flies
    expect(distanceKm({ lat: 35.8563, lng: 139.9027 }, { lat: 35.8621, lng: 139.9712 })).toBeCloseTo(6.2, 0);
  });
});

describe("nearest first from an address, without a geocoder", () => {
  it("reads the town (町名) of an address", () => {
    expect(townOf("千葉県流山市おおたかの森東三丁目1番地", "流山市")).toBe("おおたかの森東");
    expect(townOf("流山市前平井119", "流山市")).toBe("前平井");
    expect(townOf("千葉県流山市市野谷500番地", "流山市")).toBe("市野谷");
    expect(townOf("流山市江戸川台東２－５", "流山市")).toBe("江戸川台東");
    expect(townOf("千葉県流山市十太夫57", "流山市")).toBe("十太夫");
    expect(townOf("江戸川台東", "流山市")).toBe("江戸川台東");
    expect(townOf("千葉県柏市柏4-5", "")).toBe("柏");
    expect(townOf("", "流山市")).toBe("");
  });

  it("gives each town the mean of its placed entries, and an address the centre of its town", () => {
    const centres = townCentres(
      [
        { address: "千葉県流山市江戸川台東一丁目5番地", lat: 35.8975, lng: 139.8965 },
        { address: "千葉県流山市江戸川台東二丁目3番地", lat: 35.8985, lng: 139.8955 },
        { address: "千葉県流山市前平井100番地", lat: 35.852, lng: 139.926 },
        { address: "千葉県流山市駒木台1", lat: null, lng: null },
        { address: "千葉県流山市美原1", lat: 139.9, lng: 35.9 },
      ],
      "流山市",
    );
    expect(centres).toEqual([
      { town: "江戸川台東", lat: 35.898, lng: 139.896, entries: 2 },
      { town: "前平井", lat: 35.852, lng: 139.926, entries: 1 },
    ]);
    expect(originOfAddress("流山市江戸川台東3-10-2", centres, "流山市")?.town).toBe("江戸川台東");
    expect(originOfAddress("前平井", centres, "流山市")?.town).toBe("前平井");
    // A town named inside a longer text (a landmark before it) is still found.
    expect(originOfAddress("自宅は前平井の近く", centres, "流山市")?.town).toBe("前平井");
    expect(originOfAddress("駒木台1", centres, "流山市")).toBeNull();
    expect(originOfAddress("  ", centres, "流山市")).toBeNull();
  });
});
