import type { V1Secret } from "@kubernetes/client-node";
import { checkKey, checkSize, emitEntries, hasKey, setEntry, textBytes } from "./config-map.js";
import { keyRef, type EnvRef } from "../../pod/env.js";
import { withheld, type Problems, type Rule } from "../../internal/errors.js";
import { merged } from "../../internal/merged.js";
import type { AllKeys } from "../../internal/types.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { base64, boolean, dnsSubdomain, oneOf } from "../../validation/rules.js";
import { cachedHash, callName, CHECKSUM, checkNewKey, kustomizeBase64, noteAnnotationHashing, type HashedIn, readEnvFile, readFolder, readOneFile, type FileEntry, type FileLocation, type FileName } from "./from-files.js";

/** Secret types Kubernetes knows; any other `domain/name` string is allowed too. */
export type SecretType =
  | "Opaque"
  | "kubernetes.io/dockerconfigjson"
  | "kubernetes.io/dockercfg"
  | "kubernetes.io/tls"
  | "kubernetes.io/basic-auth"
  | "kubernetes.io/ssh-auth"
  | "kubernetes.io/service-account-token"
  | "bootstrap.kubernetes.io/token"
  | `${string}/${string}`;

/** A `v1` Secret as piceli builds it. */
export type SecretManifest = V1Secret & { apiVersion: "v1"; kind: "Secret"; metadata: NamedMetadata };

interface SecretProps extends ObjectProps {
  readonly type?: SecretType;
  readonly stringData?: Readonly<Record<string, string>>;
  readonly data?: Readonly<Record<string, string>>;
  readonly immutable?: boolean;
  readonly hashed?: HashedIn;
}

/** The keys each built-in Secret type requires (at least one of each inner list). */
const REQUIRED_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "kubernetes.io/dockerconfigjson": [[".dockerconfigjson"]],
  "kubernetes.io/dockercfg": [[".dockercfg"]],
  "kubernetes.io/tls": [["tls.crt"], ["tls.key"]],
  "kubernetes.io/basic-auth": [["username", "password"]],
  "kubernetes.io/ssh-auth": [["ssh-privatekey"]],
};

/** A {@link SecretType}: the API server takes any string ("" is "Opaque"); the types make it a known one or `<domain>/<name>`. */
const secretType: Rule = {
  expected: 'a Secret type: "Opaque", a built-in "kubernetes.io/…" type, or your own "<domain>/<name>"',
  test: (v) => typeof v === "string",
};

/** The key holding registry credentials, by type; the API server requires a JSON object there. */
const DOCKER_KEYS: Readonly<Record<string, string>> = {
  "kubernetes.io/dockerconfigjson": ".dockerconfigjson",
  "kubernetes.io/dockercfg": ".dockercfg",
};

/** The type of a Secret holding a ServiceAccount's token. */
const SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";

/** The annotation a `kubernetes.io/service-account-token` Secret must carry. */
const SERVICE_ACCOUNT_NAME = "kubernetes.io/service-account.name";

/**
 * An immutable builder of a `v1` Secret. `Keys` are its keys (from `stringData` and `data`), so env
 * values and volume items can only name keys that exist. `Keys` is `out` (covariant), declared so that the
 * compiler need not measure it in every user's program.
 */
export class SecretBuilder<out Keys extends string = never> extends ObjectBuilder<SecretProps> {
  declare readonly "~keys": Keys;
  protected readonly kindName = "Secret";

  /** @internal Use {@link secret}. */
  constructor(props: SecretProps) {
    super(props);
  }

