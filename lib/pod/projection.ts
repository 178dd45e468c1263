// Projected and downwardAPI volumes: files made from ConfigMaps, Secrets, the pod's own fields, ServiceAccount tokens
// and ClusterTrustBundles.
import type { V1ClusterTrustBundleProjection, V1DownwardAPIVolumeFile, V1KeyToPath, V1Volume, V1VolumeProjection } from "@kubernetes/client-node";
import { ConfigMapBuilder } from "../kinds/config/config-map.js";
import { SecretBuilder } from "../kinds/config/secret.js";
import type { Problems, Rule } from "../internal/errors.js";
import type { NoInference } from "../internal/types.js";
import { cloned } from "../internal/cloned.js";
import { checkFields } from "../internal/fields.js";
import { checkResourceFieldRef, type ByteDivisor, type CpuDivisor, type ResourceFieldPath } from "./env.js";
import { emitLabelSelector, type LabelSelector } from "../kinds/label-selector.js";
import { anyString, boolean, dnsLabel, dnsSubdomain, int64, integerBetween, qualifiedName } from "../validation/rules.js";

/** Pod fields a volume file can hold (fewer than env variables can: no node or IP fields; whole label and annotation maps). */
export type VolumeFieldPath =
  | "metadata.name"
  | "metadata.namespace"
  | "metadata.uid"
  | "metadata.labels"
  | "metadata.annotations"
  | `metadata.labels['${string}']`
  | `metadata.annotations['${string}']`;

/** A file of a downwardAPI volume or projection: a pod field, or a container's resource, with its permission bits. */
export type DownwardAPIFile =
  | { readonly fieldRef: VolumeFieldPath; readonly mode?: number }
  | { readonly resourceFieldRef: VolumeResourceRef; readonly mode?: number };

/** A container's resource as a file (`resourceFieldRef`): in a volume, the container must be named. */
export interface VolumeResourceRef {
  readonly containerName: string;
  readonly resource: ResourceFieldPath;
  /** The unit the value is written in. @default "1" */
  readonly divisor?: CpuDivisor | ByteDivisor;
}

/** A key of a ConfigMap or Secret as a file: at its own name, or at `path` (relative) with its own `mode`. */
export type ProjectedItem<Keys extends string> = Keys | { readonly key: Keys; readonly path: string; readonly mode?: number };

/**
 * The ClusterTrustBundles a projection reads: one by `name`, or every one of `signerName` that `labelSelector` matches
 * (all of the signer's without one); `optional`: the pod starts even if none is found.
 */
export type ClusterTrustBundleSelection =
  | { readonly name: string; readonly signerName?: never; readonly labelSelector?: never; readonly optional?: boolean }
  | { readonly signerName: string; readonly labelSelector?: LabelSelector; readonly name?: never; readonly optional?: boolean };

/** One source of a projected volume: made by `projectConfigMap()`, `projectSecret()`, `projectDownwardAPI()`, `projectServiceAccountToken()` or `projectClusterTrustBundle()`. */
export type Projection =
  | { readonly configMap: ConfigMapBuilder<string, string>; readonly items?: readonly ProjectedItem<string>[]; readonly optional?: boolean }
  | { readonly secret: SecretBuilder<string>; readonly items?: readonly ProjectedItem<string>[]; readonly optional?: boolean }
  | { readonly downwardAPI: Readonly<Record<string, DownwardAPIFile>> }
  | { readonly serviceAccountToken: { readonly path: string; readonly audience?: string; readonly expirationSeconds?: number } }
  | { readonly clusterTrustBundle: ProjectedClusterTrustBundle };

/** A projection's `clusterTrustBundle` as written (`projectClusterTrustBundle()` takes name or signerName, not both). */
interface ProjectedClusterTrustBundle {
  readonly path: string;
  readonly name?: string;
  readonly signerName?: string;
  readonly labelSelector?: LabelSelector;
  readonly optional?: boolean;
}

/** A `projected` volume: several sources' files in one directory. */
export interface ProjectedVolume {
  readonly volume: "projected";
  readonly name: string;
  readonly sources: readonly Projection[];
  readonly defaultMode?: number;
}

