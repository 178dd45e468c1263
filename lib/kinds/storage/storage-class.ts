import type { V1StorageClass, V1TopologySelectorTerm } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import { merged } from "../../internal/merged.js";
import type { AllKeys } from "../../internal/types.js";
import { emitClusterMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { ReclaimPolicy } from "./persistent-volume.js";
import { anyString, boolean, dnsSubdomain, nonEmptyString, oneOf, qualifiedName } from "../../validation/rules.js";

/** When a claim's volume is provisioned and bound: at once, or when the first pod using it is scheduled. */
export type VolumeBindingMode = "Immediate" | "WaitForFirstConsumer";

/** What happens to a released volume a StorageClass provisioned (`Recycle` is for PersistentVolumes made by hand only). */
export type StorageClassReclaimPolicy = Exclude<ReclaimPolicy, "Recycle">;

/** A `storage.k8s.io/v1` StorageClass as piceli builds it. */
export type StorageClassManifest = V1StorageClass & { apiVersion: "storage.k8s.io/v1"; kind: "StorageClass"; metadata: NamedMetadata };

interface StorageClassProps extends ObjectProps {
  readonly provisioner: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly reclaimPolicy?: StorageClassReclaimPolicy;
  readonly volumeBindingMode?: VolumeBindingMode;
  readonly allowVolumeExpansion?: boolean;
  readonly mountOptions?: readonly string[];
  readonly allowedTopologies?: readonly TopologyTerm[];
}

/**
 * One term of a StorageClass's `allowedTopologies`: node label keys (e.g. `"topology.kubernetes.io/zone"`) and the
 * values a node may have, each key required (AND); the terms of a class are alternatives (OR).
 */
export type TopologyTerm = Readonly<Record<string, readonly [string, ...string[]]>>;

/** An immutable builder of a `storage.k8s.io/v1` StorageClass: how volumes of a class are provisioned. Cluster-scoped. */
export class StorageClassBuilder extends ObjectBuilder<StorageClassProps> {
  protected readonly kindName = "StorageClass";

  /** @internal Use {@link storageClass}. */
  constructor(props: StorageClassProps) {
    super(props);
  }

  protected with(p: StorageClassProps, metadata = p.metadata): this {
    return new StorageClassBuilder({
      metadata, provisioner: p.provisioner, parameters: p.parameters, reclaimPolicy: p.reclaimPolicy, volumeBindingMode: p.volumeBindingMode, allowVolumeExpansion: p.allowVolumeExpansion, mountOptions: p.mountOptions, allowedTopologies: p.allowedTopologies, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<StorageClassProps>) as this;
  }

  /** Adds `parameters`: the provisioner's options (e.g. `{ type: "pd-ssd" }`). */
  parameters(parameters: Readonly<Record<string, string>>): this {
    return this.with({ ...this.props, parameters: merged(this.props.parameters, parameters) });
  }

  /** Sets `reclaimPolicy` of the volumes it provisions. @default "Delete" (Kubernetes) */
  reclaimPolicy(reclaimPolicy: StorageClassReclaimPolicy): this {
    return this.with({ ...this.props, reclaimPolicy });
  }

  /** Sets `volumeBindingMode`. @default "Immediate" (Kubernetes) */
  volumeBindingMode(volumeBindingMode: VolumeBindingMode): this {
    return this.with({ ...this.props, volumeBindingMode });
  }

  /** Sets `allowVolumeExpansion`: whether claims may grow. @default false (Kubernetes) */
  allowVolumeExpansion(allow = true): this {
    return this.with({ ...this.props, allowVolumeExpansion: allow });
  }

  /** Sets `mountOptions`, e.g. `"debug"`, `"nfsvers=4.1"`. */
  mountOptions(...mountOptions: string[]): this {
    return this.with({ ...this.props, mountOptions });
  }

  /**
   * Adds terms to `allowedTopologies`: where volumes may be provisioned (each term's keys all match; any term will do).
   * Each key becomes a `matchLabelExpressions` entry.
   * @default anywhere (Kubernetes)
   * @example storageClass("regional", "pd.csi.storage.gke.io").allowedTopologies({ "topology.gke.io/zone": ["europe-west1-b", "europe-west1-c"] })
   */
  allowedTopologies(...terms: TopologyTerm[]): this {
    return this.with({ ...this.props, allowedTopologies: [...(this.props.allowedTopologies ?? []), ...terms] });
  }

  /** Returns a fresh `StorageClassManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): StorageClassManifest {
    return this.checked(emitStorageClass);
  }
}

/**
 * Starts a StorageClass named `name` whose volumes `provisioner` creates (e.g. `"pd.csi.storage.gke.io"`).
 * @example storageClass("fast", "pd.csi.storage.gke.io").parameters({ type: "pd-ssd" }).volumeBindingMode("WaitForFirstConsumer")
 */
export function storageClass(name: string, provisioner: string): StorageClassBuilder {
  return new StorageClassBuilder({
    metadata: startMetadata(name), provisioner, parameters: undefined, reclaimPolicy: undefined, volumeBindingMode: undefined, allowVolumeExpansion: undefined,
    mountOptions: undefined, allowedTopologies: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<StorageClassProps>);
}

/** The API server's limits on a StorageClass's parameters. */
const MAX_PARAMETERS = 512;
const MAX_PARAMETER_BYTES = 256 * 1024;

const RECLAIM_POLICY = oneOf(["Retain", "Delete"]);
const VOLUME_BINDING_MODE = oneOf(["Immediate", "WaitForFirstConsumer"]);

function emitStorageClass(p: StorageClassProps, problems: Problems): StorageClassManifest {
  const metadata = emitClusterMetadata(p.metadata, "StorageClass", dnsSubdomain, problems);
  problems.check("provisioner", p.provisioner, qualifiedName);
  const out: StorageClassManifest = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata, provisioner: p.provisioner };
  if (p.parameters) {
    const keys = Object.keys(p.parameters);
    let bytes = 0;
    for (const key of keys) {
      const value = p.parameters[key];
      // the value's path is written only when it is reported
      if (problems.check("parameters", key, nonEmptyString) && typeof value !== "string") problems.check(`parameters[${JSON.stringify(key)}]`, value, anyString);
      bytes += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
    }
    if (keys.length > MAX_PARAMETERS) problems.add("parameters", `at most ${MAX_PARAMETERS} parameters`, keys.length);
    if (bytes > MAX_PARAMETER_BYTES) problems.add("parameters", `at most ${MAX_PARAMETER_BYTES} bytes of keys and values in all`, `${bytes} bytes`);
    out.parameters = { ...p.parameters };
  }
  if (p.reclaimPolicy !== undefined) {
    problems.check("reclaimPolicy", p.reclaimPolicy, RECLAIM_POLICY);
    out.reclaimPolicy = p.reclaimPolicy;
  }
  if (p.volumeBindingMode !== undefined) {
    problems.check("volumeBindingMode", p.volumeBindingMode, VOLUME_BINDING_MODE);
    out.volumeBindingMode = p.volumeBindingMode;
  }
  if (p.allowVolumeExpansion !== undefined) {
    problems.check("allowVolumeExpansion", p.allowVolumeExpansion, boolean);
    out.allowVolumeExpansion = p.allowVolumeExpansion;
  }
  if (p.mountOptions) {
    p.mountOptions.forEach((option, i) => {
      if (typeof option !== "string") problems.check(`mountOptions[${i}]`, option, anyString);
    });
    out.mountOptions = [...p.mountOptions];
  }
  if (p.allowedTopologies) out.allowedTopologies = emitAllowedTopologies(p.allowedTopologies, "allowedTopologies", problems);
  return out;
}

/** Writes `allowedTopologies`, checked as the API server checks it: label keys, values given once, no term twice. */
function emitAllowedTopologies(terms: readonly TopologyTerm[], path: string, problems: Problems): V1TopologySelectorTerm[] {
  const seen = new Set<string>();
  return terms.map((term, i) => {
    const at = `${path}[${i}].matchLabelExpressions`;
    const entries = typeof term === "object" && term !== null ? Object.entries(term) : [];
    if (entries.length === 0) problems.add(at, "at least one label key with its values", term);
    const expressions = entries.map(([key, values], j) => {
      problems.check(`${at}[${j}].key`, key, qualifiedName);
      if (!Array.isArray(values) || values.length === 0) {
        problems.add(`${at}[${j}].values`, "at least one value", values);
        return { key, values: [] };
      }
      values.forEach((value, k) => {
        if (problems.check(`${at}[${j}].values[${k}]`, value, anyString) && values.indexOf(value) !== k) {
          problems.add(`${at}[${j}].values[${k}]`, "each value once", value);
        }
      });
      return { key, values: [...values] };
    });
    // the same keys with the same values in any order is the same term
    const identity = JSON.stringify(expressions.map(({ key, values }) => [key, [...values].sort()]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
    if (entries.length > 0 && seen.has(identity)) problems.add(at, "a term not given before", term);
    seen.add(identity);
    return { matchLabelExpressions: expressions };
  });
}
