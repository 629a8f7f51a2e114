import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { displayIndexMap, TextFieldBinding } from "./text-binding";

/**
 * A stand-in for an <input>/<textarea> with what the binding uses: value (sanitised as the
 * browser does), selection, focus and input/composition events.
 */
class FakeField extends EventTarget {
  readOnly = false;
  scrollTop = 0;
  scrollLeft = 0;
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: "forward" | "backward" | "none" = "none";
  private raw = "";
  readonly ownerDocument: { activeElement: unknown } = { activeElement: null };

  constructor(private readonly kind: "input" | "textarea") {
    super();
    this.ownerDocument.activeElement = this;
  }

  get value(): string {
    return this.raw;
  }

  /** Setting the value from script puts the caret at the end, as browsers do. */
  set value(v: string) {
    this.raw = this.kind === "input" ? v.replace(/[\r\n]/g, "") : v.replace(/\r\n?/g, "\n");
    this.selectionStart = this.selectionEnd = this.raw.length;
  }

  setSelectionRange(start: number, end: number, direction?: "forward" | "backward" | "none") {
    this.selectionStart = start;
    this.selectionEnd = end;
    this.selectionDirection = direction ?? "none";
  }

  /** The user replaces the selection with `text` (typing, pasting, an IME update). */
  userInput(text: string, composing = false) {
    const { selectionStart: s, selectionEnd: e } = this;
    this.raw = this.raw.slice(0, s) + text + this.raw.slice(e);
    this.selectionStart = this.selectionEnd = s + text.length;
    this.dispatchEvent(Object.assign(new Event("input"), { isComposing: composing }));
  }

  type(text: string) {
    for (const ch of text) this.userInput(ch);
  }
}

/** Two people on two copies of a text, their updates delivered when the test says so. */
function twoPeople(initial: string, kind: "input" | "textarea" = "textarea") {
  const docs = [new Y.Doc(), new Y.Doc()];
  docs[0].getText("t").insert(0, initial);
  Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
  const queues: Uint8Array[][] = [[], []];
  docs.forEach((doc, i) => {
    doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "network") queues[1 - i].push(u);
    });
  });
  const fields = docs.map(() => new FakeField(kind));
  const bindings = docs.map(
    (doc, i) => new TextFieldBinding(fields[i] as unknown as HTMLTextAreaElement, doc.getText("t")),
  );
  /** Delivers what is in flight to person `to` (both when omitted). */
  const deliver = (to?: number) => {
    for (const i of to === undefined ? [0, 1] : [to]) {
      for (const u of queues[i].splice(0)) Y.applyUpdate(docs[i], u, "network");
    }
  };
  return { docs, fields, bindings, deliver };
}

const only = (text: string, chars: string) => [...text].filter((c) => chars.includes(c)).join("");

describe("TextFieldBinding", () => {
  it("loses no key when both type at the same spot and updates cross in flight", () => {
    const { docs, fields, deliver } = twoPeople("退院支援");
    const a = "ABCDEFGHIJKLMNOPQRST";
    const b = "abcdefghijklmnopqrst";
    for (const f of fields) f.setSelectionRange(2, 2);
    for (let i = 0; i < a.length; i++) {
      fields[0].type(a[i]);
      if (i % 3 === 0) deliver(1);
      fields[1].type(b[i]);
      if (i % 2 === 0) deliver(0);
    }
    deliver();
    const text = docs[0].getText("t").toString();
    expect(docs[1].getText("t").toString()).toBe(text);
    expect(fields[0].value).toBe(text);
    expect(fields[1].value).toBe(text);
    expect(only(text, a)).toBe(a);
    expect(only(text, b)).toBe(b);
    expect(text.startsWith("退院")).toBe(true);
    expect(text.endsWith("支援")).toBe(true);
    // Each person's keys stay together: the caret is not pushed past the other's text.
    expect(text).toContain(a);
    expect(text).toContain(b);
  });

  it("moves the caret through a colleague's change before it", () => {
    const { fields, deliver } = twoPeople("相談窓口の周知");
    fields[0].setSelectionRange(4, 4);
    fields[1].setSelectionRange(0, 0);
    fields[1].type("【至急】");
    deliver();
    expect(fields[0].value).toBe("【至急】相談窓口の周知");
    expect(fields[0].selectionStart).toBe(8);
    fields[0].type("X");
    deliver();
    expect(fields[1].value).toBe("【至急】相談窓口Xの周知");
  });

  it("keeps a composition untouched while colleagues type, then commits it where it began", () => {
    const { docs, fields, bindings, deliver } = twoPeople("連携", "input");
    const [a, b] = fields;
    a.setSelectionRange(2, 2);
    b.setSelectionRange(2, 2);
    a.dispatchEvent(new Event("compositionstart"));
    a.userInput("し", true);
    a.setSelectionRange(2, 3);
    a.userInput("しー", true);
    a.setSelectionRange(2, 4);
    a.userInput("しーと", true);
    b.type("Z");
    deliver();
    // The field being composed in is not rewritten; the text already has Z.
    expect(bindings[0].composing).toBe(true);
    expect(a.value).toBe("連携しーと");
    expect(docs[0].getText("t").toString()).toBe("連携Z");
    a.setSelectionRange(2, 5);
    a.userInput("シート", true);
    a.dispatchEvent(new Event("compositionend"));
    deliver();
    expect(docs[0].getText("t").toString()).toBe("連携Zシート");
    expect(a.value).toBe("連携Zシート");
    expect(b.value).toBe("連携Zシート");
    expect(a.selectionStart).toBe(6);
  });

  it("does not write a read-only field's text", () => {
    const { docs, fields } = twoPeople("会議");
    fields[0].readOnly = true;
    fields[0].type("X");
    expect(docs[0].getText("t").toString()).toBe("会議");
    expect(fields[0].value).toBe("会議");
  });

  it("edits the right characters of a text holding line breaks an <input> cannot show", () => {
    const { docs, fields, deliver } = twoPeople("訪問\n看護", "input");
    expect(fields[0].value).toBe("訪問看護");
    fields[0].setSelectionRange(3, 3);
    fields[0].type("X");
    deliver();
    expect(docs[1].getText("t").toString()).toBe("訪問\n看X護");
    fields[0].setSelectionRange(2, 3);
    fields[0].userInput("");
    expect(docs[0].getText("t").toString()).toBe("訪問\nX護");
  });
});

describe("displayIndexMap", () => {
  it("maps what a field shows back to the text", () => {
    expect(displayIndexMap("ab", "ab")).toBeNull();
    expect(displayIndexMap("a\nb", "ab")).toEqual([0, 2, 3]);
    expect(displayIndexMap("a\r\nb", "a\nb")).toEqual([0, 2, 3, 4]);
    expect(displayIndexMap("a\rb", "a\nb")).toEqual([0, 1, 2, 3]);
  });
});