/** A `downwardAPI` volume: the pod's own fields and its containers' resources as files. */
export interface DownwardAPIVolume {
  readonly volume: "downwardAPI";
  readonly name: string;
  readonly files: Readonly<Record<string, DownwardAPIFile>>;
  readonly defaultMode?: number;
}

/**
 * A `projected` volume named `name` (a DNS-1123 label): the files of its sources in one directory. Paths must not
 * collide across sources.
 * @example projected("app", [projectConfigMap(config), projectSecret(tls, { items: [{ key: "tls.key", path: "tls/key.pem", mode: 0o400 }] }), projectServiceAccountToken("token", { audience: "vault" })])
 */
export function projected(name: string, sources: readonly Projection[], options: { defaultMode?: number } = {}): ProjectedVolume {
  return Object.freeze({ volume: "projected", name, sources: [...sources], ...options });
}

/**
 * A `downwardAPI` volume named `name`: one file per path, holding a pod field (`fieldRef`) or a container's resource
 * (`resourceFieldRef`); label and annotation files are updated when they change.
 * @example downwardAPI("podinfo", { labels: { fieldRef: "metadata.labels" }, "cpu-limit": { resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } } })
 */
export function downwardAPI(name: string, files: Readonly<Record<string, DownwardAPIFile>>, options: { defaultMode?: number } = {}): DownwardAPIVolume {
  return Object.freeze({ volume: "downwardAPI", name, files: { ...files }, ...options });
}

/**
 * A ConfigMap's keys as files of a projected volume (`sources[].configMap`): every key, or only `items`; `optional`:
 * the pod starts even if the ConfigMap doesn't exist.
 */
export function projectConfigMap<Keys extends string, BinaryKeys extends string>(
  configMap: ConfigMapBuilder<Keys, BinaryKeys>,
  options: { items?: readonly ProjectedItem<NoInference<Keys | BinaryKeys>>[]; optional?: boolean } = {},
): Projection {
  return Object.freeze({ configMap, ...options });
}

/** A Secret's keys as files of a projected volume (`sources[].secret`): every key, or only `items`. */
export function projectSecret<Keys extends string>(secret: SecretBuilder<Keys>, options: { items?: readonly ProjectedItem<NoInference<Keys>>[]; optional?: boolean } = {}): Projection {
  return Object.freeze({ secret, ...options });
}

/** Pod fields and container resources as files of a projected volume (`sources[].downwardAPI`), one per path. */
export function projectDownwardAPI(files: Readonly<Record<string, DownwardAPIFile>>): Projection {
  return Object.freeze({ downwardAPI: { ...files } });
}

/**
 * A token of the pod's ServiceAccount at `path` (`sources[].serviceAccountToken`), for `audience`, renewed by the
 * kubelet before it expires.
 * @default expirationSeconds 3600 (Kubernetes; at least 600)
 */
export function projectServiceAccountToken(path: string, options: { audience?: string; expirationSeconds?: number } = {}): Projection {
  return Object.freeze({ serviceAccountToken: { path, ...options } });
}

/**
 * The trust anchors (PEM certificates) of ClusterTrustBundles as one file at `path` of a projected volume
 * (`sources[].clusterTrustBundle`): the bundle named `name`, or those of `signerName` that `labelSelector` matches.
 * Kubernetes 1.36 keeps it behind the beta `ClusterTrustBundle` and `ClusterTrustBundleProjection` feature gates, off
 * by default: an API server without them drops the source without an error (the volume keeps an empty source).
 * @example projectClusterTrustBundle("ca.pem", { signerName: "example.com/internal-ca", labelSelector: { matchLabels: { env: "prod" } } })
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#clustertrustbundle
 */
export function projectClusterTrustBundle(path: string, bundle: ClusterTrustBundleSelection): Projection {
  // the selector is copied: a change to the caller's object after this call changes nothing built
  return Object.freeze({ clusterTrustBundle: { ...bundle, ...(bundle.labelSelector !== undefined && { labelSelector: cloned(bundle.labelSelector) }), path } });
}

