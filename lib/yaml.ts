import type { KubernetesObject } from "@kubernetes/client-node";
import { dump, DUMP_SCHEMA, NOT_RESOLVED, SCALAR_STYLE, type Document, type DumpOptions, type ScalarTagDefinition } from "js-yaml";
import type { BuildableState } from "./pod.js";

/** A builder whose `build()` may be called: a workload's state must be buildable. */
export interface ReadyBuilder {
  readonly "~state"?: BuildableState;
  build(): KubernetesObject;
}

/** What {@link toYaml} accepts: manifests, builders ready to build, and (nested) arrays of them. */
export type YamlInput = KubernetesObject | ReadyBuilder | readonly YamlInput[];

const FIRST_KEYS = ["apiVersion", "kind", "metadata"] as const;
const FIRST_METADATA_KEYS = ["name", "generateName", "namespace", "labels", "annotations"] as const;

/** What js-yaml is asked to write; the fast writer below produces exactly these bytes. */
const DUMP_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true };

/**
 * Writes manifests as YAML that `kubectl apply -f` accepts: one document per object, separated by `---`,
 * `apiVersion`, `kind` and `metadata` first, long strings never folded, and strings that a YAML 1.1
 * reader would take for something else (`yes`, `0777`, `12:30`) quoted. Same input, same bytes.
 * @example toYaml(job("hello").image("busybox"), configMapManifest)
 */
export function toYaml(...items: YamlInput[]): string {
  const manifests = manifestsOf(items);
  let out = "";
  for (let i = 0; i < manifests.length; i++) {
    if (i > 0) out += "---\n";
    out += documentOf(conventionalOrder(manifests[i]!));
  }
  return out;
}

/** Flattens builders and arrays into manifests, in order. */
export function manifestsOf(items: readonly YamlInput[]): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  const visit = (item: YamlInput): void => {
    if (Array.isArray(item)) (item as readonly YamlInput[]).forEach(visit);
    else if (typeof (item as { build?: unknown }).build === "function") out.push((item as ReadyBuilder).build());
    else out.push(item as KubernetesObject);
  };
  items.forEach(visit);
  return out;
}

function conventionalOrder(manifest: KubernetesObject): object {
  const metadata = manifest.metadata && reorder(manifest.metadata as Record<string, unknown>, FIRST_METADATA_KEYS);
  return reorder({ ...manifest, ...(metadata && { metadata }) } as Record<string, unknown>, FIRST_KEYS);
}

function reorder(object: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  // No prototype: keys such as `toString` or `__proto__` are ordinary keys here.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of first) if (key in object) out[key] = object[key];
  for (const key in object) if (!(key in out)) out[key] = object[key];
  return out;
}

// The writer below prints the block structure itself and asks js-yaml only how to write each scalar
// (once per distinct string). Its output is byte for byte `dump(document, DUMP_OPTIONS)` (js-yaml's
// presenter at 2-space indent, sequences indented under their key, no line folding, no anchors), except
// for top-level keys that js-yaml would let read as document markers (see `quoteMarkerKeys`).
// Anything that is not JSON-like data (Dates, class instances, functions, multi-line or very long
// keys) makes the whole document go through js-yaml's `dump` instead.

const DOCUMENT_MARKER = /^(?:---|\.\.\.)[ \t]/;

/**
 * js-yaml 5.5 writes a top-level key `--- x` or `... x` plain, at the start of a line, where it reads as a
 * document marker (and its own `load` rejects the text): such keys are quoted.
 */
function quoteMarkerKeys(documents: Document[]): void {
  for (const { contents } of documents) {
    if (contents?.kind !== "mapping") continue;
    for (const { key } of contents.items) {
      if (key.kind === "scalar" && DOCUMENT_MARKER.test(key.value)) key.style = SCALAR_STYLE.SINGLE_QUOTED;
    }
  }
}

/** What the general path asks of js-yaml. */
const FALLBACK_OPTIONS: DumpOptions = { ...DUMP_OPTIONS, transform: quoteMarkerKeys };

/** Thrown inside the writer when a document needs js-yaml's general `dump`. */
const UNSUPPORTED = Symbol("unsupported by the fast writer");

