import { type MessageKey, messages } from "./messages.ja";

/** The message for `key` with `{param}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  // Keys built at run time (error codes from the server) may be missing: show the key, not a crash.
  const text: string | undefined = messages[key];
  return (text ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}
