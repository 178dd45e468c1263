// Inputs shared by several tables.

/** The image every workload case runs. */
export const IMAGE = "busybox:1.36";

/** A DNS label of `length` characters. */
export const label = (length: number): string => "a".repeat(length);

/** A DNS subdomain of `length` characters (parts of at most 63, joined by dots). */
export function subdomain(length: number): string {
  const parts: string[] = [];
  let left = length;
  while (left > 0) {
    const part = Math.min(63, left);
    parts.push("b".repeat(part));
    left -= part + 1;
  }
  // the last part absorbs a dot that did not fit
  const text = parts.join(".");
  return text.length === length ? text : text + "c".repeat(length - text.length);
}

/** Integers around int32's bounds and zero, and a fraction. */
export const COUNTS = [-1, 0, 1, 2_147_483_647, 2_147_483_648, 1.5];

/** Label keys: prefixes, name lengths, characters. */
export const LABEL_KEYS = [
  "a", "A", "a_b", "a.b", "a-b", "_a", "a_", "-a", ".a", "a b", "a:b", "ä", "",
  "a/b", "a.b/c", "A.b/c", "a_b/c", "/a", "a/", "a//b", "a/b/c", "kubernetes.io/x", "x.k8s.io/A_b.c-d",
  label(63), label(64), `${subdomain(253)}/a`, `${subdomain(254)}/a`, `a/${label(63)}`, `a/${label(64)}`,
];

/** Label values: empty, lengths, characters. */
export const LABEL_VALUES = ["", "a", "A", "a_b", "a.b", "a-b", "_a", "a_", "-a", ".a", "a b", "a/b", "a:b", "ä", label(63), label(64)];
