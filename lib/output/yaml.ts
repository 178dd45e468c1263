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
  let next = 0;
  for (const key of Object.keys(object)) {
    while (next < first.length && !(first[next]! in object)) next++;
    if (next === first.length) return true;
    if (key !== first[next]) return false;
    next++;
  }
  return true;
}

// The writer below prints the block structure itself, writes the strings whose form shows from their characters
// itself (plain, or single-quoted when they read as a number, a bool, null or a date), and asks js-yaml how to write
// every other scalar (once per distinct value: the answers are cached). Its output is byte for byte
// `dump(document, DUMP_OPTIONS)` (js-yaml's presenter at 2-space indent, sequences indented under their key, no line
// folding, no anchors), except for top-level keys that js-yaml would let read as document markers (see
// `quoteMarkerKeys`). Anything that is not JSON-like data (Dates, class instances, functions, multi-line or very long
// keys) makes the whole document go through js-yaml's `dump` instead.
//
// The text is built by appending strings (a V8 rope: each `+` is one small allocation, nothing copied) and copied
// into one string at the end. What costs is the number of pieces, so a mapping entry is two: its line start, cached
// per key and nesting level (`\n    image: `), and its value.

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

/** Whether the last scalar written is a keep-chomped block scalar (`|+`): js-yaml then ends the document with `...`. */
let openEnded = false;

function writeDocument(root: object): string {
  if (!isPlainObject(root) || hasEnumerableKeys(Object.prototype)) throw UNSUPPORTED;
  openEnded = false;
  const body = writeMapping("", root, 0, true);
  // An empty document is js-yaml's `{}`.
  if (body === "") throw UNSUPPORTED;
  return flat(openEnded ? `${body}\n...\n` : `${body}\n`);
}

/**
 * `text` as one flat string. The writer builds it from many small pieces (a V8 rope, about 30 bytes per
 * piece); flattening copies it once, so that a document kept by the caller costs its characters only.
 */
function flat(text: string): string {
  text.charCodeAt(0); // V8 flattens a rope when a character is read
  return text;
}

/**
 * Appends the entries of a mapping at nesting `level`, the first on the current line when `compact`; returns `out`
 * itself when none is written (js-yaml skips `undefined` values).
 */
function writeMapping(out: string, map: Record<string, unknown>, level: number, compact: boolean): string {
  let lineStart = compact ? COMPACT : NEW_LINE;
  // `for in` reads each value by the object's enumeration cache (`Object.keys` would copy the keys, and each
  // `map[key]` look its key up); `writeDocument` checks that `Object.prototype` adds no enumerable key.
  for (const key in map) {
    const value = map[key];
    if (value === undefined) continue;
    out = writeEntry(out, key, value, level, lineStart);
    lineStart = NEW_LINE;
  }
  return out;
}

/** Appends `key: value` at nesting `level`. */
function writeEntry(out: string, key: string, value: unknown, level: number, lineStart: LineStart): string {
  // Block collections start on the next line.
  if (typeof value === "object" && value !== null) {
    if (Array.isArray(value)) {
      if (value.length > 0) return writeSequence(out + keyPiece(key, level, lineStart + BLOCK), value, level + 1, false);
    } else {
      if (!isPlainObject(value)) throw UNSUPPORTED;
      const start = out + keyPiece(key, level, lineStart + BLOCK);
      const written = writeMapping(start, value, level + 1, false);
      if (written !== start) return written;
    }
  }
  return out + keyPiece(key, level, lineStart) + scalarText(value, level + 1);
}

/** Appends the items of a non-empty sequence at nesting `level`, the first on the current line when `compact`. */
function writeSequence(out: string, items: readonly unknown[], level: number, compact: boolean): string {
  const dash = dashAt(level);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    out = writeItem(compact && i === 0 ? `${out}- ` : out + dash, item === undefined ? null : item, level);
  }
  return out;
}

/** Appends a sequence item at nesting `level` after its `- `: block collections start on the same line. */
function writeItem(out: string, value: unknown, level: number): string {
  if (typeof value === "object" && value !== null) {
    if (Array.isArray(value)) {
      if (value.length > 0) return writeSequence(out, value, level + 1, true);
    } else {
      if (!isPlainObject(value)) throw UNSUPPORTED;
      const written = writeMapping(out, value, level + 1, true);
      if (written !== out) return written;
    }
  }
  return out + scalarText(value, level + 1);
}