  protected with(p: SecretProps, metadata = p.metadata): this {
    return new SecretBuilder({
      metadata, type: p.type, stringData: p.stringData, data: p.data, immutable: p.immutable, hashed: p.hashed, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<SecretProps>) as this;
  }

  /** Sets `type`. @default "Opaque" (Kubernetes) */
  type(type: SecretType): this {
    return this.with({ ...this.props, type });
  }

  /** Adds entries to `stringData`: plain text the API server stores base64-encoded in `data`. */
  stringData<const D extends Readonly<Record<string, string>>>(stringData: D): SecretBuilder<Keys | (keyof D & string)> {
    return this.with({ ...this.props, stringData: merged(this.props.stringData, stringData) }) as never;
  }

  /** Adds entries to `data`: values already base64-encoded (checked). */
  data<const D extends Readonly<Record<string, string>>>(data: D): SecretBuilder<Keys | (keyof D & string)> {
    return this.with({ ...this.props, data: merged(this.props.data, data) }) as never;
  }

  /** Sets `immutable`: the data can't be changed once created. @default false */
  immutable(immutable = true): this {
    return this.with({ ...this.props, immutable });
  }

  /**
   * Adds every regular file of `folder` (not its subfolders, as `kubectl create secret generic --from-file=<folder>`)
   * to `data` (base64), each under its file name. Symbolic links and subfolders are skipped, as kubectl skips them.
   * Files are read at the call; a key already present is an error, never overwritten.
   * @example secret("tls").fromFiles(new URL("tls/", import.meta.url))
   */
  fromFiles(folder: FileLocation): SecretBuilder<Keys | string> {
    const call = callName("fromFiles", folder);
    return this.#withFiles(readFolder(folder, this.describe(), call), call);
  }

  /**
   * Adds one file (`--from-file=[key=]path`) to `data` (base64) under its file name or `key`. A key already present
   * is an error.
   * @example secret("tls").type("kubernetes.io/tls").fromFile("tls.crt", "certs/site.pem").fromFile("tls.key", "certs/site-key.pem")
   */
  fromFile<const P extends FileLocation>(path: P): SecretBuilder<Keys | FileName<P>>;
  fromFile<const K extends string>(key: K, path: FileLocation): SecretBuilder<Keys | K>;
  fromFile(keyOrPath: FileLocation, path?: FileLocation): SecretBuilder<string> {
    const [key, location] = path === undefined ? [undefined, keyOrPath] : [keyOrPath as string, path];
    const call = callName("fromFile", location);
    return this.#withFiles([readOneFile(location, key, this.describe(), call)], call);
  }

  /**
   * Adds the `KEY=value` lines of an env file to `data` (base64), exactly as `kubectl create secret generic
   * --from-env-file` reads them (see the README). An invalid line is an error naming the file and the line, never
   * showing it; a key already present is an error.
   * @example secret("db").fromEnvFile(new URL("db.env", import.meta.url))
   */
  fromEnvFile(path: FileLocation): SecretBuilder<Keys | string> {
    const call = callName("fromEnvFile", path);
    const entries = readEnvFile(path, this.describe(), call, true).map(([key, value]) => ({ key, bytes: Buffer.from(value, "utf8"), text: true }));
    return this.#withFiles(entries, call);
  }

  #withFiles(entries: readonly FileEntry[], call: string): never {
    const data = { ...this.props.data };
    for (const { key, bytes } of entries) {
      checkNewKey(key, data, "data", call, this.describe());
      checkNewKey(key, this.props.stringData, "stringData", call, this.describe());
      setEntry(data, key, bytes.toString("base64"));
    }
    return this.with({ ...this.props, data }) as never;
  }

  /**
   * Makes workloads roll out new pods when the Secret's type or data changes: `"name"` names it
   * `<name>-<hash>` (the suffix kustomize's secretGenerator gives the same type and values) and workloads using this
   * builder get that name; `"annotation"` keeps the name and gives their pod templates `checksum/config: <hash>`
   * instead. `false` turns it off.
   * @example const db = secret("db").fromEnvFile("db.env").hashed()
   */
  hashed(into: HashedIn | false = "name"): this {
    if (into === "annotation") noteAnnotationHashing();
    return this.with({ ...this.props, hashed: into === false ? undefined : into });
  }

