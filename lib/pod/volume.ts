import type { V1KeyToPath, V1Volume, V1VolumeMount } from "@kubernetes/client-node";
import { ConfigMapBuilder } from "../kinds/config/config-map.js";
import type { Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { cloned } from "../internal/cloned.js";
import { claimSpec, PersistentVolumeClaimBuilder, type ClaimSpecProps, type AccessMode } from "../kinds/storage/persistent-volume-claim.js";
import { quantity, type Quantity } from "../values/quantity.js";
import { SecretBuilder } from "../kinds/config/secret.js";
import { emitDownwardAPI, emitProjected, keyToPath, projectedBuilders, type DownwardAPIVolume, type ProjectedItem, type ProjectedVolume } from "./projection.js";
import { boolean, dnsLabel, integerBetween, nonEmptyString, oneOf } from "../validation/rules.js";

/** A scratch directory that lives as long as the pod; containers mounting the same name share it. */
export interface EmptyDirVolume {
  readonly volume: "emptyDir";
  readonly name: string;
  readonly medium?: "Memory";
  readonly sizeLimit?: Quantity;
}

/** A file or directory of the node. */
export interface HostPathVolume {
  readonly volume: "hostPath";
  readonly path: string;
  readonly type?: HostPathType;
}

/** What a hostPath must be on the node. */
export type HostPathType = "" | "DirectoryOrCreate" | "Directory" | "FileOrCreate" | "File" | "Socket" | "CharDevice" | "BlockDevice";

const HOST_PATH_TYPES: readonly HostPathType[] = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"];

/** A claim each StatefulSet pod gets its own copy of (`spec.volumeClaimTemplates`). */
export interface ClaimTemplate {
  readonly volume: "claimTemplate";
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly spec: ClaimSpecProps;
}

/**
 * A pod volume of a type piceli has no helper for (`image`, `nfs`, `csi`, `ephemeral`, `iscsi`, …): `source` is the
 * `volumes[]` entry without its `name`, written as given. Made by {@link volume}.
 */
export interface OtherVolume {
  readonly volume: "other";
  readonly name: string;
  readonly source: VolumeFields;
}

/** A `volumes[]` entry without its `name`: one volume source, such as `{ image: { reference } }` or `{ nfs: { server, path } }`. */
export type VolumeFields = Omit<V1Volume, "name">;

/** Anything a container can mount. */
export type VolumeSource = ConfigMapBuilder<string, string> | SecretBuilder<string> | NamedVolume | UnnamedVolume;

/** The volumes that carry their own name (`emptyDir()`, `claimTemplate()`, `projected()`, `downwardAPI()`, `volume()`): mounts give them no `name` option. */
export type NamedVolume = EmptyDirVolume | ClaimTemplate | ProjectedVolume | DownwardAPIVolume | OtherVolume;

/**
 * The volumes without keys or a name of their own (a PersistentVolumeClaim, `hostPath()`): the mount's `name` option
 * names them. Written out, not as an `Exclude<>` of {@link VolumeSource}, which costs every user's compiler a
 * comparison of the builder classes.
 */
export type UnnamedVolume = PersistentVolumeClaimBuilder | HostPathVolume;

/**
 * An `emptyDir` volume named `name` (a DNS-1123 label): mount it in several containers of a pod to share files.
 * @example emptyDir("cache", { medium: "Memory", sizeLimit: "64Mi" })
 */
export function emptyDir(name: string, options: { medium?: "Memory"; sizeLimit?: Quantity } = {}): EmptyDirVolume {
  return Object.freeze({ volume: "emptyDir", name, ...options });
}

/** A `hostPath` volume: `path` on the node. Use sparingly: it ties pods to nodes. */
export function hostPath(path: string, type?: HostPathType): HostPathVolume {
  return Object.freeze({ volume: "hostPath", path, ...(type !== undefined && { type }) });
}

/**
 * A pod volume named `name` (a DNS-1123 label) of a type piceli has no helper for, written as given: `source` is one
 * volume source, as in a `volumes[]` entry. `build()` checks the name and that there is at most one source (none is an
 * `emptyDir`, as the API server defaults it); what is inside the source is checked by the API server.
 * @example volume("artifact", { image: { reference: "quay.io/crio/artifact:v2", pullPolicy: "IfNotPresent" } })
 * @example volume("shared", { nfs: { server: "nfs.example.com", path: "/exports/shared" } })
 */
export function volume(name: string, source: VolumeFields): OtherVolume {
  return Object.freeze({ volume: "other", name, source });
}

/** Options of {@link claimTemplate}. */
export interface ClaimTemplateOptions {
  /** `spec.accessModes`. @default ["ReadWriteOnce"] (written: Kubernetes requires one) */
  readonly accessModes?: AccessMode[];
  /** `spec.storageClassName`. @default the cluster's default class */
  readonly storageClassName?: string;
  /** `metadata.labels` of the template: each pod's claim carries them. */
  readonly labels?: Readonly<Record<string, string>>;
  /** `metadata.annotations` of the template: each pod's claim carries them. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A claim template for a StatefulSet: each pod gets its own PersistentVolumeClaim named `<name>-<pod>`.
 * @example statefulSet("db").container(c => c.image("postgres:16").mount("/var/lib/postgresql/data", claimTemplate("data", "10Gi")))
 */
export function claimTemplate(
  name: string,
  storage: Quantity,
  options: ClaimTemplateOptions = {},
): ClaimTemplate {
  const { accessModes = ["ReadWriteOnce"], storageClassName, labels, annotations } = options;
  return Object.freeze({
    volume: "claimTemplate",
    name,
    ...(labels && { labels }),
    ...(annotations && { annotations }),
    spec: claimSpec(storage, accessModes, storageClassName),
  });
}

/** Options of every mount. */
export interface MountOptions {
  /** `volumeMounts[].subPath`: mount this path inside the volume instead of its root. */
  readonly subPath?: string;
  /** `volumeMounts[].readOnly`. @default false */
  readonly readOnly?: boolean;
  /**
   * `volumeMounts[].mountPropagation`: whether mounts made later under the volume on the host (`"HostToContainer"`), or
   * also by the container on the host (`"Bidirectional"`, privileged containers only), are seen on the other side.
   * @default "None" (Kubernetes)
   */
  readonly mountPropagation?: MountPropagation;
}

/** How mounts propagate between a volume mount and the host: see {@link MountOptions.mountPropagation}. */
export type MountPropagation = "None" | "HostToContainer" | "Bidirectional";

/** Options of a mount whose source has no name of its own (not an `emptyDir()` or `claimTemplate()`). */
export interface NamedMountOptions extends MountOptions {
  /**
   * The volume's name (`volumes[].name` and `volumeMounts[].name`, a DNS-1123 label), e.g. `"varlog"`; containers
   * mounting a volume of the same name share it (its definitions must then be the same).
   * @default `<container>-data-<index>` (Piceli's naming)
   */
  readonly name?: string;
}

/** Options of a ConfigMap or Secret mount. */
export interface KeyedMountOptions<Keys extends string> extends NamedMountOptions {
  /**
   * `items`: mount only these keys, each as a file named like the key, or `{ key, path, mode }` at `path` (relative to
   * the mount) with its own permission bits. @default every key, each as a file named like it
   * @example { items: ["app.yaml", { key: "SPECIAL_LEVEL", path: "keys" }] }
   */
  readonly items?: readonly ProjectedItem<Keys>[];
  /**
   * `defaultMode`: permission bits of the files, e.g. `0o644`.
   * @default 0o644 for a ConfigMap (Kubernetes'); 0o600 for a Secret (written by piceli, as Piceli does: only the owner reads secrets)
   */
  readonly defaultMode?: number;
  /**
   * `optional`: the pod starts even if the ConfigMap or Secret (or a key of `items`) does not exist; the files are then
   * missing. @default false (Kubernetes: the pod waits for it)
   */
  readonly optional?: boolean;
}

/** The `defaultMode` piceli writes on a Secret volume unless the mount gives one: files only their owner reads. */
export const SECRET_DEFAULT_MODE = 0o600;

/** One mount of a container, as stored by its builder. */
export interface MountProps {
  readonly mountPath: string;
  readonly source: VolumeSource;
  readonly options: KeyedMountOptions<string>;
}

/** Whether a mount's source is a `claimTemplate()`. */
export function isClaimTemplate(source: VolumeSource): source is ClaimTemplate {
  return typeof source === "object" && source !== null && "volume" in source && source.volume === "claimTemplate";
}

const NAMED_VOLUMES: readonly string[] = ["emptyDir", "claimTemplate", "projected", "downwardAPI", "other"];

/** Whether a mount's source names its volume itself (see {@link NamedVolume}). */
function hasOwnName(source: VolumeSource): source is NamedVolume {
  return !(source instanceof ConfigMapBuilder || source instanceof SecretBuilder || source instanceof PersistentVolumeClaimBuilder)
    && NAMED_VOLUMES.includes(source?.volume);
}

/** The ConfigMaps, Secrets and claims a mount's source reads (a projected volume's too), for the pod's references. */
export function buildersOf(source: VolumeSource): (ConfigMapBuilder<string, string> | SecretBuilder<string> | PersistentVolumeClaimBuilder)[] {
  if (source instanceof ConfigMapBuilder || source instanceof SecretBuilder || source instanceof PersistentVolumeClaimBuilder) return [source];
  return source?.volume === "projected" ? projectedBuilders(source) : [];
}

/**
 * The pod volume name of a mount: its own name for emptyDirs and claim templates, else the mount's `name` option,
 * else `<container>-data-<index>` (Piceli's naming).
 */
export function volumeName(container: string, mount: MountProps, index: number): string {
  const { source, options } = mount;
  if (hasOwnName(source)) return source.name;
  return options.name ?? `${container}-data-${index}`;
}

const KEYED_MOUNT_OPTIONS = ["subPath", "readOnly", "mountPropagation", "name", "items", "defaultMode", "optional"];
const NAMED_VOLUME_MOUNT_OPTIONS = ["subPath", "readOnly", "mountPropagation"];
const MOUNT_OPTIONS = ["subPath", "readOnly", "mountPropagation", "name"];
const MOUNT_PROPAGATION = oneOf(["None", "HostToContainer", "Bidirectional"] satisfies MountPropagation[]);

/** Reports options the mount's source doesn't take (an untyped caller's). */
function checkMountOptions(source: VolumeSource, options: KeyedMountOptions<string>, path: string, problems: Problems): void {
  // most mounts give only these options: nothing to check, and no message to write
  if (onlyCommonOptions(options)) return;
  if (source instanceof ConfigMapBuilder || source instanceof SecretBuilder) checkFields(options, KEYED_MOUNT_OPTIONS, "a ConfigMap or Secret mount's options", path, problems);
  else if (hasOwnName(source)) checkFields(options, NAMED_VOLUME_MOUNT_OPTIONS, `the options of a mount of ${source.volume === "other" ? "volume" : source.volume}() (it names the volume itself)`, path, problems);
  else checkFields(options, MOUNT_OPTIONS, "a mount's options", path, problems);
}

/** Whether `options` has no keys but `subPath` and `readOnly`. */
function onlyCommonOptions(options: object): boolean {
  for (const key in options) if (key !== "subPath" && key !== "readOnly") return false;
  return true;
}

/** Writes a container's `volumeMounts[i]`; `privileged`: whether the container is (only it may propagate mounts to the host). */
export function emitVolumeMount(mount: MountProps, name: string, path: string, problems: Problems, privileged: boolean): V1VolumeMount {
  const { mountPath, source, options } = mount;
  checkMountOptions(source, options, path, problems);
  // the API server takes any path (a Windows node's "C:\\data" too); the runtime resolves a relative one from "/"
  problems.checkField(path, "mountPath", mountPath, nonEmptyString);
  const out: V1VolumeMount = { name, mountPath };
  if (options.subPath !== undefined) {
    const parts = typeof options.subPath === "string" ? options.subPath.split("/") : [];
    // "" is no subPath: the volume's root
    if (typeof options.subPath !== "string" || options.subPath.startsWith("/") || parts.includes("..")) {
      problems.add(`${path}.subPath`, 'a relative path inside the volume (no leading "/", no "..")', options.subPath);
    }
    out.subPath = options.subPath;
  }
  if (options.readOnly !== undefined) {
    problems.check(`${path}.readOnly`, options.readOnly, boolean);
    out.readOnly = options.readOnly;
  }
  if (options.mountPropagation !== undefined) {
    if (problems.checkField(path, "mountPropagation", options.mountPropagation, MOUNT_PROPAGATION) && options.mountPropagation === "Bidirectional" && !privileged) {
      problems.add(`${path}.mountPropagation`, '"None" or "HostToContainer" ("Bidirectional" needs a privileged container: securityContext({ privileged: true }))', options.mountPropagation);
    }
    out.mountPropagation = options.mountPropagation;
  }
  return out;
}

const FILE_MODE = integerBetween(0, 0o777);
const MEDIUM = oneOf(["Memory"]);
const HOST_PATH_TYPE = oneOf(HOST_PATH_TYPES);

/** Adds a ConfigMap or Secret volume's `items` (the keys the mount lists), `defaultMode` and `optional` to `volume`, at `path`. */
function withKeys<V extends object>(
  volume: V, source: ConfigMapBuilder<string, string> | SecretBuilder<string>, options: KeyedMountOptions<string>, defaultMode: number | undefined, path: string, problems: Problems,
): V & { items?: V1KeyToPath[]; defaultMode?: number; optional?: boolean } {
  const out: V & { items?: V1KeyToPath[]; defaultMode?: number; optional?: boolean } = volume;
  if (options.items) {
    const keys = source.keys;
    if (options.items.length === 0) problems.add(`${path}.items`, "at least one key, or no items option to mount every key", []);
    out.items = options.items.map((item, i) => keyToPath(item, keys, `${path}.items[${i}]`, problems));
  }
  if (defaultMode !== undefined) {
    problems.checkField(path, "defaultMode", defaultMode, FILE_MODE);
    out.defaultMode = defaultMode;
  }
  if (options.optional !== undefined) {
    problems.checkField(path, "optional", options.optional, boolean);
    out.optional = options.optional;
  }
  return out;
}

/** Writes the pod volume a mount needs, or `undefined` for claim templates (the StatefulSet creates those). */
export function emitVolume(mount: MountProps, name: string, path: string, problems: Problems): V1Volume | undefined {
  const { source, options } = mount;
  if (isClaimTemplate(source)) return undefined;
  problems.checkField(path, "name", name, dnsLabel);
  if (source instanceof PersistentVolumeClaimBuilder) return { name, persistentVolumeClaim: { claimName: source.name } };
  if (source instanceof ConfigMapBuilder) return { name, configMap: withKeys({ name: source.name }, source, options, options.defaultMode, `${path}.configMap`, problems) };
  if (source instanceof SecretBuilder) {
    return { name, secret: withKeys({ secretName: source.name }, source, options, options.defaultMode ?? SECRET_DEFAULT_MODE, `${path}.secret`, problems) };
  }
  switch (source?.volume) {
    case "emptyDir": {
      const emptyDir: NonNullable<V1Volume["emptyDir"]> = {};
      if (source.medium !== undefined) {
        problems.check(`${path}.emptyDir.medium`, source.medium, MEDIUM);
        emptyDir.medium = source.medium;
      }
      if (source.sizeLimit !== undefined) {
        problems.check(`${path}.emptyDir.sizeLimit`, source.sizeLimit, quantity);
        emptyDir.sizeLimit = source.sizeLimit;
      }
      return { name, emptyDir };
    }
    case "projected":
      return emitProjected(source, name, path, problems);
    case "downwardAPI":
      return emitDownwardAPI(source, name, path, problems);
    case "other": {
      const keys = typeof source.source === "object" && source.source !== null ? Object.keys(source.source) : [];
      // no source at all is valid: the API server makes it an emptyDir
      if (keys.length > 1 || keys[0] === "name" || typeof source.source !== "object" || source.source === null) {
        problems.add(path, "one volume source besides the name, such as { image: { reference } } or { nfs: { server, path } } (or none: Kubernetes makes that an emptyDir)", source.source);
      }
      const { name: _given, ...fields } = (keys.length > 0 ? cloned(source.source) : {}) as V1Volume;
      return { name, ...fields };
    }
    case "hostPath":
      if (typeof source.path !== "string" || source.path === "" || source.path.split("/").includes("..")) {
        problems.add(`${path}.hostPath.path`, 'a path on the node without ".." parts', source.path);
      }
      if (source.type !== undefined) problems.check(`${path}.hostPath.type`, source.type, HOST_PATH_TYPE);
      return { name, hostPath: { path: source.path, ...(source.type !== undefined && { type: source.type }) } };
    default:
      problems.add(path, "a PersistentVolumeClaim, ConfigMap or Secret builder, emptyDir(), hostPath(), claimTemplate(), projected(), downwardAPI() or volume()", source);
      return undefined;
  }
}