/** The text of a scalar or an empty collection at nesting `level` (a plain object if an object). */
function scalarText(value: unknown, level: number): string {
  switch (typeof value) {
    case "string":
      return stringText(value, level);
    case "number":
      openEnded = false;
      return numberText(value);
    case "boolean":
      openEnded = false;
      return value ? TRUE_TEXT : FALSE_TEXT;
    case "object":
      openEnded = false;
      if (value === null) return NULL_TEXT;
      return Array.isArray(value) ? "[]" : "{}";
    default:
      throw UNSUPPORTED;
  }
}

/** Whether `for in` would list a key of `object` (own or inherited). */
function hasEnumerableKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A bounded cache: two generations of at most `limit` entries, so entries used often survive while one-off
 * values (`test-job-41234`) age out.
 */
class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.#young.get(key);
    if (value !== undefined) return value;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}

/** Where a key's line starts, and what follows the key: the index of its piece in {@link keyPiece}'s cache. */
type LineStart = number;
/** The key follows `- ` (the first key of a mapping in a sequence) or starts the document. */
const COMPACT = 0;
/** The key starts a new line, indented for its level. */
const NEW_LINE = 2;
/** Added to the above: the value is a block collection, which starts on the next line (`key:`, not `key: `). */
const BLOCK = 1;

/** Line starts of keys, by key: four per nesting level (see {@link LineStart}). Keys repeat in every manifest. */
const keyPieces = new BoundedCache<string, string[]>(1024);

/** A key's line start: `\n` and the indentation of `level` unless compact, the key, `:`, and a space unless a block follows. */
function keyPiece(key: string, level: number, lineStart: LineStart): string {
  if (key.length > MAX_CACHED_LENGTH) return makeKeyPiece(key, level, lineStart);
  let pieces = keyPieces.get(key);
  if (pieces === undefined) keyPieces.set(key, (pieces = []));
  return (pieces[4 * level + lineStart] ??= makeKeyPiece(key, level, lineStart));
}

function makeKeyPiece(key: string, level: number, lineStart: LineStart): string {
  const start = lineStart >= NEW_LINE ? newlineAt(level) : "";
  return `${start}${level === 0 ? rootKeyText(key) : keyText(key)}${(lineStart & BLOCK) !== 0 ? ":" : ": "}`;
}

const DASHES: string[] = [];

/** A sequence item's line start at nesting `level`: `\n`, the indentation, `- `. */
function dashAt(level: number): string {
  return (DASHES[level] ??= `${newlineAt(level)}- `);
}

const NEWLINES: string[] = [];

/** A line break and the indentation of nesting `level`. */
function newlineAt(level: number): string {
  return (NEWLINES[level] ??= `\n${" ".repeat(2 * level)}`);
}

/** How js-yaml writes `value` as the value of a top-level key (nesting level 1). */
function askJsYaml(value: string | number | boolean | null): string {
  const text = dump({ k: value }, DUMP_OPTIONS);
  return text.slice(text.charCodeAt(2) === 10 /* \n */ ? 2 : 3, text.endsWith("\n...\n") ? -5 : -1);
}

const TRUE_TEXT = askJsYaml(true);
const FALSE_TEXT = askJsYaml(false);
const NULL_TEXT = askJsYaml(null);

/** What js-yaml wrote for strings that are not plain-safe (keys and values), and for non-integer numbers. */
const jsYamlStrings = new BoundedCache<string, string>(4096);
const jsYamlNumbers = new BoundedCache<number, string>(1024);
/** Longer keys and strings are not kept in the caches (hashing them costs about what writing them does). */
const MAX_CACHED_LENGTH = 256;

/** How js-yaml writes `value` (a string, or a non-integer number) at nesting level 1: cached. */
function askJsYamlCached<K extends string | number>(cache: BoundedCache<K, string>, value: K): string {
  if (typeof value === "string" && value.length > MAX_CACHED_LENGTH) return askJsYaml(value);
  let text = cache.get(value);
  if (text === undefined) cache.set(value, (text = askJsYaml(value)));
  return text;
}