  /** @internal The content hash for the pod templates' `checksum/config`, when `.hashed("annotation")`. */
  [CHECKSUM](): string | undefined {
    return this.props.hashed === "annotation" ? `Secret/${this.props.metadata.name}/${hashOf(this.props)}` : undefined;
  }

  /** `metadata.name`: the name given, with the content hash when {@link hashed}. */
  override get name(): string {
    return nameOf(this.props);
  }

  /**
   * A variable's value read from this Secret's `key` (`valueFrom.secretKeyRef`); only existing keys compile.
   * @example container("app").env({ PASSWORD: db.key("password") })
   */
  key(key: Keys): EnvRef {
    if (!hasKey(this.props.data, key) && !hasKey(this.props.stringData, key)) checkKey(this.keys, key, "data or stringData", this.describe());
    return keyRef({ secretKeyRef: { name: this.name, key } }, this);
  }

  /** The keys of `data` then `stringData` (as Piceli mounts them), without repeats. */
  get keys(): Keys[] {
    return [...new Set([...Object.keys(this.props.data ?? {}), ...Object.keys(this.props.stringData ?? {})])] as Keys[];
  }

  /** Returns a fresh `SecretManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): SecretManifest {
    return this.checked(emitSecret);
  }
}

/**
 * Starts a Secret named `name` (a DNS-1123 subdomain).
 * @example secret("db").stringData({ password: "s3cret" })
 */
export function secret(name: string): SecretBuilder {
  return new SecretBuilder({ metadata: startMetadata(name), type: undefined, stringData: undefined, data: undefined, immutable: undefined, hashed: undefined, [PATCHES]: undefined } satisfies AllKeys<SecretProps>);
}

/** Registry credentials for {@link dockerConfigSecret}. */
export interface RegistryCredentials {
  /** The registry host, e.g. `"ghcr.io"`, `"gcr.io"`, `"https://index.docker.io/v1/"`. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

/**
 * A `kubernetes.io/dockerconfigjson` Secret for pulling images from a private registry: `data.".dockerconfigjson"`
 * holds `{"auths":{"<registry>":{"auth":"<base64 username:password>"}}}`. Use its name in `.imagePullSecrets()`.
 * @example dockerConfigSecret("registry", { registry: "ghcr.io", username: "bot", password: token })
 */
export function dockerConfigSecret(name: string, credentials: RegistryCredentials): SecretBuilder<".dockerconfigjson"> {
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
  const config = JSON.stringify({ auths: { [credentials.registry]: { auth } } });
  return secret(name).type("kubernetes.io/dockerconfigjson").data({ ".dockerconfigjson": Buffer.from(config, "utf8").toString("base64") });
}

/**
 * The hash kustomize gives a Secret its secretGenerator makes with the same values: of its type ("Opaque" when none is
 * given, as the generator writes) and its values as the server stores them (`stringData` included), in `data` in base64
 * as the generator writes its literals and files.
 */
function hashOf(p: SecretProps): string {
  return cachedHash(p, "Secret", () => ({
    type: p.type || "Opaque",
    data: Object.fromEntries([...contentsOf(p)].map(([key, value]) => [key, kustomizeBase64(value)])),
  }));
}

/** The name a Secret is written with: with its content hash when hashed into the name. */
function nameOf(p: SecretProps): string {
  return p.hashed === "name" ? `${p.metadata.name}-${hashOf(p)}` : p.metadata.name;
}

const HASHED_IN = oneOf(["name", "annotation"]);

function emitSecret(p: SecretProps, problems: Problems): SecretManifest {
  if (p.hashed !== undefined) problems.check("hashed", p.hashed, HASHED_IN);
  const metadata = emitMetadata(p.hashed === "name" ? { ...p.metadata, name: nameOf(p) } : p.metadata, dnsSubdomain, problems);
  const out: SecretManifest = { apiVersion: "v1", kind: "Secret", metadata };
  if (p.type !== undefined) {
    problems.check("type", p.type, secretType);
    out.type = p.type;
  }
  if (p.immutable !== undefined) {
    problems.check("immutable", p.immutable, boolean);
    out.immutable = p.immutable;
  }
  if (p.data) {
    out.data = emitEntries(p.data, "data", problems, true);
    for (const key of Object.keys(p.data)) {
      const value = p.data[key];
      // the value's path is written only when it is reported
      if (typeof value === "string" && !base64.test(value)) problems.check(`data[${JSON.stringify(key)}]`, value, base64, true);
    }
  }
  if (p.stringData) out.stringData = emitEntries(p.stringData, "stringData", problems, true);
  checkContents(p, problems);
  return out;
}

/** The Secret's values as the API server stores them: `data` decoded, `stringData` written over it. */
function contentsOf(p: SecretProps): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(p.data ?? {})) if (typeof value === "string") contents.set(key, Buffer.from(value, "base64"));
  for (const [key, value] of Object.entries(p.stringData ?? {})) if (typeof value === "string") contents.set(key, Buffer.from(value, "utf8"));
  return contents;
}

