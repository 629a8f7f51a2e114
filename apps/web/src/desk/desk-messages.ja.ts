/**
 * Texts of the consultation desk (相談支援), spread into the app's catalogue
 * (i18n/messages.ja.ts). The codes' own labels (相談者, 相談内容, 対応 …) come from
 * @tsumugi/domain's desk vocabulary.
 */
export const deskMessages = {
  // 操作記録 (audit log) entries of the desk
  "auditKind.desk": "相談支援",
  "auditEvent.consultation.searched": "相談記録を氏名で検索",
  "auditEvent.consultation.exported": "相談記録を出力",
  "auditEvent.desk.created": "相談窓口を作成",
  "auditEvent.desk.updated": "相談窓口を変更",
  "auditEvent.desk.deleted": "相談窓口を削除",
  "auditEvent.desk.areas_changed": "日常生活圏域を変更",
  "auditEvent.consultation.created": "相談を記録",
  "auditEvent.consultation.updated": "相談記録を変更",
  "auditEvent.consultation.case_updated": "相談の対象者情報を変更",
  "auditEvent.consultation.anonymised": "保存期間を過ぎた相談記録を匿名化",
  "auditEvent.example.drafted": "公開用の相談事例を作成",
  "auditEvent.example.updated": "公開用の相談事例を変更",
  "auditEvent.example.status_changed": "公開用の相談事例の状態を変更",
  "auditEvent.example.deleted": "公開用の相談事例を削除",
} as const;