/** The text of a mapping key other than a top-level one: a single-line scalar, as js-yaml writes keys. */
function keyText(key: string): string {
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
  openEnded = false;
  const text = stringAtLevelOne(value);
  // A block scalar (`|`) is the only multi-line text; its lines are indented for level 1.
  if (text.charCodeAt(0) !== 124 /* | */) return text;
  openEnded = value === "\n" || value.endsWith("\n\n");
  return level === 1 ? text : text.replaceAll("\n  ", newlineAt(level));
}

/** How js-yaml writes the string `value` at nesting level 1 (as a key or a value: the same for single-line strings). */
function stringAtLevelOne(value: string): string {
  // Plain-safe text that reads as something else (`17`, `true`, `2001-12-14`) is single-quoted by js-yaml: no `'` to escape in those.
  if (isSafePlain(value)) return readsAsString(value) ? value : `'${value}'`;
  return askJsYamlCached(jsYamlStrings, value);
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
 * (`yes`, `0777`, `null`) is then up to {@link readsAsString}. Everything else goes to js-yaml.
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
const BY_FIRST_CHARACTER: (readonly ScalarTagDefinition[])[] = [];
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  BY_FIRST_CHARACTER[code] = IMPLICIT_TAGS.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.includes(char));
}

/**
 * The characters of the dump schema's numbers and timestamps: digits, `-+._:`, `e`, the `0x`/`0o`/`0b` prefixes and
 * hexadecimal digits, `.inf` and `.nan`, and a timestamp's `T`, `Z`, space and tab. Text with any other character is
 * none of them.
 */
const IN_NUMBERS = new Uint8Array(128);
for (const char of "0123456789-+._:eExXoObBabcdefABCDEFiInNtTzZ \t") IN_NUMBERS[char.charCodeAt(0)] = 1;

/**
 * Whether js-yaml's dump schema reads the plain-safe (so ASCII) `text`, written plain, as a string (not `null`, a
 * bool, a number, a date). The common cases are decided here; the others are asked of the schema's own resolvers.
 */
function readsAsString(text: string): boolean {
  const first = text.charCodeAt(0);
  const candidates = BY_FIRST_CHARACTER[first]!;
  if (candidates.length === 0) return true;
  if ((first >= 48 && first <= 57) /* 0-9 */ || first === 45 /* - */ || first === 43 /* + */ || first === 46 /* . */) {
    // Only numbers (and, after a digit, timestamps) start so.
    const known = numberVerdict(text, first);
    if (known !== undefined) return known;
  } else if (text.length > 5) {
    // Only `null`, `~`, bools and `<<` start so: words of at most 5 characters (`false`).
    return true;
  }
  for (let i = 0; i < candidates.length; i++) {
    const tag = candidates[i]!;
    if (tag.resolve(text, false, tag.tagName) !== NOT_RESOLVED) return false;
  }
  return true;
}

/**
 * For plain-safe `text` starting with a digit, `-`, `+` or `.`: whether it reads as a string, when that shows from its
 * characters (`--shard`, `100m`, `17`, `1.5`, `1.3.5`); otherwise `undefined`.
 */
function numberVerdict(text: string, first: number): boolean | undefined {
  const count = text.length;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < count; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 /* . */) dots++;
    else if (IN_NUMBERS[code] === 0) return true;
  }
  if (digits + dots === count) {
    // Numbers have at most one dot; timestamps have `-`.
    if (dots > 1) return true;
    // Digits, and perhaps a dot, after a digit: an int (`17`, `0777`, `09` in YAML 1.2) or a float (`1.5`, `1.`),
    // finite below 300 digits.
    if (first >= 48 && first <= 57 && count <= 300) return false;
  }
  // After a sign comes a digit or a dot (`-1`, `+.5`, `-.inf`).
  if (first === 45 || first === 43) {
    const second = text.charCodeAt(1);
    if (!((second >= 48 && second <= 57) || second === 46)) return true;
  }
  return undefined;
}

function numberText(value: number): string {
  // Integers print as themselves, like js-yaml's int tag (-0 and exponent forms are floats to it).
  if (Number.isInteger(value) && Math.abs(value) < 1e21 && !Object.is(value, -0)) return String(value);
  return askJsYamlCached(jsYamlNumbers, value);
}
