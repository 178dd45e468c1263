import type { KubernetesObject } from "@kubernetes/client-node";
import { dump, DUMP_SCHEMA, NOT_RESOLVED, SCALAR_STYLE, type Document, type DumpOptions, type ScalarTagDefinition } from "js-yaml";
import type { BuildableState } from "../pod/pod.js";

/** A builder whose `build()` may be called: a workload's state must be buildable. */
export interface ReadyBuilder {
  readonly "~state"?: BuildableState;
  build(): KubernetesObject;
  /** The object and its companions (a workload's Service and autoscaler): what {@link toYaml} writes when present. */
  manifests?(): KubernetesObject[];
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
  // Each manifest is written as soon as it is built, so only one is alive at a time.
  const documents: string[] = [];
  forEachManifest(items, (manifest) => documents.push(documentOf(conventionalOrder(manifest))));
  return joinDocuments(documents);
}

/**
 * {@link toYaml}'s text one document at a time, each built and written only when the loop asks for it: the first
 * document as it is, each later one with its `---` line first, so writing them in order gives exactly `toYaml`'s
 * text. For output too large to hold in memory at once (`piceli synth` writes this way).
 * @example for (const document of toYamlDocuments(objects)) process.stdout.write(document)
 */
export function* toYamlDocuments(...items: YamlInput[]): Generator<string, void, undefined> {
  let first = true;
  for (const manifest of eachManifest(items)) {
    const document = documentOf(conventionalOrder(manifest));
    yield first ? document : `---\n${document}`;
    first = false;
  }
}

/**
 * The documents joined by `---` lines, without copying them: pairs are concatenated level by level (a balanced V8
 * rope, about 32 bytes per document), where `join` would hold a second copy of every document until it returns.
 */
function joinDocuments(documents: string[]): string {
  let level = documents;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? `${level[i]}---\n${level[i + 1]}` : level[i]!);
    level = next;
  }
  return level[0] ?? "";
}

/** The manifests of `items`, in order, each built (with its companions) when reached. */
function* eachManifest(items: readonly YamlInput[]): Generator<KubernetesObject, void, undefined> {
  for (const item of items) {
    if (Array.isArray(item)) yield* eachManifest(item as readonly YamlInput[]);
    else if (typeof (item as ReadyBuilder).manifests === "function") yield* (item as Required<ReadyBuilder>).manifests();
    else if (typeof (item as { build?: unknown }).build === "function") yield (item as ReadyBuilder).build();
    else yield item as KubernetesObject;
  }
}

/** Flattens builders (with their companions) and arrays into manifests, in order. */
export function manifestsOf(items: readonly YamlInput[]): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  forEachManifest(items, (manifest) => out.push(manifest));
  return out;
}

/** Calls `visit` with each manifest of `items`, in order, building builders (with their companions). */
function forEachManifest(items: readonly YamlInput[], visit: (manifest: KubernetesObject) => void): void {
  for (const item of items) {
    if (Array.isArray(item)) forEachManifest(item as readonly YamlInput[], visit);
    else if (typeof (item as ReadyBuilder).manifests === "function") (item as Required<ReadyBuilder>).manifests().forEach(visit);
    else if (typeof (item as { build?: unknown }).build === "function") visit((item as ReadyBuilder).build());
    else visit(item as KubernetesObject);
  }
}

function conventionalOrder(manifest: KubernetesObject): object {
  // What builders return is in that order already: written as it is, without a copy.
  if (inConventionalOrder(manifest as Record<string, unknown>, FIRST_KEYS)) {
    const metadata = (manifest as Record<string, unknown>).metadata;
    if (metadata === undefined || (typeof metadata === "object" && metadata !== null && inConventionalOrder(metadata as Record<string, unknown>, FIRST_METADATA_KEYS))) return manifest;
  }
  const metadata = manifest.metadata && reorder(manifest.metadata as Record<string, unknown>, FIRST_METADATA_KEYS);
  return reorder({ ...manifest, ...(metadata && { metadata }) } as Record<string, unknown>, FIRST_KEYS);
}

function reorder(object: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (key in object) out[key] = object[key];
  for (const key in object) {
    // Own keys only: `toString` or `constructor` are ordinary keys of a manifest, and `__proto__` an own property.
    if (hasOwn.call(out, key)) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value: object[key], enumerable: true, writable: true, configurable: true });
    else out[key] = object[key];
  }
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Whether a plain object's own keys start with those of `first` it has, in that order (what {@link reorder} would write). */
function inConventionalOrder(object: Record<string, unknown>, first: readonly string[]): boolean {
  if (!isPlainObject(object)) return false;
  const keys = Object.keys(object);
  let next = 0;
  for (const key of first) {
    if (!(key in object)) continue;
    if (keys[next] !== key) return false;
    next++;
  }
  return true;
}

// The writer below prints the block structure itself and asks js-yaml how to write each scalar that is
// not obviously plain (once per distinct string: the answers are cached). Its output is byte for byte `dump(document, DUMP_OPTIONS)` (js-yaml's
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
  return flat(end.openEnded ? `${body}\n...\n` : `${body}\n`);
}

