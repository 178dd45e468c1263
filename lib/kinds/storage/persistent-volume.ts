import type { V1NodeSelector, V1PersistentVolume, V1PersistentVolumeSpec } from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitClusterMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { checkAccessModes, storageSize, VOLUME_MODE, type AccessMode, type VolumeMode } from "./persistent-volume-claim.js";
import type { Quantity } from "../../values/quantity.js";
import { dnsSubdomain, nonEmptyString, oneOf } from "../../validation/rules.js";

const INT64_MAX = 2n ** 63n - 1n;

/** What happens to a released volume. */
export type ReclaimPolicy = "Retain" | "Delete" | "Recycle";

const SOURCES = ["gcePersistentDisk", "hostPath", "nfs", "csi", "local", "awsElasticBlockStore", "azureDisk", "iscsi", "fc"] as const;

/** Where a PersistentVolume's storage lives: exactly one of these (a `local` volume also needs `.nodeAffinity()`). */
export type PersistentVolumeSource = Pick<V1PersistentVolumeSpec, (typeof SOURCES)[number]>;

/** A `v1` PersistentVolume as piceli builds it. */
export type PersistentVolumeManifest = V1PersistentVolume & {
  apiVersion: "v1";
  kind: "PersistentVolume";
  metadata: NamedMetadata;
  spec: V1PersistentVolumeSpec;
};

interface PersistentVolumeProps extends ObjectProps {
  readonly storage: Quantity;
  readonly accessModes: readonly AccessMode[];
  readonly storageClassName?: string;
  readonly reclaimPolicy?: ReclaimPolicy;
  readonly volumeMode?: VolumeMode;
  readonly source?: PersistentVolumeSource;
  readonly nodeAffinity?: V1NodeSelector;
}

/** An immutable builder of a `v1` PersistentVolume: a piece of storage claims bind to. Cluster-scoped. */
export class PersistentVolumeBuilder extends ObjectBuilder<PersistentVolumeProps> {
  protected readonly kindName = "PersistentVolume";

  /** @internal Use {@link persistentVolume}. */
  constructor(props: PersistentVolumeProps) {
    super(props);
  }

