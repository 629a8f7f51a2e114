/**
 * The plan actions (取組) something carries out, linked by id: the linked ones as chips that an
 * editor can remove, and a picker of the others to add one. The caller saves the new list.
 */

export function LinkedActions({
  actions,
  linkedIds,
  editable,
  onChange,
  addLabel,
  removeLabel,
  removeTitle,
  testId,
}: {
  /** Every action that can be linked, in the order shown. */
  actions: readonly { id: string; title: string }[];
  linkedIds: readonly string[];
  editable: boolean;
  onChange(ids: string[]): void;
  /** The picker's label and its empty choice. */
  addLabel: string;
  /** A remove button's label, before "：<title>". */
  removeLabel: string;
  removeTitle?: string;
  /** The picker's data-testid. */
  testId?: string;
}) {
  return (
    <>
      <ul className="plain linked-actions">
        {actions
          .filter((a) => linkedIds.includes(a.id))
          .map((a) => (
            <li key={a.id} className="link-chip">
              {a.title}
              {editable && (
                <button
                  type="button"
                  className="icon tiny"
                  title={removeTitle}
                  aria-label={`${removeLabel}：${a.title}`}
                  onClick={() => onChange(linkedIds.filter((x) => x !== a.id))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
      </ul>
      {editable && (
        <select
          aria-label={addLabel}
          value=""
          onChange={(e) => e.target.value && onChange([...linkedIds, e.target.value])}
          data-testid={testId}
        >
          <option value="">{addLabel}</option>
          {actions
            .filter((a) => !linkedIds.includes(a.id))
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
        </select>
      )}
    </>
  );
}
