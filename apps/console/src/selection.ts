/**
 * The selection after a click on the checkbox of row `index` in `ids` (the rows shown, in order):
 * a plain click toggles that row; a Shift-click gives every row from the one clicked before
 * (`anchor`, by id, so a refresh that adds rows above it keeps the range right) to this one the
 * state this row takes, as a file manager's list does. An anchor no longer shown is no anchor.
 */
export function clickSelection(
  ids: readonly string[],
  selected: ReadonlySet<string>,
  index: number,
  anchor: string | undefined,
  shift: boolean,
): ReadonlySet<string> {
  const id = ids[index];
  if (id === undefined) return selected;
  const select = !selected.has(id);
  const from = shift && anchor !== undefined ? ids.indexOf(anchor) : -1;
  const range = from === -1 ? [id] : ids.slice(Math.min(from, index), Math.max(from, index) + 1);
  const next = new Set(selected);
  for (const each of range) {
    if (select) next.add(each);
    else next.delete(each);
  }
  return next;
}

/** Only the selected ids still shown: rows that left the page (paging, a reload) stay unselected. */
export function keepShown(ids: readonly string[], selected: ReadonlySet<string>): ReadonlySet<string> {
  const kept = ids.filter((id) => selected.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}