  protected with(p: PersistentVolumeProps, metadata = p.metadata): this {
    return new PersistentVolumeBuilder({
      metadata, storage: p.storage, accessModes: p.accessModes, storageClassName: p.storageClassName, reclaimPolicy: p.reclaimPolicy, volumeMode: p.volumeMode, source: p.source, nodeAffinity: p.nodeAffinity, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<PersistentVolumeProps>) as this;
  }

  /** Sets `spec.accessModes`. @default ["ReadWriteOnce"] */
  accessModes(...accessModes: AccessMode[]): this {
    return this.with({ ...this.props, accessModes });
  }

  /** Sets `spec.storageClassName`: claims of this class bind to it. */
  storageClassName(storageClassName: string): this {
    return this.with({ ...this.props, storageClassName });
  }

  /** Sets `spec.persistentVolumeReclaimPolicy`. @default "Retain" for volumes created by hand (Kubernetes) */
  reclaimPolicy(reclaimPolicy: ReclaimPolicy): this {
    return this.with({ ...this.props, reclaimPolicy });
  }

  /** Sets `spec.volumeMode`. @default "Filesystem" (Kubernetes) */
  volumeMode(volumeMode: VolumeMode): this {
    return this.with({ ...this.props, volumeMode });
  }

  /** Sets `spec.gcePersistentDisk`: a Google Compute Engine disk (what Piceli's PersistentVolume used). */
  gcePersistentDisk(pdName: string, fsType = "ext4"): this {
    return this.with({ ...this.props, source: { gcePersistentDisk: { pdName, fsType } } });
  }

  /** Sets `spec.hostPath`: a directory on the node (single-node and test clusters). */
  hostPath(path: string): this {
    return this.with({ ...this.props, source: { hostPath: { path } } });
  }

  /** Sets `spec.nfs`: an NFS export. */
  nfs(server: string, path: string): this {
    return this.with({ ...this.props, source: { nfs: { server, path } } });
  }

  /** Sets `spec.csi`: a volume of a CSI driver. */
  csi(driver: string, volumeHandle: string, fsType?: string): this {
    return this.with({ ...this.props, source: { csi: { driver, volumeHandle, ...(fsType !== undefined && { fsType }) } } });
  }

  /** Sets another volume source, as the Kubernetes API spells it (e.g. `{ local: { path } }`). */
  source(source: PersistentVolumeSource): this {
    return this.with({ ...this.props, source: cloned(source) });
  }

  /**
   * Sets `spec.nodeAffinity.required`: the nodes that can reach the volume (a `local` volume needs it).
   * @example .nodeAffinity({ nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] })
   */
  nodeAffinity(required: V1NodeSelector): this {
    return this.with({ ...this.props, nodeAffinity: cloned(required) });
  }

  /** Returns a fresh `PersistentVolumeManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): PersistentVolumeManifest {
    return this.checked(emitPersistentVolume);
  }
}

/**
 * Starts a PersistentVolume named `name` offering `storage` (`spec.capacity.storage`), `ReadWriteOnce`
 * unless `.accessModes()` says otherwise. Give it a source: `.gcePersistentDisk()`, `.hostPath()`, `.nfs()`, `.csi()`.
 * @example persistentVolume("data", "100Gi").storageClassName("manual").nfs("nfs.local", "/exports/data")
 */
export function persistentVolume(name: string, storage: Quantity): PersistentVolumeBuilder {
  return new PersistentVolumeBuilder({
    metadata: startMetadata(name), storage, accessModes: ["ReadWriteOnce"], storageClassName: undefined, reclaimPolicy: undefined, volumeMode: undefined, source: undefined,
    nodeAffinity: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<PersistentVolumeProps>);
}

const RECLAIM_POLICY = oneOf(["Retain", "Delete", "Recycle"]);
const SOURCE = oneOf(SOURCES);

function emitPersistentVolume(p: PersistentVolumeProps, problems: Problems): PersistentVolumeManifest {
  const metadata = emitClusterMetadata(p.metadata, "PersistentVolume", dnsSubdomain, problems);
  problems.check("spec.capacity.storage", p.storage, storageSize);
  // the API server reads plain digits as an int64 that wraps around: more than 2^63-1 is refused, or stored as another size
  if (typeof p.storage === "string" && /^\+?\d+$/.test(p.storage.trim()) && BigInt(p.storage.trim()) > INT64_MAX) {
    problems.add("spec.capacity.storage", "at most 9223372036854775807 bytes when written in digits (a larger number wraps around)", p.storage);
  }
  const spec: V1PersistentVolumeSpec = { capacity: { storage: p.storage } };
  if (p.storageClassName !== undefined) {
    // "" is no class: the volume binds only to claims that ask for none
    if (p.storageClassName !== "") problems.check("spec.storageClassName", p.storageClassName, dnsSubdomain);
    spec.storageClassName = p.storageClassName;
  }
  checkAccessModes(p.accessModes, "spec.accessModes", problems);
  spec.accessModes = [...p.accessModes];
  if (p.reclaimPolicy !== undefined) {
    problems.check("spec.persistentVolumeReclaimPolicy", p.reclaimPolicy, RECLAIM_POLICY);
    spec.persistentVolumeReclaimPolicy = p.reclaimPolicy;
  }
  if (p.volumeMode !== undefined) {
    problems.check("spec.volumeMode", p.volumeMode, VOLUME_MODE);
    spec.volumeMode = p.volumeMode;
  }
  if (p.nodeAffinity !== undefined) {
    if ((p.nodeAffinity.nodeSelectorTerms?.length ?? 0) === 0) problems.add("spec.nodeAffinity.required.nodeSelectorTerms", "at least one node selector term", p.nodeAffinity.nodeSelectorTerms);
    spec.nodeAffinity = { required: cloned(p.nodeAffinity) };
  }
  const source: Readonly<Record<string, unknown>> = p.source ?? {};
  const keys = Object.keys(source).filter((key) => source[key] !== undefined);
  if (keys.length !== 1) problems.add("spec", "exactly one volume source (.gcePersistentDisk(), .hostPath(), .nfs(), .csi() or .source())", keys);
  for (const key of keys) {
    const value = source[key];
    if (problems.check("spec", key, SOURCE)) checkSource(key as (typeof SOURCES)[number], value as Record<string, unknown>, p, problems);
    (spec as Record<string, unknown>)[key] = cloned(value);
  }
  return { apiVersion: "v1", kind: "PersistentVolume", metadata, spec };
}

/** The fields the API server requires in a source. */
const REQUIRED_FIELDS: Partial<Record<(typeof SOURCES)[number], readonly string[]>> = {
  gcePersistentDisk: ["pdName"], hostPath: ["path"], nfs: ["server", "path"], csi: ["driver", "volumeHandle"], local: ["path"],
};

/** The API server's checks of the volume sources piceli has methods for (and `local`). */
function checkSource(key: (typeof SOURCES)[number], source: Record<string, unknown>, p: PersistentVolumeProps, problems: Problems): void {
  for (const field of REQUIRED_FIELDS[key] ?? []) {
    const value = source[field];
    const form = FORMS[key]?.[field];
    // the path is written only when it is reported
    const rule = !nonEmptyString.test(value) ? nonEmptyString : form !== undefined && !form.test(value) ? form : undefined;
    if (rule) problems.check(`spec.${key}.${field}`, value, rule);
  }
  if (key === "local" && p.nodeAffinity === undefined) problems.add("spec.nodeAffinity", "the nodes holding the local volume: call .nodeAffinity()", undefined);
}

const absolutePath: Rule = { expected: 'an absolute path (starting with "/")', test: (v) => typeof v === "string" && v.startsWith("/") };

const noBacksteps: Rule = { expected: 'a path without ".." parts', test: (v) => typeof v === "string" && !v.split("/").includes("..") };

const csiDriverName: Rule = {
  expected: 'a CSI driver name (at most 63 letters, digits, "-" or ".", starting and ending with a letter or digit), e.g. "pd.csi.storage.gke.io"',
  test: (v) => typeof v === "string" && v.length <= 63 && dnsSubdomain.test(v.toLowerCase()),
};

/** The form of a source's field, where the API server checks more than its presence. */
const FORMS: Partial<Record<(typeof SOURCES)[number], Readonly<Record<string, Rule>>>> = {
  nfs: { path: absolutePath }, hostPath: { path: noBacksteps }, local: { path: noBacksteps }, csi: { driver: csiDriverName },
};
