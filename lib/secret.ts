import type { V1Secret } from "@kubernetes/client-node";
import { emitEntries } from "./config-map.js";
import type { EnvRef } from "./env.js";
import type { Problems } from "./internal/errors.js";
import { emitMetadata, ObjectBuilder, type MetadataProps, type NamedMetadata } from "./metadata.js";
import { base64, boolean, dnsSubdomain, nonEmptyString } from "./validation/rules.js";

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

interface SecretProps {
  readonly metadata: MetadataProps;
  readonly type?: SecretType;
  readonly stringData?: Readonly<Record<string, string>>;
  readonly data?: Readonly<Record<string, string>>;
  readonly immutable?: boolean;
}

/** The keys each built-in Secret type requires (at least one of each inner list). */
const REQUIRED_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "kubernetes.io/dockerconfigjson": [[".dockerconfigjson"]],
  "kubernetes.io/dockercfg": [[".dockercfg"]],
  "kubernetes.io/tls": [["tls.crt"], ["tls.key"]],
  "kubernetes.io/basic-auth": [["username", "password"]],
  "kubernetes.io/ssh-auth": [["ssh-privatekey"]],
};

/**
 * An immutable builder of a `v1` Secret. `Keys` are its keys (from `stringData` and `data`), so env
 * values and volume items can only name keys that exist.
 */
export class SecretBuilder<Keys extends string = never> extends ObjectBuilder<SecretProps> {
  declare readonly "~keys": Keys;
  protected readonly kindName = "Secret";

  /** @internal Use {@link secret}. */
  constructor(props: SecretProps) {
    super(props);
  }

  protected with(props: SecretProps): this {
    return new SecretBuilder(props) as this;
  }

  /** Sets `type`. @default "Opaque" (Kubernetes) */
  type(type: SecretType): this {
    return this.with({ ...this.props, type });
  }

  /** Adds entries to `stringData`: plain text the API server stores base64-encoded in `data`. */
  stringData<const D extends Readonly<Record<string, string>>>(stringData: D): SecretBuilder<Keys | (keyof D & string)> {
    return this.with({ ...this.props, stringData: { ...this.props.stringData, ...stringData } }) as never;
  }

  /** Adds entries to `data`: values already base64-encoded (checked). */
  data<const D extends Readonly<Record<string, string>>>(data: D): SecretBuilder<Keys | (keyof D & string)> {
    return this.with({ ...this.props, data: { ...this.props.data, ...data } }) as never;
  }

  /** Sets `immutable`: the data can't be changed once created. @default false */
  immutable(immutable = true): this {
    return this.with({ ...this.props, immutable });
  }

  /**
   * A variable's value read from this Secret's `key` (`valueFrom.secretKeyRef`); only existing keys compile.
   * @example container("app").env({ PASSWORD: db.key("password") })
   */
  key(key: Keys): EnvRef {
    return Object.freeze({ valueFrom: { secretKeyRef: { name: this.name, key } } });
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
  return new SecretBuilder({ metadata: { name } });
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

function emitSecret(p: SecretProps, problems: Problems): SecretManifest {
  const out: SecretManifest = { apiVersion: "v1", kind: "Secret", metadata: emitMetadata(p.metadata, dnsSubdomain, problems) };
  if (p.type !== undefined) {
    problems.check("type", p.type, nonEmptyString);
    out.type = p.type;
  }
  if (p.immutable !== undefined) {
    problems.check("immutable", p.immutable, boolean);
    out.immutable = p.immutable;
  }
  if (p.data) {
    out.data = emitEntries(p.data, "data", problems);
    for (const [key, value] of Object.entries(p.data)) problems.check(`data[${JSON.stringify(key)}]`, value, base64);
  }
  if (p.stringData) out.stringData = emitEntries(p.stringData, "stringData", problems);
  const keys = new Set([...Object.keys(p.data ?? {}), ...Object.keys(p.stringData ?? {})]);
  for (const anyOf of REQUIRED_KEYS[p.type ?? "Opaque"] ?? []) {
    if (!anyOf.some((key) => keys.has(key))) {
      problems.add("data", `a key ${anyOf.map((k) => JSON.stringify(k)).join(" or ")} for a Secret of type ${JSON.stringify(p.type)}`, [...keys]);
    }
  }
  return out;
}
