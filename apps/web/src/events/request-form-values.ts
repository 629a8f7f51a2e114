/** The 出前講座 request form's values and the request they make. */
import type { PublicRequest, WishedDate } from "@tsumugi/contract";

export const SLOTS: WishedDate["slot"][] = ["am", "pm", "evening", "any"];
export const OTHER = "__other__";

export interface Values {
  groupName: string;
  topicChoice: string;
  topicFree: string;
  dates: { date: string; slot: WishedDate["slot"] }[];
  people: string;
  place: string;
  contactName: string;
  contact: string;
  message: string;
  consent: boolean;
  website: string;
}

export const EMPTY: Values = {
  groupName: "",
  topicChoice: "",
  topicFree: "",
  dates: [
    { date: "", slot: "pm" },
    { date: "", slot: "pm" },
    { date: "", slot: "pm" },
  ],
  people: "",
  place: "",
  contactName: "",
  contact: "",
  message: "",
  consent: false,
  website: "",
};

/** The rows sent as wishes: the first always (it is required), the others when a date is chosen. */
export const sentRows = (v: Values) =>
  v.dates.map((d, i) => ({ ...d, row: i })).filter((d) => d.row === 0 || d.date !== "");

export function bodyOf(v: Values, formToken: string): PublicRequest {
  const people = v.people.normalize("NFKC").trim();
  const n = Number(people);
  return {
    groupName: v.groupName,
    topic: v.topicChoice === OTHER || v.topicChoice === "" ? v.topicFree : v.topicChoice,
    wishedDates: sentRows(v).map(({ date, slot }) => ({ date, slot })),
    people:
      people === "" ? (null as unknown as number) : Number.isInteger(n) ? n : (people as unknown as number),
    place: v.place,
    contactName: v.contactName,
    contact: v.contact,
    message: v.message,
    consent: v.consent as true,
    formToken,
    website: v.website,
  };
}
