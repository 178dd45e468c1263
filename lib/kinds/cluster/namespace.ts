import type { V1Namespace } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import { emitClusterMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { dnsLabel } from "../../validation/rules.js";

/** A `v1` Namespace as piceli builds it. */
export type NamespaceManifest = V1Namespace & { apiVersion: "v1"; kind: "Namespace"; metadata: NamedMetadata };

/** An immutable builder of a `v1` Namespace. (Its own `.namespace()` does not apply: Namespaces are cluster-wide.) */
export class NamespaceBuilder extends ObjectBuilder<ObjectProps> {
  protected readonly kindName = "Namespace";

  /** @internal Use {@link namespace}. */
  constructor(props: ObjectProps) {
    super(props);
  }

  protected with(p: ObjectProps, metadata = p.metadata): this {
    return new NamespaceBuilder({ metadata, [PATCHES]: p[PATCHES] } satisfies AllKeys<ObjectProps>) as this;
  }

  /** Returns a fresh `NamespaceManifest`. @throws {PiceliValidationError} for an invalid name or labels. */
  build(): NamespaceManifest {
    return this.checked(emitNamespace);
  }
}

/**
 * Starts a Namespace named `name` (a DNS-1123 label).
 * @example namespace("shop").labels({ "pod-security.kubernetes.io/enforce": "restricted" })
 */
export function namespace(name: string): NamespaceBuilder {
  return new NamespaceBuilder({ metadata: startMetadata(name), [PATCHES]: undefined } satisfies AllKeys<ObjectProps>);
}

function emitNamespace(p: ObjectProps, problems: Problems): NamespaceManifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: emitClusterMetadata(p.metadata, "Namespace", dnsLabel, problems) };
}
