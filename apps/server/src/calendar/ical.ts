/**
 * iCalendar (RFC 5545) text for a person's meetings, as Outlook and Google Calendar
 * subscribe to it: times in Asia/Tokyo, lines folded at 75 octets, text escaped.
 */

export interface CalendarEvent {
  uid: string;
  title: string;
  /** Local time in Japan, "2023-05-25T14:00". */
  startsAt: string;
  endsAt: string | null;
  place: string;
  url: string;
  description: string;
  cancelled?: boolean;
  updatedAt: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped; every line break
 * (CRLF, a bare CR, a bare LF) written as `\n`; other control characters, which TEXT cannot
 * hold, dropped (tab is allowed).
 */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(CONTROL, "");
}

/** A URI value cannot be escaped: one with whitespace or control characters is left out. */
function uriValue(s: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refused characters
  return /^[^\s\u0000-\u001f\u007f]+$/.test(s) ? s : null;
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const local = (s: string) =>
  `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}00`;

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** One hour later, as local time text (meetings without an end). */
function plusHour(start: string): string {
  const d = new Date(`${start}:00Z`);
  d.setUTCHours(d.getUTCHours() + 1);
  return d.toISOString().slice(0, 16);
}

export function calendarText(name: string, events: readonly CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tsumugi//Meetings//JA",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:Asia/Tokyo",
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Tokyo",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "TZNAME:JST",
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.updatedAt)}`,
      `LAST-MODIFIED:${utcStamp(e.updatedAt)}`,
      `DTSTART;TZID=Asia/Tokyo:${local(e.startsAt)}`,
      `DTEND;TZID=Asia/Tokyo:${local(e.endsAt ?? plusHour(e.startsAt))}`,
      `SUMMARY:${escapeText(e.title)}`,
    );
    if (e.place) lines.push(`LOCATION:${escapeText(e.place)}`);
    const url = uriValue(e.url);
    if (url) lines.push(`URL:${url}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
