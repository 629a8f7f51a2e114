/**
 * Texts of the questionnaires (アンケート): the builder, the results and the answering page,
 * spread into the app's catalogue (i18n/messages.ja.ts).
 */
export const questionnaireMessages = {
  "auditEvent.event.questionnaire_deleted": "アンケートを削除",
  "auditEvent.event.questionnaire_exported": "アンケート回答を書き出し",
  "error.questionnaire.notFound": "この研修・イベントのアンケートはまだ作成されていません。",
  "error.questionnaire.answered":
    "回答が届いているため、質問の削除や、質問の種類・選択肢の数の変更はできません（文言の修正と質問の追加はできます）。",
  "error.questionnaire.hasAnswers": "回答が届いているアンケートは削除できません。",
  "error.questionnaire.closed": "このアンケートの受付は終了しました。ご協力ありがとうございました。",
  "error.questionnaire.alreadyAnswered": "この端末からは既に回答をいただいています。ありがとうございました。",
  "error.questionnaire.notOffered": "このアンケートは見つかりません。URL をご確認ください。",
  "error.public.tooMany": "短い時間に多くの送信がありました。しばらくしてからもう一度お試しください。",
} as const;
