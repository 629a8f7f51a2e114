/**
 * Texts of an event's materials (資料) and of 出前講座 requests (the public form and the
 * secretariat's list), spread into the app's catalogue (i18n/messages.ja.ts).
 */
export const outreachMessages = {
  // materials (資料)
  "materials.title": "資料",
  "materials.hint":
    "スライドや配布資料を登録できます。「公開ページに掲載」にした資料は、研修・イベントの公開ページからだれでもダウンロードできます。",
  "materials.readHint": "この研修・イベントの資料です。ファイル名を押すとダウンロードします。",
  "materials.cohostScope": "共同開催の自治体には、主催の自治体が公開ページに掲載した資料だけが表示されます。",
  "materials.add": "ファイルを追加",
  "materials.uploading": "登録しています…",
  "materials.limits": "PDF・Word・Excel・PowerPoint・画像、1ファイル{max}まで",
  "materials.tooLarge": "{name}：ファイルが大きすぎます（{max}まで）。",
  "materials.added": "{n}件の資料を登録しました。",
  "materials.none": "資料はまだありません。",
  "materials.noneCohost": "公開ページに掲載された資料はありません。",
  "materials.image": "画像",
  "materials.file": "ファイル",
  "materials.public": "公開中",
  "materials.offerPublic": "公開ページに掲載",
  "materials.rename": "名前を変更",
  "materials.renameOf": "{name}の名前を変更",
  "materials.newName": "新しいファイル名",
  "materials.deleteOf": "{name}を削除",
  "materials.confirmDelete": "資料「{name}」を削除します。よろしいですか？",
  "publicEvents.materials": "資料",
  "publicEvents.materialsHint": "ファイル名を押すとダウンロードします。",
  "error.material.notFound": "資料が見つかりません。",
  "field.extension": "拡張子（.pdf など）は変えられません。",
  "field.past": "今日以降の日付を選んでください。",
  "auditEvent.event.requests_erased": "保存期間を過ぎた出前講座の依頼者の連絡先を削除",
} as const;