/** The builders a projected volume reads, for the pod's references. */
export function projectedBuilders(volume: ProjectedVolume): (ConfigMapBuilder<string, string> | SecretBuilder<string>)[] {
  return volume.sources.flatMap((source): (ConfigMapBuilder<string, string> | SecretBuilder<string>)[] => ("configMap" in source ? [source.configMap] : "secret" in source ? [source.secret] : []));
}

const SOURCE_KINDS = ["configMap", "secret", "downwardAPI", "serviceAccountToken", "clusterTrustBundle"];
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** Writes a `projected` volume, checked as the API server checks it (paths, modes, token lifetimes, no path twice). */
export function emitProjected(volume: ProjectedVolume, name: string, path: string, problems: Problems): V1Volume {
  checkFields(volume, ["volume", "name", "sources", "defaultMode"], "a projected volume", path, problems);
  const at = `${path}.projected`;
  const paths = new Set<string>();
  const unique = (filePath: unknown, where: string) => {
    if (typeof filePath !== "string") return;
    // the kubelet writes one file per path: a second one would be lost
    if (paths.has(filePath)) problems.add(where, "a path no other file of the volume has", filePath);
    paths.add(filePath);
  };
  const sources = (Array.isArray(volume.sources) ? volume.sources : []).map((source, i): V1VolumeProjection => {
    const sourceAt = `${at}.sources[${i}]`;
    const kinds = typeof source === "object" && source !== null ? Object.keys(source).filter((k) => SOURCE_KINDS.includes(k)) : [];
    if (kinds.length !== 1) {
      problems.add(sourceAt, "one of projectConfigMap(), projectSecret(), projectDownwardAPI(), projectServiceAccountToken() or projectClusterTrustBundle()", source);
      return {};
    }
    if ("configMap" in source || "secret" in source) {
      const kind = "configMap" in source ? "configMap" : "secret";
      const builder = "configMap" in source ? source.configMap : source.secret;
      checkFields(source, [kind, "items", "optional"], `a projected ${kind}`, sourceAt, problems);
      if (!(builder instanceof ConfigMapBuilder || builder instanceof SecretBuilder)) {
        problems.add(`${sourceAt}.${kind}`, `a ${kind === "configMap" ? "ConfigMap" : "Secret"} builder`, builder);
        return {};
      }
      const items: readonly ProjectedItem<string>[] | undefined = source.items;
      const out: V1KeyToPath[] | undefined = items?.map((item, j) => {
        const itemAt = `${sourceAt}.${kind}.items[${j}]`;
        const file = keyToPath(item, builder.keys, itemAt, problems);
        unique(file.path, `${itemAt}.path`);
        return file;
      });
      // every key: the files are named like the keys
      if (!source.items) for (const key of builder.keys) unique(key, `${sourceAt}.${kind}`);
      if (source.optional !== undefined) problems.check(`${sourceAt}.${kind}.optional`, source.optional, boolean);
      return { [kind]: { name: builder.name, ...(out && { items: out }), ...(source.optional !== undefined && { optional: source.optional }) } };
    }
    if ("downwardAPI" in source) {
      return { downwardAPI: { items: emitDownwardAPIFiles(source.downwardAPI, `${sourceAt}.downwardAPI.items`, problems, unique) } };
    }
    if ("clusterTrustBundle" in source) {
      const bundleAt = `${sourceAt}.clusterTrustBundle`;
      const bundle = emitClusterTrustBundle(source.clusterTrustBundle, bundleAt, problems);
      unique(bundle.path, `${bundleAt}.path`);
      return { clusterTrustBundle: bundle };
    }
    const token = source.serviceAccountToken;
    const tokenAt = `${sourceAt}.serviceAccountToken`;
    checkFields(token, ["path", "audience", "expirationSeconds"], "a projected serviceAccountToken", tokenAt, problems);
    checkFilePath(token.path, `${tokenAt}.path`, problems);
    unique(token.path, `${tokenAt}.path`);
    if (token.audience !== undefined) problems.check(`${tokenAt}.audience`, token.audience, anyString);
    if (token.expirationSeconds !== undefined && problems.check(`${tokenAt}.expirationSeconds`, token.expirationSeconds, int64)) {
      if (token.expirationSeconds < MIN_TOKEN_SECONDS || token.expirationSeconds > MAX_TOKEN_SECONDS) {
        problems.add(`${tokenAt}.expirationSeconds`, `from ${MIN_TOKEN_SECONDS} (10 minutes) to 2^32 seconds`, token.expirationSeconds);
      }
    }
    return { serviceAccountToken: { ...token } };
  });
  if (!Array.isArray(volume.sources)) problems.add(`${at}.sources`, "a list of sources", volume.sources);
  return { name, projected: { sources, ...checkedMode(volume.defaultMode, `${at}.defaultMode`, problems, "defaultMode") } };
}