/**
 * `text` as one flat string. The writer builds it from many small pieces (a V8 rope, about 30 bytes per
 * piece); flattening copies it once, so that a document kept by the caller costs its characters only.
 */
function flat(text: string): string {
  text.charCodeAt(0); // V8 flattens a rope when a character is read
  return text;
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

/** Mapping keys; strings js-yaml is asked about (those that are not obviously plain); non-integer numbers. */
const keys = new ScalarCache<string>(1024);
const strings = new ScalarCache<string>(4096);
const numbers = new ScalarCache<number>(1024);
/** Longer strings are not kept in the cache (hashing them costs about what writing them does). */
const MAX_CACHED_LENGTH = 256;

/** The text of a mapping key: a single-line scalar, as js-yaml writes keys. Keys repeat a lot: they are cached. */
function keyText(key: string): string {
  return key.length <= MAX_CACHED_LENGTH ? keys.get(key, writeKey) : writeKey(key);
}

function writeKey(key: string): string {
  const text = stringAtLevelOne(key);
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
  const text = stringAtLevelOne(value);
  // A block scalar (`|`) is the only multi-line text; its lines are indented for level 1.
  if (level === 1 || text.charCodeAt(0) !== 124 /* | */) return text;
  return text.replaceAll("\n  ", newlineAt(level));
}

/** How js-yaml writes the string `value` at nesting level 1 (as a key or a value: the same for single-line strings). */
function stringAtLevelOne(value: string): string {
  // Plain-safe text that reads as something else (`17`, `true`, `2001-12-14`) is single-quoted by js-yaml: no `'` to escape in those.
  if (isSafePlain(value)) return readsAsString(value) ? value : `'${value}'`;
  return value.length <= MAX_CACHED_LENGTH ? strings.get(value, askJsYaml) : askJsYaml(value);
}

/** Character classes of printable ASCII for {@link isSafePlain}. */
const ANYWHERE = 1;
const FIRST = 2;
/** `:` and space: allowed where the next character is one allowed anywhere. */
const BEFORE_SAFE = 4;
const CHARACTER_CLASS = new Uint8Array(128);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./$(") CHARACTER_CLASS[char.charCodeAt(0)] = ANYWHERE | FIRST;
for (const char of "-)+=@%~^,;*&!?<>'\"|[]{}") CHARACTER_CLASS[char.charCodeAt(0)] = ANYWHERE;
CHARACTER_CLASS[":".charCodeAt(0)] = BEFORE_SAFE;
CHARACTER_CLASS[" ".charCodeAt(0)] = BEFORE_SAFE;

/**
 * Whether `text` is plain-safe to every YAML reader wherever it stands in block style: printable ASCII, no
 * indicator first (but `-` before an ordinary character, as in `--version`), no `#`, `:` and spaces only before
 * an ordinary character (so no `: `, no trailing space). Whether it reads as something other than a string
 * (`yes`, `0777`, `null`) is then up to js-yaml's schema. Everything else goes to js-yaml.
 */
function isSafePlain(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  const first = text.charCodeAt(0);
  if (first >= 128) return false;
  if ((CHARACTER_CLASS[first]! & FIRST) === 0) {
    if (first !== 45 /* - */ || !isOrdinary(text.charCodeAt(1))) return false;
  }
  for (let i = 1; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return false;
    const kind = CHARACTER_CLASS[code]!;
    if ((kind & ANYWHERE) === 0 && ((kind & BEFORE_SAFE) === 0 || !isOrdinary(text.charCodeAt(i + 1)))) return false;
  }
  return true;
}

/** Whether the character code (NaN past the end of a string) is one allowed anywhere in a safe plain scalar. */
function isOrdinary(code: number): boolean {
  return code < 128 && (CHARACTER_CLASS[code]! & ANYWHERE) !== 0;
}

/** The implicit scalar tags of js-yaml's dump schema (null, bool, int, float, timestamp, merge), by first character. */
const IMPLICIT_TAGS = DUMP_SCHEMA.tags.filter((tag): tag is ScalarTagDefinition => tag.nodeKind === "scalar" && tag.implicit);
const ANY_FIRST_CHARACTER = IMPLICIT_TAGS.filter((tag) => tag.implicitFirstChars === null);
const BY_FIRST_CHARACTER: (readonly ScalarTagDefinition[])[] = [];
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  BY_FIRST_CHARACTER[code] = IMPLICIT_TAGS.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.includes(char));
}

/** Whether js-yaml's dump schema reads the ASCII `text`, written plain, as a string (not `null`, a bool, a number, a date). */
function readsAsString(text: string): boolean {
  const candidates = BY_FIRST_CHARACTER[text.charCodeAt(0)] ?? ANY_FIRST_CHARACTER;
  for (let i = 0; i < candidates.length; i++) {
    const tag = candidates[i]!;
    if (tag.resolve(text, false, tag.tagName) !== NOT_RESOLVED) return false;
  }
  return true;
}

function numberText(value: number): string {
  // Integers print as themselves, like js-yaml's int tag (-0 and exponent forms are floats to it).
  if (Number.isInteger(value) && Math.abs(value) < 1e21 && !Object.is(value, -0)) return String(value);
  return numbers.get(value, askJsYaml);
}
