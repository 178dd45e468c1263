import type { V1ConfigMap } from "@kubernetes/client-node";
import { keyRef, type EnvRef } from "../../pod/env.js";
import { PiceliValidationError, type Problems } from "../../internal/errors.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { merged } from "../../internal/merged.js";
import type { AllKeys } from "../../internal/types.js";
import { anyString, base64, boolean, configKey, dnsSubdomain, oneOf } from "../../validation/rules.js";
import { cachedHash, callName, CHECKSUM, checkNewKey, kustomizeBase64, noteAnnotationHashing, type HashedIn, readEnvFile, readFolder, readOneFile, type FileEntry, type FileLocation, type FileName } from "./from-files.js";

/** A `v1` ConfigMap as piceli builds it. */
export type ConfigMapManifest = V1ConfigMap & { apiVersion: "v1"; kind: "ConfigMap"; metadata: NamedMetadata };

interface ConfigMapProps extends ObjectProps {
  readonly data?: Readonly<Record<string, string>>;
  readonly binaryData?: Readonly<Record<string, string>>;
  readonly immutable?: boolean;
  readonly hashed?: HashedIn;
}

/**
 * An immutable builder of a `v1` ConfigMap. `Keys` are the keys of its `data`, `BinaryKeys` those of its
 * `binaryData`, so env values (text only) and volume items (both) can only name keys that exist. Both are `out`
 * (covariant), declared so that the compiler need not measure it in every user's program.
 */
export class ConfigMapBuilder<out Keys extends string = never, out BinaryKeys extends string = never> extends ObjectBuilder<ConfigMapProps> {
  declare readonly "~keys": Keys | BinaryKeys;
  protected readonly kindName = "ConfigMap";

  /** @internal Use {@link configMap}. */
  constructor(props: ConfigMapProps) {
    super(props);
  }

  protected with(p: ConfigMapProps, metadata = p.metadata): this {
    return new ConfigMapBuilder({
      metadata, data: p.data, binaryData: p.binaryData, immutable: p.immutable, hashed: p.hashed, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<ConfigMapProps>) as this;
  }

  /** Adds entries to `data` (UTF-8 text). Keys given again replace earlier values. */
  data<const D extends Readonly<Record<string, string>>>(data: D): ConfigMapBuilder<Keys | (keyof D & string), BinaryKeys> {
    return this.with({ ...this.props, data: merged(this.props.data, data) }) as never;
  }

  /** Adds entries to `binaryData` (base64-encoded bytes). */
  binaryData<const D extends Readonly<Record<string, string>>>(binaryData: D): ConfigMapBuilder<Keys, BinaryKeys | (keyof D & string)> {
    return this.with({ ...this.props, binaryData: merged(this.props.binaryData, binaryData) }) as never;
  }

  /** Sets `immutable`: the data can't be changed once created (the object must be replaced). @default false */
  immutable(immutable = true): this {
    return this.with({ ...this.props, immutable });
  }

  /**
   * Adds every regular file of `folder` (not its subfolders, as `kubectl create configmap --from-file=<folder>`), each
   * under its file name: UTF-8 text to `data`, other bytes to `binaryData` (base64). Symbolic links and subfolders are
   * skipped, as kubectl skips them. Files are read at the call; a key already present is an error, never overwritten.
   * @example configMap("nginx").fromFiles(new URL("nginx/", import.meta.url))   // a folder beside this module
   */
  fromFiles(folder: FileLocation): ConfigMapBuilder<Keys | string, BinaryKeys | string> {
    const call = callName("fromFiles", folder);
    return this.#withFiles(readFolder(folder, this.describe(), call), call);
  }

  /**
   * Adds one file (`--from-file=[key=]path`) under its file name or `key`: UTF-8 text to `data`, other bytes to
   * `binaryData` (base64). A key already present is an error, never overwritten.
   * @example configMap("nginx").fromFile("default.conf", new URL("nginx/site.conf", import.meta.url))
   */
  fromFile<const P extends FileLocation>(path: P): ConfigMapBuilder<Keys | FileName<P>, BinaryKeys>;
  fromFile<const K extends string>(key: K, path: FileLocation): ConfigMapBuilder<Keys | K, BinaryKeys>;
  fromFile(keyOrPath: FileLocation, path?: FileLocation): ConfigMapBuilder<string, string> {
    const [key, location] = path === undefined ? [undefined, keyOrPath] : [keyOrPath as string, path];
    const call = callName("fromFile", location);
    return this.#withFiles([readOneFile(location, key, this.describe(), call)], call);
  }

  /**
   * Adds the `KEY=value` lines of an env file to `data`, exactly as `kubectl create configmap --from-env-file`
   * reads them (see the README: comments, blank lines, values as written, a line without "=" read from the environment).
   * An invalid line is an error naming the file and the line; a key already present is an error.
   * @example configMap("app").fromEnvFile(new URL("app.env", import.meta.url))
   */
  fromEnvFile(path: FileLocation): ConfigMapBuilder<Keys | string, BinaryKeys> {
    const call = callName("fromEnvFile", path);
    const entries = readEnvFile(path, this.describe(), call, false).map(([key, value]) => ({ key, bytes: Buffer.from(value, "utf8"), text: true }));
    return this.#withFiles(entries, call);
  }

  #withFiles(entries: readonly FileEntry[], call: string): never {
    const data = { ...this.props.data };
    const binaryData = { ...this.props.binaryData };
    for (const { key, bytes, text } of entries) {
      checkNewKey(key, data, "data", call, this.describe());
      checkNewKey(key, binaryData, "binaryData", call, this.describe());
      if (text) setEntry(data, key, bytes.toString("utf8"));
      else setEntry(binaryData, key, bytes.toString("base64"));
    }
    // a field no file went to stays as it was (no empty `data` for binary files only)
    const given = (entries: Record<string, string>, before: typeof entries | undefined) => (Object.keys(entries).length > 0 ? entries : before);
    return this.with({ ...this.props, data: given(data, this.props.data), binaryData: given(binaryData, this.props.binaryData) }) as never;
  }