/** Writes a projection's `clusterTrustBundle` (at `path`), checked as the API server checks it. */
function emitClusterTrustBundle(bundle: ProjectedClusterTrustBundle, path: string, problems: Problems): V1ClusterTrustBundleProjection {
  checkFields(bundle, ["name", "signerName", "labelSelector", "optional", "path"], "a projected clusterTrustBundle", path, problems);
  const { name, signerName, labelSelector, optional } = bundle;
  // written in the order of the Kubernetes docs: what to read, then where
  const out: Omit<V1ClusterTrustBundleProjection, "path"> = {};
  if (name !== undefined && signerName !== undefined) problems.add(path, "name or signerName, not both", { name, signerName });
  else if (name === undefined && signerName === undefined) problems.add(path, "name or signerName: the bundle, or the signer whose bundles to read", bundle);
  if (name !== undefined) {
    problems.check(`${path}.name`, name, clusterTrustBundleName);
    if (labelSelector !== undefined) problems.add(`${path}.labelSelector`, "nothing with name (a label selector picks among a signer's bundles)", labelSelector);
    out.name = name;
  }
  if (signerName !== undefined) {
    problems.check(`${path}.signerName`, signerName, signerNameRule);
    out.signerName = signerName;
  }
  if (labelSelector !== undefined) out.labelSelector = emitLabelSelector(labelSelector, `${path}.labelSelector`, problems);
  if (optional !== undefined) {
    problems.check(`${path}.optional`, optional, boolean);
    out.optional = optional;
  }
  checkFilePath(bundle.path, `${path}.path`, problems);
  return { ...out, path: bundle.path };
}

/**
 * A ClusterTrustBundle's name: a DNS-1123 subdomain, or, for a signer's bundle, `<signer name with "/" as ":">:<subdomain>`
 * (the API server checks that the part after the last ":" is a subdomain and that the part before it has no "/").
 */
const clusterTrustBundleName: Rule = {
  expected: 'a ClusterTrustBundle name: a DNS-1123 subdomain, or for a signer\'s bundle the signer name with ":" for "/", a ":" and a subdomain, e.g. "example.com:ca:v1"',
  test: (v) => {
    if (typeof v !== "string") return false;
    const colon = v.lastIndexOf(":");
    if (colon === -1) return dnsSubdomain.test(v);
    return colon > 0 && !v.slice(0, colon).includes("/") && dnsSubdomain.test(v.slice(colon + 1));
  },
};

/**
 * A signer name: `<domain>/<name>`, the domain at least two dot-separated DNS-1123 labels (at most 253 characters), the
 * name dot-separated DNS-1123 subdomains, 571 characters in all.
 */
const signerNameRule: Rule = {
  expected: 'a signer name "<domain>/<name>", e.g. "example.com/internal-ca": the domain two or more lowercase DNS labels separated by ".", the name lowercase letters, digits, "-" and "."',
  test: (v) => {
    if (typeof v !== "string" || v.length > 571) return false;
    const parts = v.split("/");
    if (parts.length !== 2) return false;
    const [domain, name] = parts as [string, string];
    const labels = domain.split(".");
    return domain.length <= 253 && labels.length >= 2 && labels.every((l) => dnsLabel.test(l)) && name.split(".").every((l) => dnsSubdomain.test(l));
  },
};

/** Writes a `downwardAPI` volume. */
export function emitDownwardAPI(volume: DownwardAPIVolume, name: string, path: string, problems: Problems): V1Volume {
  checkFields(volume, ["volume", "name", "files", "defaultMode"], "a downwardAPI volume", path, problems);
  const at = `${path}.downwardAPI`;
  const items = emitDownwardAPIFiles(volume.files, `${at}.items`, problems, () => undefined);
  return { name, downwardAPI: { items, ...checkedMode(volume.defaultMode, `${at}.defaultMode`, problems, "defaultMode") } };
}

