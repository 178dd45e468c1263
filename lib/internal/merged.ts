/**
 * `{ ...base, ...added }`, faster: when there is no `base` yet (the common case), one spread, which V8 copies at
 * full speed; a second spread is a generic copy, property by property.
 */
export function merged<T extends object>(base: T | undefined, added: T): T {
  return base === undefined ? { ...added } : { ...base, ...added };
}