  /**
   * Makes workloads roll out new pods when the data changes (pods keep old files until restarted otherwise):
   * `"name"` names the ConfigMap `<name>-<hash of its data>`, the suffix kustomize's configMapGenerator gives the same
   * data (see the README), and workloads using this builder (mounts, env, `envFrom`) get that name; `"annotation"`
   * keeps the name and gives the pod templates of those workloads the annotation `checksum/config: <hash>` instead.
   * `false` turns it off.
   * @example const config = configMap("nginx").fromFiles(new URL("nginx/", import.meta.url)).hashed()
   */
  hashed(into: HashedIn | false = "name"): this {
    if (into === "annotation") noteAnnotationHashing();
    return this.with({ ...this.props, hashed: into === false ? undefined : into });
  }

  /** @internal The content hash for the pod templates' `checksum/config`, when `.hashed("annotation")`. */
  [CHECKSUM](): string | undefined {
    return this.props.hashed === "annotation" ? `ConfigMap/${this.props.metadata.name}/${hashOf(this.props)}` : undefined;
  }

  /** `metadata.name`: the name given, with the content hash when {@link hashed}. */
  override get name(): string {
    return nameOf(this.props);
  }

  /**
   * A variable's value read from this ConfigMap's `data` key (`valueFrom.configMapKeyRef`); only existing keys
   * compile (not `binaryData` keys: the kubelet reads variables from `data` only).
   * @example container("app").env({ LOG_LEVEL: config.key("LOG_LEVEL") })
   */
  key(key: Keys): EnvRef {
    if (!hasKey(this.props.data, key)) checkKey(this.dataKeys, key, "data", this.describe());
    return keyRef({ configMapKeyRef: { name: this.name, key } }, this);
  }

  /** The keys of `data`, in order: what env variables can read. */
  get dataKeys(): Keys[] {
    return Object.keys(this.props.data ?? {}) as Keys[];
  }

  /** The keys of `data` then `binaryData`, in order: what a volume mount can list as items. */
  get keys(): (Keys | BinaryKeys)[] {
    return [...Object.keys(this.props.data ?? {}), ...Object.keys(this.props.binaryData ?? {})] as (Keys | BinaryKeys)[];
  }

  /** Returns a fresh `ConfigMapManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ConfigMapManifest {
    return this.checked(emitConfigMap);
  }
}

/**
 * Starts a ConfigMap named `name` (a DNS-1123 subdomain).
 * @example configMap("app-config").data({ LOG_LEVEL: "info", "app.yaml": "port: 8080\n" })
 */
export function configMap(name: string): ConfigMapBuilder {
  return new ConfigMapBuilder({ metadata: startMetadata(name), data: undefined, binaryData: undefined, immutable: undefined, hashed: undefined, [PATCHES]: undefined } satisfies AllKeys<ConfigMapProps>);
}

/**
 * The hash kustomize gives a ConfigMap its configMapGenerator makes with the same entries: of `data` ("" when there is
 * none, as the generator then writes no `data`) and of `binaryData` when there is some, in base64 as kustomize writes it.
 */
function hashOf(p: ConfigMapProps): string {
  const binaryData = (entries: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, typeof value === "string" ? kustomizeBase64(Buffer.from(value, "base64")) : value]));
  return cachedHash(p, "ConfigMap", () => ({ data: isEmpty(p.data) ? "" : p.data, binaryData: isEmpty(p.binaryData) ? undefined : binaryData(p.binaryData!) }));
}

