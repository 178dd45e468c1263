// Reading ConfigMap and Secret data from files, as `kubectl create configmap|secret --from-file / --from-env-file` does.
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PiceliValidationError, withheld, type Problem } from "../../internal/errors.js";
import { configKey } from "../../validation/rules.js";

/**
 * Where a file or folder is: a path, relative ones resolved against the working directory (as kubectl and Node's
 * `fs` resolve them), or a `file:` URL, e.g. `new URL("config/", import.meta.url)` for a folder beside the module.
 */
export type FileLocation = string | URL;

/** A file's content under its key; `text` when it is UTF-8 (ConfigMap `data`), else `binaryData`. */
export interface FileEntry {
  readonly key: string;
  readonly bytes: Buffer;
  readonly text: boolean;
}

/** The last path segment of a literal path type: the key `fromFile("conf/nginx.conf")` gives (`"nginx.conf"`). */
export type FileName<P extends FileLocation> = P extends string ? (P extends `${string}/${infer Rest}` ? FileName<Rest> : P) : string;

/** kubectl's environment variable names in env files (stricter than what pods accept since Kubernetes 1.32). */
const ENV_FILE_KEY = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// Go's unicode.IsSpace, which kubectl trims from the start of each line (JavaScript's trimStart() differs)
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The path of a location, as messages show it: the path as given, or the URL's file path. */
function pathOf(location: FileLocation, object: string, call: string): string {
  if (location instanceof URL) return fileURLToPath(location);
  if (typeof location === "string") return location;
  throw new PiceliValidationError(object, [{ path: call, expected: "a path or a file: URL", received: location }]);
}

function failed(object: string, path: string, expected: string, error: unknown): never {
  // Node's message names the code and the path: "ENOENT: no such file or directory, open 'conf/x'"
  throw new PiceliValidationError(object, [{ path, expected, received: error instanceof Error ? error.message : String(error) }]);
}

/** The key of one file: its name unless given; a ConfigMap/Secret key either way. */
function checkedKey(key: string, call: string, object: string): string {
  if (!configKey.test(key)) throw new PiceliValidationError(object, [{ path: call, expected: `a file name (or key) that is ${configKey.expected}`, received: key }]);
  return key;
}

/** Reads one file (`--from-file=[key=]path`): its bytes under `key`, or its name. */
export function readOneFile(location: FileLocation, key: string | undefined, object: string, call: string): FileEntry {
  const path = pathOf(location, object, call);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    failed(object, call, "a readable file", error);
  }
  return { key: checkedKey(key ?? basename(path), call, object), bytes, text: isUtf8(bytes) };
}

/**
 * Reads every regular file of a folder, not its subfolders (`--from-file=folder/`): each under its name, in name
 * order. Like kubectl, symbolic links, subfolders and other entries are skipped, and a file name that is not a
 * valid key is an error.
 */
export function readFolder(location: FileLocation, object: string, call: string): FileEntry[] {
  const folder = pathOf(location, object, call);
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
  } catch (error) {
    failed(object, call, "a readable folder", error);
  }
  return names.map((name) => {
    const bytes = readFileSync(join(folder, name));
    return { key: checkedKey(name, `${call}: ${name}`, object), bytes, text: isUtf8(bytes) };
  });
}

/**
 * Reads `KEY=value` lines as `kubectl create configmap --from-env-file` does: a UTF-8 byte order mark on the first
 * line and leading white space are dropped; blank lines and lines starting with `#` are skipped; the value is
 * everything after the first `=`, as is (no quotes removed, trailing spaces kept); a line with no `=` takes the
 * variable's value from the environment piceli runs in (empty when unset). Keys are environment variable names.
 * An invalid line is an error naming the file and the line; a `sensitive` file's lines are never shown.
 */
export function readEnvFile(location: FileLocation, object: string, call: string, sensitive: boolean): [key: string, value: string][] {
  const path = pathOf(location, object, call);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    failed(object, call, "a readable env file", error);
  }
  const entries: [string, string][] = [];
  const problems: Problem[] = [];
  splitLines(bytes).forEach((raw, i) => {
    const at = `${call}: ${path}:${i + 1}`;
    const line = i === 0 && raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
    if (!isUtf8(line)) {
      problems.push({ path: at, expected: "a line of UTF-8 text", received: sensitive ? withheld(line.toString("latin1"), "not UTF-8") : `${line.length} bytes that are not UTF-8` });
      return;
    }
    const text = line.toString("utf8").replace(LEADING_SPACE, "");
    if (text === "" || text.startsWith("#")) return;
    const equals = text.indexOf("=");
    const key = equals === -1 ? text : text.slice(0, equals);
    if (!ENV_FILE_KEY.test(key)) {
      const expected = 'KEY=value (KEY an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit), a comment (#) or a blank line';
      problems.push({ path: at, expected, received: sensitive ? withheld(text) : text });
      return;
    }
    if (!configKey.test(key)) {
      problems.push({ path: at, expected: `a KEY that is ${configKey.expected}`, received: key });
      return;
    }
    entries.push([key, equals === -1 ? process.env[key] ?? "" : text.slice(equals + 1)]);
  });
  if (problems.length > 0) throw new PiceliValidationError(object, problems);
  return entries;
}

