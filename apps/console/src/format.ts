/** A timestamp as a person reads it, in their locale and time zone; "never" for none. */
export function formatTime(iso: string | null | undefined, never = "never"): string {
  if (iso === null || iso === undefined) return never;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "1–50 of 1,234" for a page; "None" when there is nothing. */
export function pageRange(startIndex: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return "None";
  const last = startIndex + shown - 1;
  return `${startIndex.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")}`;
}

/** The first characters of an id: enough to tell tokens apart in a table. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
