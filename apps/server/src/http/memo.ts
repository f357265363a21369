/**
 * `compute` remembered per key for the most recent `size` keys. For per-request work that only
 * depends on a few strings of the request (a projection compiled from `attributes`): IdPs send
 * the same handful every time, so it is computed once, and the bound keeps what arbitrary
 * clients send from growing memory. A key whose computation throws is not remembered.
 */
export function memoByKey<Value>(size: number, compute: (key: string) => Value): (key: string) => Value {
  const values = new Map<string, Value>();
  return (key) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    values.set(key, value);
    if (values.size > size) {
      const oldest = values.keys().next().value;
      if (oldest !== undefined) values.delete(oldest);
    }
    return value;
  };
}