/** One YAML document for `value`, ending in a newline. */
function documentOf(value: object): string {
  try {
    return writeDocument(value);
  } catch (error) {
    if (error === UNSUPPORTED) return dump(value, FALLBACK_OPTIONS);
    throw error;
  }
}

function writeDocument(root: object): string {
  if (!isPlainObject(root)) throw UNSUPPORTED;
  const keys = Object.keys(root);
  if (!hasEntries(root, keys)) throw UNSUPPORTED;
  const end = { openEnded: false };
  const body = writeMapping("", root, keys, 0, true, end);
  // Like js-yaml: a document whose last scalar keeps its trailing blank lines (`|+`) is closed with `...`.
  return end.openEnded ? `${body}\n...\n` : `${body}\n`;
}

interface DocumentEnd {
  /** Whether the last scalar written is a keep-chomped block scalar (`|+`). */
  openEnded: boolean;
}

/** Appends the entries of a non-empty mapping whose own keys are `keys`, at nesting `level`. */
function writeMapping(out: string, map: Record<string, unknown>, keys: readonly string[], level: number, compact: boolean, end: DocumentEnd): string {
  const newline = newlineAt(level);
  let first = compact;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = map[key];
    if (value === undefined) continue;
    if (first) first = false;
    else out += newline;
    out += level === 0 ? rootKeyText(key) : keyText(key);
    out = writeValue(out, value, level + 1, false, end);
  }
  return out;
}

/** Appends the items of a non-empty sequence at nesting `level`. */
function writeSequence(out: string, items: readonly unknown[], level: number, compact: boolean, end: DocumentEnd): string {
  const newline = newlineAt(level);
  for (let i = 0; i < items.length; i++) {
    if (!compact || i > 0) out += newline;
    out += "-";
    const item = items[i];
    out = writeValue(out, item === undefined ? null : item, level + 1, true, end);
  }
  return out;
}

/**
 * Appends a value at nesting `level` after `key:` (`inSequence` false) or after `-` (`inSequence` true):
 * block collections start on the next line after a key and on the same line after a dash.
 */
