/** A labelled form field with its error message underneath. */
import type { ReactNode } from "react";
import { fieldMessage } from "../api/client";

export function Field(props: { label: string; error?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error && <span className="field-error">{fieldMessage(props.error)}</span>}
    </label>
  );
}

export function ErrorBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      {message}
    </div>
  );
}
