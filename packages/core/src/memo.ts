/**
 * `compute` remembered for the `size` most recently used keys. For work that depends only on a
 * few strings that repeat (a statement's SQL text, the `attributes` an IdP sends): it is done once,
 * and the bound keeps what arbitrary clients send from growing memory. A computation that throws
 * is not remembered.
 */
export function memoize<Input, Value>(
  size: number,
  keyOf: (input: Input) => string,
  compute: (input: Input) => Value,
): (input: Input) => Value {
  const values = new Map<string, Value>();
  return (input) => {
    const key = keyOf(input);
    const known = values.get(key);
    if (known !== undefined) {
      // Most recently used last: a Map keeps insertion order, so its first key is the coldest.
      values.delete(key);
      values.set(key, known);
      return known;
    }
    const value = compute(input);
    values.set(key, value);
    if (values.size > size) {
      const coldest = values.keys().next().value;
      if (coldest !== undefined) values.delete(coldest);
    }
    return value;
  };
}
