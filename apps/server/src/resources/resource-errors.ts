/** The directory's own error answers (Japanese messages; the codes are the web's to read). */
import { ApiError } from "../http/errors.js";

export const resourceNotFound = () => new ApiError(404, "resource.notFound", "資源が見つかりません。");
export const requestNotFound = () =>
  new ApiError(404, "resource.requestNotFound", "更新内容が見つかりません。");
export const actionNotFound = () => new ApiError(404, "not_found", "計画の取組が見つかりません。");
export const directoryClosed = () =>
  new ApiError(404, "resource.directoryClosed", "この自治体の医療・介護資源の一覧は公開されていません。");
export const linkInvalid = () =>
  new ApiError(
    404,
    "resource.linkInvalid",
    "このリンクは使えません（期限切れか、新しいリンクに置き換えられました）。事務局に新しいリンクを依頼してください。",
  );
export const importChanged = () =>
  new ApiError(
    409,
    "resource.importChanged",
    "確認した後に内容が変わりました。もう一度確認してから取り込んでください。",
  );
export const importRefused = () =>
  new ApiError(
    422,
    "resource.importRefused",
    "このファイルは取り込めません。確認画面のエラーを直してください。",
  );
export const fileUnreadable = () =>
  new ApiError(
    400,
    "resource.fileUnreadable",
    "ファイルを読み取れません。UTF-8 または Shift_JIS の CSV ファイルを選んでください。",
  );
export const alreadyDecided = () =>
  new ApiError(409, "resource.alreadyDecided", "この更新内容はすでに処理されています。");
