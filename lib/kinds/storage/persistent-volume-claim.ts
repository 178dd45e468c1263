import type { V1PersistentVolumeClaim, V1PersistentVolumeClaimSpec } from "@kubernetes/client-node";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitLabels, emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type StringMap, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { quantity, quantityValue, type Quantity } from "../../values/quantity.js";
import { dnsSubdomain, oneOf } from "../../validation/rules.js";

/** How a volume may be mounted: by one node read-write, by many nodes read-only or read-write, or by one pod. */
export type AccessMode = "ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod";

/** Whether a volume is mounted as a filesystem or handed over as a raw block device. */
export type VolumeMode = "Filesystem" | "Block";

export const ACCESS_MODES: readonly AccessMode[] = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

const ACCESS_MODE = oneOf(ACCESS_MODES);

/** A `v1` PersistentVolumeClaim as piceli builds it. */
export type PersistentVolumeClaimManifest = V1PersistentVolumeClaim & {
  apiVersion: "v1";
  kind: "PersistentVolumeClaim";
  metadata: NamedMetadata;
  spec: V1PersistentVolumeClaimSpec;
};

/** A claim's spec, shared by PersistentVolumeClaims and StatefulSets' `volumeClaimTemplates`. */
export interface ClaimSpecProps {
  readonly storage: Quantity;
  readonly accessModes: readonly AccessMode[];
  readonly storageClassName?: string;
  readonly volumeMode?: VolumeMode;
  readonly volumeName?: string;
  readonly selector?: StringMap;
}

interface PersistentVolumeClaimProps extends ObjectProps {
  readonly spec: ClaimSpecProps;
}

/** An immutable builder of a `v1` PersistentVolumeClaim: a request for storage that pods mount. */
export class PersistentVolumeClaimBuilder extends ObjectBuilder<PersistentVolumeClaimProps> {
  protected readonly kindName = "PersistentVolumeClaim";

  /** @internal Use {@link persistentVolumeClaim}. */
  constructor(props: PersistentVolumeClaimProps) {
    super(props);
  }

  protected with(p: PersistentVolumeClaimProps, metadata = p.metadata): this {
    return new PersistentVolumeClaimBuilder({ metadata, spec: p.spec, [PATCHES]: p[PATCHES] } satisfies AllKeys<PersistentVolumeClaimProps>) as this;
  }

  /** Returns a new builder with the claim spec `spec`, which callers write as `{ ...this.props.spec, changed }` (see {@link AllKeys}). */
  #withSpec(spec: ClaimSpecProps): this {
    return this.with({ ...this.props, spec });
  }

  /** Sets `spec.accessModes`. @default ["ReadWriteOnce"] */
  accessModes(...accessModes: AccessMode[]): this {
    return this.#withSpec({ ...this.props.spec, accessModes });
  }

  /** Sets `spec.storageClassName`; `""` asks for a volume with no class. @default the cluster's default class */
  storageClassName(storageClassName: string): this {
    return this.#withSpec({ ...this.props.spec, storageClassName });
  }

  /** Sets `spec.volumeMode`. @default "Filesystem" (Kubernetes) */
  volumeMode(volumeMode: VolumeMode): this {
    return this.#withSpec({ ...this.props.spec, volumeMode });
  }

  /** Sets `spec.volumeName`: binds to this PersistentVolume. */
  volumeName(volumeName: string): this {
    return this.#withSpec({ ...this.props.spec, volumeName });
  }

  /** Sets `spec.selector.matchLabels`: binds only to volumes with these labels. */
  selector(matchLabels: StringMap): this {
    return this.#withSpec({ ...this.props.spec, selector: matchLabels });
  }

  /** Returns a fresh `PersistentVolumeClaimManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): PersistentVolumeClaimManifest {
    return this.checked(({ metadata, spec }, problems) => ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: emitMetadata(metadata, dnsSubdomain, problems),
      spec: emitClaimSpec(spec, "spec", problems),
    }));
  }
}

/**
 * Starts a PersistentVolumeClaim named `name` asking for `storage` (`spec.resources.requests.storage`),
 * mounted `ReadWriteOnce` unless `.accessModes()` says otherwise.
 * @example persistentVolumeClaim("data", "10Gi").storageClassName("fast")
 */
export function persistentVolumeClaim(name: string, storage: Quantity): PersistentVolumeClaimBuilder {
  return new PersistentVolumeClaimBuilder({ metadata: startMetadata(name), spec: claimSpec(storage, ["ReadWriteOnce"], undefined), [PATCHES]: undefined } satisfies AllKeys<PersistentVolumeClaimProps>);
}

/** A claim spec with all its keys (see {@link AllKeys}): what claims and claim templates start from. */
export function claimSpec(storage: Quantity, accessModes: readonly AccessMode[], storageClassName: string | undefined): ClaimSpecProps {
  return { storage, accessModes, storageClassName, volumeMode: undefined, volumeName: undefined, selector: undefined } satisfies AllKeys<ClaimSpecProps>;
}

/** The rule of a volume mode (claims' and volumes'). */
export const VOLUME_MODE = oneOf(["Filesystem", "Block"]);

/** Writes a claim spec at `path`, checking access modes and the storage quantity. */
export function emitClaimSpec(spec: ClaimSpecProps, path: string, problems: Problems): V1PersistentVolumeClaimSpec {
  checkAccessModes(spec.accessModes, `${path}.accessModes`, problems);
  problems.checkField(path, "resources.requests.storage", spec.storage, storageSize);
  const out: V1PersistentVolumeClaimSpec = { accessModes: [...spec.accessModes] };
  if (spec.storageClassName !== undefined) {
    if (spec.storageClassName !== "") problems.checkField(path, "storageClassName", spec.storageClassName, dnsSubdomain);
    out.storageClassName = spec.storageClassName;
  }
  if (spec.volumeMode !== undefined) {
    problems.checkField(path, "volumeMode", spec.volumeMode, VOLUME_MODE);
    out.volumeMode = spec.volumeMode;
  }
  if (spec.volumeName !== undefined) {
    problems.checkField(path, "volumeName", spec.volumeName, dnsSubdomain);
    out.volumeName = spec.volumeName;
  }
  if (spec.selector) out.selector = { matchLabels: emitLabels(spec.selector, `${path}.selector.matchLabels`, problems) };
  out.resources = { requests: { storage: spec.storage } };
  return out;
}

/** Checks access modes as the API server does: at least one, each known, `ReadWriteOncePod` alone. */
export function checkAccessModes(modes: readonly AccessMode[], path: string, problems: Problems): void {
  if (modes.length === 0) problems.add(path, "at least one access mode", []);
  modes.forEach((mode, i) => {
    // the path is written only when it is reported
    if (!ACCESS_MODE.test(mode)) problems.check(`${path}[${i}]`, mode, ACCESS_MODE);
  });
  if (modes.includes("ReadWriteOncePod") && modes.some((mode) => mode !== "ReadWriteOncePod" && ACCESS_MODES.includes(mode))) {
    problems.add(path, "ReadWriteOncePod alone (it can't be combined with other access modes)", [...modes]);
  }
}

/** A storage size: a quantity greater than zero. */
export const storageSize: Rule = {
  expected: 'a quantity greater than zero such as "500Mi" or "10Gi"',
  test: (v) => quantity.test(v) && quantityValue(v as string) > 0,
};
