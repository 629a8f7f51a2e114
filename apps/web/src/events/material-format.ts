/** How a material (資料) is named in lists: its kind as people call it and its size. */
import { t } from "../i18n/t";

/** 「PDF」「Word」「画像」…, from the media type the server checked. */
export function materialKind(type: string): string {
  if (type === "application/pdf") return "PDF";
  if (type.includes("word")) return "Word";
  if (type.includes("sheet") || type.includes("excel")) return "Excel";
  if (type.includes("presentation") || type.includes("powerpoint")) return "PowerPoint";
  if (type.startsWith("image/")) return t("materials.image");
  return t("materials.file");
}

/** 「1.2 MB」「850 KB」. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
