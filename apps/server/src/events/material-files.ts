/**
 * What an event's material (資料) may be: a PDF, an Office file (Word, Excel, PowerPoint, old
 * and new formats) or an image (PNG, JPEG, GIF, WebP), decided from the file's contents by
 * `file-type` (magic numbers; for Office files the ZIP's parts), never from its name alone. The
 * name's extension must also be one of that type's, so a page saved as "案内.pdf" that is
 * really HTML, or a PNG named ".xlsx", is refused with a Japanese message before anything is
 * stored. SVG and HTML are never accepted: a browser would run what they hold.
 */
import { fileTypeFromBuffer } from "file-type";
import { ApiError } from "../http/errors.js";

interface Kind {
  mime: string;
  extensions: readonly string[];
  /** What file-type answers for it. */
  detected: string;
}

const KINDS: readonly Kind[] = [
  { mime: "application/pdf", extensions: ["pdf"], detected: "application/pdf" },
  {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    detected: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    detected: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    detected: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  },
  // The old Office formats are all one container (Compound File Binary): the name says which.
  { mime: "application/msword", extensions: ["doc"], detected: "application/x-cfb" },
  { mime: "application/vnd.ms-excel", extensions: ["xls"], detected: "application/x-cfb" },
  { mime: "application/vnd.ms-powerpoint", extensions: ["ppt"], detected: "application/x-cfb" },
  { mime: "image/png", extensions: ["png"], detected: "image/png" },
  { mime: "image/jpeg", extensions: ["jpg", "jpeg"], detected: "image/jpeg" },
  { mime: "image/gif", extensions: ["gif"], detected: "image/gif" },
  { mime: "image/webp", extensions: ["webp"], detected: "image/webp" },
];

export const MATERIAL_NAME_MAX = 120;

const refused = (code: string, message: string) =>
  new ApiError(400, `material.${code}`, message, { file: code });

export const materialEmpty = () => refused("empty", "ファイルが空です。内容のあるファイルを選んでください。");
export const materialNotAllowed = () =>
  refused(
    "type",
    "この種類のファイルは登録できません。PDF、Word、Excel、PowerPoint、画像（PNG・JPEG・GIF・WebP）を選んでください。",
  );
export const materialMismatch = (ext: string) =>
  refused(
    "mismatch",
    `ファイルの中身が名前（.${ext}）と合いません。元のアプリで保存し直したファイルを選んでください。`,
  );
export const materialBadName = () =>
  refused("name", "ファイル名を読み取れません。拡張子（.pdf など）の付いた名前にしてください。");

/**
 * The name as shown and offered on download: the last part of a path, without control
 * characters, at most MATERIAL_NAME_MAX characters (the extension kept). Null when nothing
 * usable is left.
 */
export function cleanMaterialName(raw: string): string | null {
  const base = (raw.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .normalize("NFC")
    .trim();
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || dot === base.length - 1) return null;
  const ext = base.slice(dot);
  if (ext.length > 6) return null;
  const stem = [...base.slice(0, dot)]
    .slice(0, MATERIAL_NAME_MAX - ext.length)
    .join("")
    .trim();
  return stem ? `${stem}${ext}` : null;
}

export const extensionOf = (name: string) => name.slice(name.lastIndexOf(".") + 1).toLowerCase();

/** The media type of an acceptable file, or the refusal to answer. */
export async function checkMaterialFile(name: string, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw materialEmpty();
  const ext = extensionOf(name);
  const found = await fileTypeFromBuffer(bytes);
  const matching = found ? KINDS.filter((k) => k.detected === found.mime) : [];
  if (matching.length === 0) throw materialNotAllowed();
  const kind = matching.find((k) => k.extensions.includes(ext));
  if (!kind) throw materialMismatch(ext);
  return kind.mime;
}

/** A name with the same stem and the extension the contents call for (a rename keeps the type). */
export function keepsExtension(oldName: string, newName: string): boolean {
  return extensionOf(oldName) === extensionOf(newName);
}
