import { isObject, jsonCopy, type Manifest } from "./manifest.js";
import { groupOf } from "./object-id.js";

/** What a Secret value is printed as. */
export const MASK = "***";

/** Whether a manifest is a core Secret, whose values are never printed. */
export function isSecret(manifest: { apiVersion?: unknown; kind?: unknown }): boolean {
  return manifest.kind === "Secret" && typeof manifest.apiVersion === "string" && groupOf(manifest.apiVersion) === "";
}

/** Annotations that carry a copy of the object (and so its values). */
const COPY_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

/**
 * A copy of `manifest` safe to print: for a Secret, every value of `data` and `stringData` (and annotations holding
 * a copy of the object) is replaced by `***`; other objects are returned as copies, unchanged.
 */
export function maskSecret(manifest: Manifest): Manifest {
  if (!isSecret(manifest)) return jsonCopy(manifest);
  const out = jsonCopy(manifest);
  for (const field of ["data", "stringData"]) {
    const values = out[field];
    if (isObject(values)) for (const key of Object.keys(values)) values[key] = MASK;
  }
  maskCopies(out);
  return out;
}

/**
 * Copies of two versions of an object safe to print side by side: for Secrets, values equal in both become `***`,
 * values that differ `*** (before)` and `*** (after)`, so a diff still shows which keys change but never a value.
 */
export function maskSecretPair(before: Manifest | undefined, after: Manifest | undefined): [Manifest | undefined, Manifest | undefined] {
  const secret = (before !== undefined && isSecret(before)) || (after !== undefined && isSecret(after));
  if (!secret) return [before && jsonCopy(before), after && jsonCopy(after)];
  const a = before && jsonCopy(before);
  const b = after && jsonCopy(after);
  for (const field of ["data", "stringData"]) {
    const oldValues = a?.[field];
    const newValues = b?.[field];
    const oldMap = isObject(oldValues) ? oldValues : {};
    const newMap = isObject(newValues) ? newValues : {};
    for (const key of Object.keys(oldMap)) {
      oldMap[key] = key in newMap && newMap[key] !== oldMap[key] ? `${MASK} (before)` : MASK;
    }
    for (const key of Object.keys(newMap)) {
      const changed = key in oldMap && oldMap[key] === `${MASK} (before)`;
      newMap[key] = changed ? `${MASK} (after)` : MASK;
    }
  }
  if (a) maskCopies(a);
  if (b) maskCopies(b);
  return [a, b];
}

function maskCopies(manifest: Manifest): void {
  const annotations = manifest.metadata.annotations;
  if (!annotations) return;
  for (const key of COPY_ANNOTATIONS) if (key in annotations) annotations[key] = MASK;
}

/**
 * Removes Secret values from free text (server messages, errors) as a second line of defence: every value of the
 * Secrets it has seen (`stringData` as written and in base64, `data` as written and decoded, each also as it appears
 * inside a JSON string), whatever its length, is replaced by `***` wherever it stands as a whole token: not preceded
 * or followed by a letter, digit, `_` or `-` (so in quotes, after `=` or `:`, between spaces, before `.`). A value
 * inside a longer word or name (`web-7`) is left alone, so a short value does not garble unrelated text.
 */
export class Redactor {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /** Remembers the values of the Secrets among `manifests`. */
  learn(manifests: Iterable<Manifest | undefined>): this {
    for (const manifest of manifests) {
      if (manifest === undefined || !isSecret(manifest)) continue;
      for (const value of valuesOf(manifest["stringData"])) this.#add(value, Buffer.from(value, "utf8").toString("base64"));
      for (const value of valuesOf(manifest["data"])) this.#add(value, Buffer.from(value, "base64").toString("utf8"));
    }
    return this;
  }

  /** `text` with every remembered value that stands as a whole token replaced by `***`. */
  redact(text: string): string {
    if (this.#values.size === 0) return text;
    // Longest first, so a value containing another is replaced whole.
    this.#pattern ??= new RegExp(
      `(?<![\\p{L}\\p{N}_-])(?:${[...this.#values].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_-])`,
      "gu",
    );
    return text.replace(this.#pattern, MASK);
  }

  #add(...values: string[]): void {
    for (const value of values) {
      if (value.trim() === "") continue;
      // As a JSON string shows it (quotes, backslashes and newlines escaped), in server messages and `received "…"`.
      for (const form of [value, JSON.stringify(value).slice(1, -1)]) this.#values.add(form);
    }
    this.#pattern = undefined;
  }
}

function escapeRegExp(text: string): string {
  // Only syntax characters: the "u" flag rejects escapes of anything else.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function valuesOf(map: unknown): string[] {
  return isObject(map) ? Object.values(map).filter((v): v is string => typeof v === "string") : [];
}