function isEmpty(entries: Readonly<Record<string, string>> | undefined): boolean {
  return entries === undefined || Object.keys(entries).length === 0;
}

/** The name a ConfigMap is written with: with its content hash when hashed into the name. */
function nameOf(p: ConfigMapProps): string {
  return p.hashed === "name" ? `${p.metadata.name}-${hashOf(p)}` : p.metadata.name;
}

const HASHED_IN = oneOf(["name", "annotation"]);

function emitConfigMap(p: ConfigMapProps, problems: Problems): ConfigMapManifest {
  if (p.hashed !== undefined) problems.check("hashed", p.hashed, HASHED_IN);
  const metadata = emitMetadata(p.hashed === "name" ? { ...p.metadata, name: nameOf(p) } : p.metadata, dnsSubdomain, problems);
  const out: ConfigMapManifest = { apiVersion: "v1", kind: "ConfigMap", metadata };
  if (p.immutable !== undefined) {
    problems.check("immutable", p.immutable, boolean);
    out.immutable = p.immutable;
  }
  let bytes = 0;
  if (p.data) {
    out.data = emitEntries(p.data, "data", problems);
    for (const key of Object.keys(p.data)) bytes += textBytes(p.data[key]);
  }
  if (p.binaryData) {
    out.binaryData = emitEntries(p.binaryData, "binaryData", problems);
    for (const key of Object.keys(p.binaryData)) {
      const value = p.binaryData[key];
      // the value's path is written only when it is reported
      if (typeof value === "string" && !base64.test(value)) problems.check(`binaryData[${JSON.stringify(key)}]`, value, base64);
      // hasOwn, not `in`: a key such as "constructor" is not in `data` just because objects inherit it
      if (p.data && Object.hasOwn(p.data, key)) problems.add("binaryData", "keys not also in data", key);
    }
    for (const key of Object.keys(p.binaryData)) bytes += base64Bytes(p.binaryData[key]);
  }
  checkSize(bytes, "data", problems);
  return out;
}

/** Kubernetes' limit on the stored bytes of a ConfigMap's or Secret's values. */
const MAX_DATA_BYTES = 1024 * 1024;

/** Checks that values of `total` bytes fit Kubernetes' 1 MiB limit (`path` names the whole data). */
export function checkSize(total: number, path: string, problems: Problems): void {
  if (total > MAX_DATA_BYTES) problems.add(path, `at most ${MAX_DATA_BYTES} bytes of values in all (Kubernetes' limit)`, `${total} bytes`);
}

/** The UTF-8 size of a text value (0 for a non-string, reported elsewhere). */
export function textBytes(value: unknown): number {
  return typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0;
}

/** The decoded size of a base64 value. */
function base64Bytes(value: unknown): number {
  return typeof value === "string" ? Buffer.byteLength(value, "base64") : 0;
}

/** Whether `key` is a key of `entries` (what {@link checkKey} checks, without listing the keys). */
export function hasKey(entries: Readonly<Record<string, string>> | undefined, key: unknown): boolean {
  return typeof key === "string" && entries !== undefined && Object.hasOwn(entries, key);
}

/** Throws unless `key` is one of `keys` (an untyped caller's `.key()` of a key the object lacks). */
export function checkKey(keys: readonly string[], key: unknown, fields: string, object: string): void {
  if (keys.includes(key as string)) return;
  const expected = `a key of its ${fields} (${keys.map((k) => JSON.stringify(k)).join(", ") || "it has none"})`;
  throw new PiceliValidationError(object, [{ path: fields.split(" ")[0]!, expected, received: key }]);
}

/** Copies `data`-style entries, checking keys and that values are strings; `sensitive` values (a Secret's) are never shown in problems. */
export function emitEntries(entries: Readonly<Record<string, string>>, path: string, problems: Problems, sensitive = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(entries)) {
    const value = entries[key]!;
    problems.check(path, key, configKey);
    // the value's path is written only when it is reported
    if (typeof value !== "string") problems.check(`${path}[${JSON.stringify(key)}]`, value, anyString, sensitive);
    setEntry(out, key, value);
  }
  return out;
}

/** Sets `entries[key]` as an own entry: "__proto__" is a valid key, which plain assignment would take for the prototype. */
export function setEntry(entries: Record<string, string>, key: string, value: string): void {
  if (key === "__proto__") Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
  else entries[key] = value;
}
