/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans, null), so a manifest never shares objects
 * with what its builder was given. The same result as `structuredClone` on such data, several times faster on the
 * small objects manifests hold; anything else (a Date, a Map, a class instance, a function) goes to `structuredClone`.
 */
export function copyData<T>(value: T): T {
  if (typeof value !== "object" || value === null) return typeof value === "function" ? structuredClone(value) : value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key]);
    // a key "__proto__" (JSON.parse makes one) is a property like any other, never the prototype
    if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out as T;
}
