/**
 * An xsd:dateTime as SCIM uses it (RFC 7643 §2.3.5), e.g. `2011-05-13T04:42:34Z`, with optional
 * fractional seconds and a `Z` or `±hh:mm` offset. `T` and `Z` may be lower case (RFC 3339 §5.6).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

/**
 * The instant a SCIM dateTime denotes, in milliseconds since 1970-01-01T00:00:00Z (fractions of a
 * millisecond kept), or undefined when `text` is not a valid dateTime. A value without an offset is
 * read as UTC: `Date.parse` would read it in the host's time zone, which a pure function may not
 * depend on (RFC 7643 §2.3.5 leaves such values without a defined zone).
 */
export function parseScimDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  type Fields = [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as Fields;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = parseOffset(match[8] ?? "Z");
  if (offsetMinutes === undefined) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const seconds = (hour * 60 + minute - offsetMinutes) * 60 + second;
  return date.getTime() + seconds * 1000 + Number(`0${match[7] ?? ""}`) * 1000;
}

/** Minutes east of UTC for `Z` or `±hh:mm`: at most ±14:00, the range of xsd:dateTime time zones (RFC 7643 §2.3.5). */
function parseOffset(offset: string): number | undefined {
  if (offset.toUpperCase() === "Z") return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (offset.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}