/** The stored size of the values (those {@link contentsOf} holds), without decoding them. */
function contentBytes(p: SecretProps): number {
  const { data, stringData } = p;
  let total = 0;
  if (stringData) for (const key of Object.keys(stringData)) total += textBytes(stringData[key]);
  if (data) {
    for (const key of Object.keys(data)) {
      const value = data[key];
      // stringData wins over data, as on the API server
      const replaced = stringData !== undefined && Object.hasOwn(stringData, key) && typeof stringData[key] === "string";
      if (typeof value === "string" && !replaced) total += Buffer.from(value, "base64").length;
    }
  }
  return total;
}

/** What the API server checks of the values: their size, and the keys (and their form) each built-in type requires. */
function checkContents(p: SecretProps, problems: Problems): void {
  const type = p.type || "Opaque";
  // only types with more rules need the decoded values (own keys only: a type "constructor" is no built-in type)
  const required = Object.hasOwn(REQUIRED_KEYS, type) ? REQUIRED_KEYS[type]! : undefined;
  if (required === undefined && type !== SERVICE_ACCOUNT_TOKEN) return checkSize(contentBytes(p), "data", problems);
  const contents = contentsOf(p);
  checkSize(contentBytes(p), "data", problems);
  for (const anyOf of required ?? []) {
    if (!anyOf.some((key) => contents.has(key))) {
      problems.add("data", `a key ${anyOf.map((k) => JSON.stringify(k)).join(" or ")} for a Secret of type ${JSON.stringify(type)}`, [...contents.keys()]);
    }
  }
  if (type === "kubernetes.io/ssh-auth" && contents.get("ssh-privatekey")?.length === 0) problems.add(givenAt(p, "ssh-privatekey"), "a private key, not an empty value", "");
  const dockerKey = Object.hasOwn(DOCKER_KEYS, type) ? DOCKER_KEYS[type] : undefined;
  const config = dockerKey === undefined ? undefined : contents.get(dockerKey);
  if (dockerKey !== undefined && config !== undefined && !isJsonObject(config.toString("utf8"))) {
    problems.add(givenAt(p, dockerKey), "registry credentials as a JSON object", withheld(config.toString("utf8"), "not a JSON object"));
  }
  if (type === SERVICE_ACCOUNT_TOKEN && !p.metadata.annotations?.[SERVICE_ACCOUNT_NAME]) {
    problems.add(`metadata.annotations[${JSON.stringify(SERVICE_ACCOUNT_NAME)}]`, 'the name of the ServiceAccount the token is for (a Secret of type "kubernetes.io/service-account-token" needs it)', undefined);
  }
}

/** Where a key's value was given: stringData wins over data, as on the API server. */
function givenAt(p: SecretProps, key: string): string {
  return `${Object.hasOwn(p.stringData ?? {}, key) ? "stringData" : "data"}[${JSON.stringify(key)}]`;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
