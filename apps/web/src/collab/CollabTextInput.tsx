/**
 * An <input> or <textarea> bound to a Y.Text (see text-binding.ts): each keystroke becomes an
 * edit at the caret, colleagues' edits appear at once with the caret moved through them, and
 * an IME composition is never disturbed. With `maxLength`, the field stops at the schema's
 * limit and says so in Japanese when the text gets near it (or is over it, e.g. written by an
 * older version).
 */
import { type FocusEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { limitHint } from "./LimitHint";
import { TextFieldBinding } from "./text-binding";
import "./collab-fields.css";

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
  /** The schema's limit for this field (characters). */
  maxLength?: number;
  onFocus?(): void;
  onBlur?(): void;
}

export function CollabTextInput(props: Props) {
  const { text, maxLength } = props;
  const ref = useRef<Field | null>(null);
  const [length, setLength] = useState(() => text.length);
  const hintId = useId();
  const readOnly = useRef(props.readOnly);
  readOnly.current = props.readOnly;

  useLayoutEffect(() => {
    const field = ref.current;
    if (!field) return;
    const binding = new TextFieldBinding(field, text, {
      onText: (value) => setLength(value.length),
      writable: () => !readOnly.current,
    });
    return () => binding.destroy();
  }, [text]);

  const hint = props.readOnly ? null : limitHint(length, maxLength);
  const common = {
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
    "aria-describedby": hint ? hintId : undefined,
    "aria-invalid": maxLength !== undefined && length > maxLength ? true : undefined,
    placeholder: props.placeholder,
    className: props.className,
    "data-testid": props.testId,
    maxLength,
  };
  const setRef = (el: Field | null) => {
    ref.current = el;
  };
  return (
    <>
      {props.multiline ? (
        <textarea ref={setRef} rows={props.rows ?? 3} {...common} />
      ) : (
        <input ref={setRef} type="text" {...common} />
      )}
      {hint && (
        <span
          id={hintId}
          className={maxLength !== undefined && length > maxLength ? "limit-hint over" : "limit-hint"}
          data-testid="limit-hint"
          role="status"
        >
          {hint}
        </span>
      )}
    </>
  );
}
