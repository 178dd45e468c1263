import type { V1Volume, V1VolumeMount } from "@kubernetes/client-node";
import { ConfigMapBuilder } from "../kinds/config/config-map.js";
import type { Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { PersistentVolumeClaimBuilder, type ClaimSpecProps, type AccessMode } from "../kinds/storage/persistent-volume-claim.js";
import { quantity, type Quantity } from "../values/quantity.js";
import { SecretBuilder } from "../kinds/config/secret.js";
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
  readonly spec: ClaimSpecProps;
}

/** Anything a container can mount. */
export type VolumeSource = PersistentVolumeClaimBuilder | ConfigMapBuilder<string, string> | SecretBuilder<string> | EmptyDirVolume | HostPathVolume | ClaimTemplate;

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
 * A claim template for a StatefulSet: each pod gets its own PersistentVolumeClaim named `<name>-<pod>`.
 * @example statefulSet("db").container(c => c.image("postgres:16").mount("/var/lib/postgresql/data", claimTemplate("data", "10Gi")))
 */
export function claimTemplate(
  name: string,
  storage: Quantity,
  options: { accessModes?: AccessMode[]; storageClassName?: string; labels?: Readonly<Record<string, string>> } = {},
): ClaimTemplate {
  const { accessModes = ["ReadWriteOnce"], storageClassName, labels } = options;
  return Object.freeze({
    volume: "claimTemplate",
    name,
    ...(labels && { labels }),
    spec: { storage, accessModes, ...(storageClassName !== undefined && { storageClassName }) },
  });
}

/** Options of every mount. */
export interface MountOptions {
  /** `volumeMounts[].subPath`: mount this path inside the volume instead of its root. */
  readonly subPath?: string;
  /** `volumeMounts[].readOnly`. @default false */
  readonly readOnly?: boolean;
}

/** Options of a ConfigMap or Secret mount. */
export interface KeyedMountOptions<Keys extends string> extends MountOptions {
  /** `items`: mount only these keys (each as a file named like the key). @default every key */
  readonly items?: readonly Keys[];
  /** `defaultMode`: permission bits of the files, e.g. `0o644`. @default 0o644 (Kubernetes) */
  readonly defaultMode?: number;
}

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

/** The pod volume name of a mount: its own name for emptyDirs and claim templates, else `<container>-data-<index>` (Piceli's naming). */
export function volumeName(container: string, mount: MountProps, index: number): string {
  const { source } = mount;
  if (!(source instanceof ConfigMapBuilder || source instanceof SecretBuilder || source instanceof PersistentVolumeClaimBuilder)
    && (source.volume === "emptyDir" || source.volume === "claimTemplate")) {
    return source.name;
  }
  return `${container}-data-${index}`;
}

/** Writes a container's `volumeMounts[i]`. */
export function emitVolumeMount(mount: MountProps, name: string, path: string, problems: Problems): V1VolumeMount {
  const { mountPath, source, options } = mount;
  const keyed = source instanceof ConfigMapBuilder || source instanceof SecretBuilder;
  checkFields(options, keyed ? ["subPath", "readOnly", "items", "defaultMode"] : ["subPath", "readOnly"], keyed ? "a ConfigMap or Secret mount's options" : "a mount's options", path, problems);
  // the API server takes any path (a Windows node's "C:\\data" too); the runtime resolves a relative one from "/"
  problems.check(`${path}.mountPath`, mountPath, nonEmptyString);
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
  return out;
}

/** Writes the pod volume a mount needs, or `undefined` for claim templates (the StatefulSet creates those). */
export function emitVolume(mount: MountProps, name: string, path: string, problems: Problems): V1Volume | undefined {
  const { source, options } = mount;
  if (isClaimTemplate(source)) return undefined;
  problems.check(`${path}.name`, name, dnsLabel);
  const items = (keys: readonly string[]) => {
    if (!options.items) return {};
    if (options.items.length === 0) problems.add(`${path}.items`, "at least one key, or no items option to mount every key", []);
    options.items.forEach((key, i) => {
      if (!keys.includes(key)) problems.add(`${path}.items[${i}].key`, `one of the keys ${JSON.stringify(keys)}`, key);
    });
    return { items: options.items.map((key) => ({ key, path: key })) };
  };
  const mode = () => {
    if (options.defaultMode === undefined) return {};
    problems.check(`${path}.defaultMode`, options.defaultMode, integerBetween(0, 0o777));
    return { defaultMode: options.defaultMode };
  };
  if (source instanceof PersistentVolumeClaimBuilder) return { name, persistentVolumeClaim: { claimName: source.name } };
  if (source instanceof ConfigMapBuilder) return { name, configMap: { name: source.name, ...items(source.keys), ...mode() } };
  if (source instanceof SecretBuilder) return { name, secret: { secretName: source.name, ...items(source.keys), ...mode() } };
  switch (source?.volume) {
    case "emptyDir": {
      const emptyDir: NonNullable<V1Volume["emptyDir"]> = {};
      if (source.medium !== undefined) {
        problems.check(`${path}.emptyDir.medium`, source.medium, oneOf(["Memory"]));
        emptyDir.medium = source.medium;
      }
      if (source.sizeLimit !== undefined) {
        problems.check(`${path}.emptyDir.sizeLimit`, source.sizeLimit, quantity);
        emptyDir.sizeLimit = source.sizeLimit;
      }
      return { name, emptyDir };
    }
    case "hostPath":
      if (typeof source.path !== "string" || source.path === "" || source.path.split("/").includes("..")) {
        problems.add(`${path}.hostPath.path`, 'a path on the node without ".." parts', source.path);
      }
      if (source.type !== undefined) problems.check(`${path}.hostPath.type`, source.type, oneOf(HOST_PATH_TYPES));
      return { name, hostPath: { path: source.path, ...(source.type !== undefined && { type: source.type }) } };
    default:
      problems.add(path, "a PersistentVolumeClaim, ConfigMap or Secret builder, emptyDir(), hostPath() or claimTemplate()", source);
      return undefined;
  }
}