const VOLUME_FIELDS = ["metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels", "metadata.annotations"];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/;

function emitDownwardAPIFiles(
  files: Readonly<Record<string, DownwardAPIFile>>, path: string, problems: Problems, unique: (path: string, where: string) => void,
): V1DownwardAPIVolumeFile[] {
  return Object.entries(typeof files === "object" && files !== null ? files : {}).map(([file, content], i) => {
    const at = `${path}[${i}]`;
    checkFilePath(file, `${at}.path`, problems);
    unique(file, `${at}.path`);
    const hasField = typeof content === "object" && content !== null && "fieldRef" in content;
    const hasResource = typeof content === "object" && content !== null && "resourceFieldRef" in content;
    if (hasField === hasResource) {
      problems.add(at, "one of { fieldRef } or { resourceFieldRef }", content);
      return { path: file };
    }
    checkFields(content, [hasField ? "fieldRef" : "resourceFieldRef", "mode"], "a downwardAPI file", at, problems);
    const mode = checkedMode(content.mode, `${at}.mode`, problems);
    if ("fieldRef" in content) {
      const fieldPath = content.fieldRef;
      const subscript = typeof fieldPath === "string" ? SUBSCRIPTED.exec(fieldPath) : null;
      // annotation keys are checked lowercased: their prefix may have capitals
      if (subscript) problems.check(`${at}.fieldRef.fieldPath`, subscript[1] === "annotations" ? subscript[2]!.toLowerCase() : subscript[2], qualifiedName);
      else if (!VOLUME_FIELDS.includes(fieldPath)) {
        problems.add(`${at}.fieldRef.fieldPath`, `one of ${VOLUME_FIELDS.join(", ")}, metadata.labels['<key>'] or metadata.annotations['<key>'] (a volume can't hold node or IP fields)`, fieldPath);
      }
      return { path: file, fieldRef: { fieldPath }, ...mode };
    }
    const ref = content.resourceFieldRef;
    checkResourceFieldRef(ref, `${at}.resourceFieldRef`, problems);
    if (ref?.containerName === undefined) problems.add(`${at}.resourceFieldRef.containerName`, "the name of the container whose resource it is (a volume's files need it)", undefined);
    return { path: file, resourceFieldRef: { ...ref }, ...mode };
  });
}

/** A file's path inside a volume: relative, no ".." part, not starting with "..", as the API server requires. */
/**
 * Writes one `items[]` entry of a ConfigMap's or Secret's files (a volume's or a projection's), at `at`: the key at its
 * own name, or at the item's `path` with its `mode`; the key must be one of `keys`.
 */
export function keyToPath(item: ProjectedItem<string>, keys: readonly string[], at: string, problems: Problems): V1KeyToPath {
  if (typeof item !== "string" && (typeof item !== "object" || item === null)) {
    problems.add(at, "a key, or { key, path, mode }", item);
    return { key: "", path: "" };
  }
  if (typeof item === "object") checkFields(item, ["key", "path", "mode"], "an item", at, problems);
  const { key, path: file, mode } = typeof item === "string" ? { key: item, path: item, mode: undefined } : item;
  if (!keys.includes(key)) problems.add(`${at}.key`, `one of the keys ${JSON.stringify(keys)}`, key);
  checkFilePath(file, `${at}.path`, problems);
  return { key, path: file, ...checkedMode(mode, `${at}.mode`, problems) };
}

function checkFilePath(file: unknown, path: string, problems: Problems): void {
  if (typeof file !== "string" || file === "" || file.startsWith("/") || file.startsWith("..") || file.split("/").includes("..")) {
    problems.add(path, 'a relative path (not empty, no leading "/", no ".." part, not starting with "..")', file);
  }
}

function checkedMode(mode: unknown, path: string, problems: Problems, field = "mode"): Record<string, number> {
  if (mode === undefined) return {};
  problems.check(path, mode, integerBetween(0, 0o777));
  return { [field]: mode as number };
}