/** Lines as Go's bufio.ScanLines splits them: at "\n", a trailing "\r" dropped, no empty last line after a final "\n". */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    lines.push(bytes.subarray(start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end));
    start = next;
  }
  return lines;
}

/** Throws if `key` is already one of `existing`: a key given by two files (or a file and a method) is an error, never overwritten. */
export function checkNewKey(key: string, existing: Readonly<Record<string, unknown>> | undefined, field: string, call: string, object: string): void {
  if (existing && Object.hasOwn(existing, key)) {
    throw new PiceliValidationError(object, [{ path: call, expected: `a key not already in ${field}: each key is given once`, received: key }]);
  }
}

/** Where `.hashed()` puts a ConfigMap's or Secret's content hash: in its name, or in the pod templates using it. */
export type HashedIn = "name" | "annotation";

/** The pod template annotation holding the hash of the `.hashed("annotation")` ConfigMaps and Secrets its pods use. */
export const CHECKSUM_ANNOTATION = "checksum/config";

/** How a ConfigMap or Secret builder gives its content hash for {@link CHECKSUM_ANNOTATION} (when hashed into it). */
export const CHECKSUM = Symbol("piceli.checksum");

const hashes = new WeakMap<object, string>();

/**
 * The content hash of a ConfigMap or Secret, computed once per (frozen) `props`: kustomize's hash of the `kind` and
 * `fields()` (a ConfigMap's `data` and `binaryData`, a Secret's `type` and `data`), as its generators compute it.
 */
export function cachedHash(props: object, kind: "ConfigMap" | "Secret", fields: () => Readonly<Record<string, unknown>>): string {
  let hash = hashes.get(props);
  if (hash === undefined) {
    // kustomize hashes the name as "": it looks "metadata/name" up as one field name, which no object has
    hash = contentHash({ kind, name: "", ...fields() });
    hashes.set(props, hash);
  }
  return hash;
}

/** Bytes in base64 as kustomize's generators write them, and hash them: from 70 characters on, in lines of 70, each ending in "\n". */
export function kustomizeBase64(bytes: Buffer): string {
  const text = bytes.toString("base64");
  if (text.length < KUSTOMIZE_LINE) return text;
  let lines = "";
  for (let i = 0; i < text.length; i += KUSTOMIZE_LINE) lines += `${text.slice(i, i + KUSTOMIZE_LINE)}\n`;
  return lines;
}

const KUSTOMIZE_LINE = 70;

let annotationHashing = false;

/** Records that some builder is hashed into the annotation: until then, pods skip looking for one (it costs every build). */
export function noteAnnotationHashing(): void {
  annotationHashing = true;
}

/** Whether any ConfigMap or Secret was ever hashed into the annotation, so a pod template may need {@link checksumOf}. */
export function anyAnnotationHashing(): boolean {
  return annotationHashing;
}

/**
 * The {@link CHECKSUM_ANNOTATION} value of a pod using `builders`: a hash of the kind, name and content hash of each
 * builder hashed into the annotation, or `undefined` when none is.
 */
export function checksumOf(builders: readonly object[]): string | undefined {
  const sums = builders.flatMap((b) => {
    const sum = (b as { [CHECKSUM]?: () => string | undefined })[CHECKSUM]?.();
    return sum === undefined ? [] : [sum];
  });
  return sums.length === 0 ? undefined : contentHash({ configs: [...new Set(sums)].sort() });
}

/**
 * The suffix `.hashed()` appends to a name, as kustomize computes it: the SHA-256 of `content` written as Go's
 * encoding/json writes it, its first 10 hexadecimal digits with 0, 1, 3, a and e replaced by g, h, k, m and t (so no
 * suffix reads as a word or a number).
 */
function contentHash(content: Readonly<Record<string, unknown>>): string {
  const hex = createHash("sha256").update(goJson(content)).digest("hex");
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => HASH_LETTERS[c]!);
}

const HASH_LETTERS: Readonly<Record<string, string>> = { 0: "g", 1: "h", 3: "k", a: "m", e: "t" };

/**
 * `value` as Go's json.Marshal writes it: no spaces, object keys sorted (ConfigMap and Secret keys are ASCII, where
 * JavaScript's order is Go's byte order), undefined members left out, strings as {@link goString} writes them.
 */
function goJson(value: unknown): string {
  if (typeof value === "string") return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => `${goString(k)}:${goJson(record[k])}`).join(",")}}`;
}

// Go escapes these for HTML and JavaScript; JSON.stringify writes them as they are
const GO_ESCAPED = /[<>&\u2028\u2029]/g;
// a lone surrogate has no UTF-8 form: the API server's JSON decoder stores U+FFFD for it, so that is what is hashed
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A JSON string as Go writes it: JSON.stringify's escapes (Go's since Go 1.22, `\b` and `\f` included), plus `<`, `>`, `&`, U+2028 and U+2029 as `\u003c` and so on. */
function goString(text: string): string {
  return JSON.stringify(text.replace(LONE_SURROGATE, "\ufffd")).replace(GO_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** How messages name a call that read files, e.g. `fromFiles("conf/")`. */
export function callName(method: string, location: unknown): string {
  return `${method}(${location instanceof URL ? JSON.stringify(location.href) : typeof location === "string" ? JSON.stringify(location) : String(location)})`;
}
