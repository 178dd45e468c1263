import type { V1PersistentVolume, V1PersistentVolumeSpec } from "@kubernetes/client-node";
import type { Problems } from "./internal/errors.js";
import { emitMetadata, ObjectBuilder, type MetadataProps, type NamedMetadata } from "./metadata.js";
import { ACCESS_MODES, type AccessMode, type VolumeMode } from "./persistent-volume-claim.js";
import { quantity, type Quantity } from "./quantity.js";
import { dnsSubdomain, nonEmptyString, oneOf } from "./validation/rules.js";

/** What happens to a released volume. */
export type ReclaimPolicy = "Retain" | "Delete" | "Recycle";

/** Where a PersistentVolume's storage lives: exactly one of these. */
export type PersistentVolumeSource = Pick<V1PersistentVolumeSpec, "gcePersistentDisk" | "hostPath" | "nfs" | "csi" | "local" | "awsElasticBlockStore" | "azureDisk" | "iscsi" | "fc">;

/** A `v1` PersistentVolume as piceli builds it. */
export type PersistentVolumeManifest = V1PersistentVolume & {
  apiVersion: "v1";
  kind: "PersistentVolume";
  metadata: NamedMetadata;
  spec: V1PersistentVolumeSpec;
};

interface PersistentVolumeProps {
  readonly metadata: MetadataProps;
  readonly storage: Quantity;
  readonly accessModes: readonly AccessMode[];
  readonly storageClassName?: string;
  readonly reclaimPolicy?: ReclaimPolicy;
  readonly volumeMode?: VolumeMode;
  readonly source?: PersistentVolumeSource;
}

/** An immutable builder of a `v1` PersistentVolume: a piece of storage claims bind to. Cluster-scoped. */
export class PersistentVolumeBuilder extends ObjectBuilder<PersistentVolumeProps> {
  protected readonly kindName = "PersistentVolume";

  /** @internal Use {@link persistentVolume}. */
  constructor(props: PersistentVolumeProps) {
    super(props);
  }

  protected with(props: PersistentVolumeProps): this {
    return new PersistentVolumeBuilder(props) as this;
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
    return this.with({ ...this.props, source });
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
  return new PersistentVolumeBuilder({ metadata: { name }, storage, accessModes: ["ReadWriteOnce"] });
}

function emitPersistentVolume(p: PersistentVolumeProps, problems: Problems): PersistentVolumeManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  if (p.metadata.namespace !== undefined) problems.add("metadata.namespace", "nothing: a PersistentVolume is cluster-scoped", p.metadata.namespace);
  problems.check("spec.capacity.storage", p.storage, quantity);
  const spec: V1PersistentVolumeSpec = { capacity: { storage: p.storage } };
  if (p.storageClassName !== undefined) {
    problems.check("spec.storageClassName", p.storageClassName, dnsSubdomain);
    spec.storageClassName = p.storageClassName;
  }
  if (p.accessModes.length === 0) problems.add("spec.accessModes", "at least one access mode", []);
  p.accessModes.forEach((mode, i) => problems.check(`spec.accessModes[${i}]`, mode, oneOf(ACCESS_MODES)));
  spec.accessModes = [...p.accessModes];
  if (p.reclaimPolicy !== undefined) {
    problems.check("spec.persistentVolumeReclaimPolicy", p.reclaimPolicy, oneOf(["Retain", "Delete", "Recycle"]));
    spec.persistentVolumeReclaimPolicy = p.reclaimPolicy;
  }
  if (p.volumeMode !== undefined) {
    problems.check("spec.volumeMode", p.volumeMode, oneOf(["Filesystem", "Block"]));
    spec.volumeMode = p.volumeMode;
  }
  const sources = Object.entries(p.source ?? {}).filter(([, v]) => v !== undefined);
  if (sources.length !== 1) {
    problems.add("spec", "exactly one volume source (.gcePersistentDisk(), .hostPath(), .nfs(), .csi() or .source())", sources.map(([k]) => k));
  }
  for (const [key, value] of sources) {
    for (const [field, text] of Object.entries(value as object)) {
      if (["pdName", "path", "server", "driver", "volumeHandle"].includes(field)) problems.check(`spec.${key}.${field}`, text, nonEmptyString);
    }
    Object.assign(spec, { [key]: structuredClone(value) });
  }
  return { apiVersion: "v1", kind: "PersistentVolume", metadata: { ...metadata }, spec };
}
