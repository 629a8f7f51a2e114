/** Structured fields of the directory's tables are JSON text, read back with a fallback. */
export function parseJson<T>(text: string, fallback: T): T {
  try {
    const v = JSON.parse(text) as unknown;
    return (v ?? fallback) as T;
  } catch {
    return fallback;
  }
}
