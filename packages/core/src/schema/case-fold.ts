/**
 * The case-insensitive form of a string for `caseExact: false` attributes (RFC 7643 §2.2).
 * Unicode-aware, unlike SQLite's `lower()` and `NOCASE` (ASCII only): the server stores this
 * folded form in indexed columns and folds filter values the same way, so both sides agree.
 * NFC first, so composed and decomposed spellings of the same text compare equal.
 */
export function foldCase(value: string): string {
  return value.normalize("NFC").toLowerCase();
}
