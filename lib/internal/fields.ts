import type { Problems } from "./errors.js";

/** Reports each key of `value` that is not one of `fields` of `what` (an untyped caller's misspelling), at `path`. */
export function checkFields(value: object, fields: readonly string[], what: string, path: string, problems: Problems): void {
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) problems.add(path, `a field of ${what} (${fields.join(", ")})`, key);
  }
}