function writeValue(out: string, value: unknown, level: number, inSequence: boolean, end: DocumentEnd): string {
  switch (typeof value) {
    case "string": {
      const text = stringText(value, level);
      end.openEnded = text.charCodeAt(0) === 124 /* | */ && (value === "\n" || value.endsWith("\n\n"));
      return `${out}${inSequence ? " " : ": "}${text}`;
    }
    case "number":
      end.openEnded = false;
      return `${out}${inSequence ? " " : ": "}${numberText(value)}`;
    case "boolean":
      end.openEnded = false;
      return `${out}${inSequence ? " " : ": "}${value ? TRUE_TEXT : FALSE_TEXT}`;
    case "object": {
      if (value === null) {
        end.openEnded = false;
        return `${out}${inSequence ? " " : ": "}${NULL_TEXT}`;
      }
      if (Array.isArray(value)) {
        if (value.length === 0) {
          end.openEnded = false;
          return `${out}${inSequence ? " " : ": "}[]`;
        }
        return writeSequence(inSequence ? `${out} ` : `${out}:`, value, level, inSequence, end);
      }
      if (!isPlainObject(value)) throw UNSUPPORTED;
      const keys = Object.keys(value);
      if (!hasEntries(value, keys)) {
        end.openEnded = false;
        return `${out}${inSequence ? " " : ": "}{}`;
      }
      return writeMapping(inSequence ? `${out} ` : `${out}:`, value, keys, level, inSequence, end);
    }
    default:
      throw UNSUPPORTED;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether a mapping has an entry js-yaml writes (it skips `undefined` values). */
function hasEntries(map: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (map[keys[i]!] !== undefined) return true;
  return false;
}

const NEWLINES: string[] = [];

/** A line break and the indentation of nesting `level`. */
function newlineAt(level: number): string {
  return NEWLINES[level] ??= `\n${" ".repeat(2 * level)}`;
}

/** How js-yaml writes `value` as the value of a top-level key (nesting level 1). */
function askJsYaml(value: string | number | boolean | null): string {
  const text = dump({ k: value }, DUMP_OPTIONS);
  return text.slice(text.charCodeAt(2) === 10 /* \n */ ? 2 : 3, text.endsWith("\n...\n") ? -5 : -1);
}

const TRUE_TEXT = askJsYaml(true);
const FALSE_TEXT = askJsYaml(false);
const NULL_TEXT = askJsYaml(null);

/**
 * A bounded cache of scalar texts: two generations of at most `limit` entries, so entries used
 * often survive while one-off names (`test-job-41234`) age out.
 */
class ScalarCache<K> {
  #young = new Map<K, string>();
  #old = new Map<K, string>();

  constructor(readonly limit: number) {}

  get(key: K, compute: (key: K) => string): string {
    let text = this.#young.get(key);
    if (text !== undefined) return text;
    text = this.#old.get(key) ?? compute(key);
    if (this.#young.size >= this.limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, text);
    return text;
  }
}

const strings = new ScalarCache<string>(4096);
const numbers = new ScalarCache<number>(1024);
/** Longer strings are not kept in the cache (hashing them costs about what writing them does). */
const MAX_CACHED_LENGTH = 256;

/** The text of a mapping key: a single-line scalar, as js-yaml writes keys. */
function keyText(key: string): string {
  const text = key.length <= MAX_CACHED_LENGTH ? strings.get(key, stringAtLevelOne) : stringAtLevelOne(key);
  // js-yaml writes multi-line and very long keys as explicit `? key` pairs: left to it.
  if (text.length > 1024 || key.includes("\n")) throw UNSUPPORTED;
  return text;
}

/** The text of a top-level key, which starts a line (see {@link quoteMarkerKeys}). */
function rootKeyText(key: string): string {
  return DOCUMENT_MARKER.test(key) ? dump({ [key]: null }, FALLBACK_OPTIONS).slice(0, -": null\n".length) : keyText(key);
}

/** The text of a string value at nesting `level`. */
function stringText(value: string, level: number): string {
  const text = value.length <= MAX_CACHED_LENGTH ? strings.get(value, stringAtLevelOne) : stringAtLevelOne(value);
  // A block scalar (`|`) is the only multi-line text; its lines are indented for level 1.
  if (level === 1 || text.charCodeAt(0) !== 124 /* | */) return text;
  return text.replaceAll("\n  ", newlineAt(level));
}

/**
 * ASCII strings that are plain scalars to every YAML reader whatever their position: no indicator
 * first, no `: ` or ` #`, no leading or trailing space. Whether they read as something other than a
 * string (`yes`, `0777`, `null`) is then up to js-yaml's schema.
 */
const SAFE_PLAIN = /^[A-Za-z0-9_./$(](?:[A-Za-z0-9_./$()+=@%~^,;*&!?<>'"|[\]{}-]|[: ](?=[A-Za-z0-9_./$()+=@%~^,;*&!?<>'"|[\]{}-]))*$/;

const implicitTags = DUMP_SCHEMA.tags.filter((tag): tag is ScalarTagDefinition => tag.nodeKind === "scalar" && tag.implicit);
const implicitTagsAnyFirstChar = implicitTags.filter((tag) => tag.implicitFirstChars === null);
const implicitTagsByFirstChar = new Map<string, ScalarTagDefinition[]>();
for (const tag of implicitTags) {
  for (const char of tag.implicitFirstChars ?? []) {
    implicitTagsByFirstChar.set(char, implicitTags.filter((t) => t.implicitFirstChars === null || t.implicitFirstChars.includes(char)));
  }
}

/** Whether js-yaml's dump schema reads `text`, written plain, as a string (not `null`, a bool, a number, a date). */
function readsAsString(text: string): boolean {
  const candidates = implicitTagsByFirstChar.get(text.charAt(0)) ?? implicitTagsAnyFirstChar;
  for (const tag of candidates) if (tag.resolve(text, false, tag.tagName) !== NOT_RESOLVED) return false;
  return true;
}

/** How js-yaml writes the string `value` at nesting level 1. */
function stringAtLevelOne(value: string): string {
  return SAFE_PLAIN.test(value) && readsAsString(value) ? value : askJsYaml(value);
}

function numberText(value: number): string {
  // Integers print as themselves, like js-yaml's int tag (-0 and exponent forms are floats to it).
  if (Number.isInteger(value) && value !== 0 ? Math.abs(value) < 1e21 : Object.is(value, 0)) return String(value);
  return numbers.get(value, askJsYaml);
}
