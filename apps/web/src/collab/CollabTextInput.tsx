/**
 * An <input> or <textarea> bound to a Y.Text: each keystroke becomes the smallest edit,
 * colleagues' edits appear while the caret stays put, and an IME composition in progress
 * is never disturbed: what it commits is inserted where the composition began, even if a
 * remote change moved the text meanwhile.
 */
import {
  type ChangeEvent,
  type CompositionEvent,
  type FocusEvent,
  type KeyboardEvent,
  useEffect,
  useRef,
  useState,
} from "react";
import * as Y from "yjs";
import { applyTextEdit, replaceText, shiftCaret } from "./text-diff";

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  text: Y.Text;
  readOnly?: boolean;
  multiline?: boolean;
  /** Visible lines of a multiline field (3 by default). */
  rows?: number;
  /** A wrapping field for one line of text (a title): Enter adds no line break. */
  noLineBreaks?: boolean;
  /** Enter in a one-line field (after any IME conversion), e.g. to move to the next row. */
  onEnter?(field: HTMLInputElement | HTMLTextAreaElement): void;
  label: string;
  placeholder?: string;
  className?: string;
  testId?: string;
  maxLength?: number;
  onFocus?(): void;
  onBlur?(): void;
}

interface Composition {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  startIndex: number;
  selected: number;
  baseLength: number;
}

export function CollabTextInput(props: Props) {
  const { text } = props;
  const [value, setValue] = useState(() => text.toString());
  const ref = useRef<Field | null>(null);
  const composition = useRef<Composition | null>(null);

  useEffect(() => {
    setValue(text.toString());
    const observe = (event: Y.YTextEvent, tx: Y.Transaction) => {
      if (tx.local || composition.current) return;
      const el = ref.current;
      const focused = el !== null && document.activeElement === el;
      const caret = focused ? shiftCaret(el.selectionStart ?? 0, event.delta as never) : 0;
      const caretEnd = focused ? shiftCaret(el.selectionEnd ?? 0, event.delta as never) : 0;
      setValue(text.toString());
      if (focused) queueMicrotask(() => el.setSelectionRange(caret, caretEnd));
    };
    text.observe(observe);
    return () => text.unobserve(observe);
  }, [text]);

  const onChange = (e: ChangeEvent<Field>) => {
    const next = e.target.value;
    setValue(next);
    if (composition.current || props.readOnly) return;
    replaceText(text, next);
  };

  const onCompositionStart = (e: CompositionEvent<Field>) => {
    const el = e.currentTarget;
    const startIndex = el.selectionStart ?? el.value.length;
    const endIndex = el.selectionEnd ?? startIndex;
    composition.current = {
      start: Y.createRelativePositionFromTypeIndex(text, startIndex),
      end: Y.createRelativePositionFromTypeIndex(text, endIndex, -1),
      startIndex,
      selected: endIndex - startIndex,
      baseLength: el.value.length,
    };
  };

  const onCompositionEnd = (e: CompositionEvent<Field>) => {
    const c = composition.current;
    composition.current = null;
    if (!c || props.readOnly || !text.doc) return;
    const final = e.currentTarget.value;
    const committed = final.slice(c.startIndex, c.startIndex + final.length - c.baseLength + c.selected);
    const start = Y.createAbsolutePositionFromRelativePosition(c.start, text.doc)?.index ?? c.startIndex;
    const end = Y.createAbsolutePositionFromRelativePosition(c.end, text.doc)?.index ?? start + c.selected;
    applyTextEdit(text, { index: start, remove: Math.max(0, end - start), insert: committed });
    const merged = text.toString();
    setValue(merged);
    const el = e.currentTarget;
    const caret = start + committed.length;
    queueMicrotask(() => el.setSelectionRange(caret, caret));
  };

  const common = {
    value,
    onChange,
    onCompositionStart,
    onCompositionEnd,
    onKeyDown: (e: KeyboardEvent<Field>) => {
      // Enter that confirms an IME conversion is not a line break either way.
      if (props.noLineBreaks && e.key === "Enter" && !e.nativeEvent.isComposing) {
        e.preventDefault();
        props.onEnter?.(e.currentTarget);
      }
    },
    onFocus: (_: FocusEvent<Field>) => props.onFocus?.(),
    onBlur: (_: FocusEvent<Field>) => props.onBlur?.(),
    readOnly: props.readOnly,
    "aria-label": props.label,
    placeholder: props.placeholder,
    className: props.className,
    "data-testid": props.testId,
    maxLength: props.maxLength,
  };
  const setRef = (el: Field | null) => {
    ref.current = el;
  };
  return props.multiline ? (
    <textarea ref={setRef} rows={props.rows ?? 3} {...common} />
  ) : (
    <input ref={setRef} type="text" {...common} />
  );
}
