/**
 * 全国地方公共団体コード: 5 digits plus a modulus-11 check digit.
 * Weights 6,5,4,3,2; check digit = last digit of (11 − sum mod 11).
 */

export function lgCodeCheckDigit(first5: string): number {
  if (!/^\d{5}$/.test(first5)) throw new RangeError("expected 5 digits");
  const weights = [6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(first5[i]) * weights[i];
  return (11 - (sum % 11)) % 10;
}

export type LgCodeProblem = "format" | "check-digit" | "prefecture";

/** Returns null when the 6-digit code is valid, else what is wrong with it. */
export function validateLgCode(code: string): LgCodeProblem | null {
  if (!/^\d{6}$/.test(code)) return "format";
  const pref = Number(code.slice(0, 2));
  if (pref < 1 || pref > 47) return "prefecture";
  if (lgCodeCheckDigit(code.slice(0, 5)) !== Number(code[5])) return "check-digit";
  return null;
}

export const PREFECTURES: readonly string[] = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
];

/** Prefecture name from the first two digits of a local government code. */
export function prefectureOfLgCode(code: string): string | null {
  const pref = Number(code.slice(0, 2));
  return PREFECTURES[pref - 1] ?? null;
}
