import type { V1ServiceAccount } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { boolean, dnsSubdomain } from "../../validation/rules.js";

/** A `v1` ServiceAccount as piceli builds it. */
export type ServiceAccountManifest = V1ServiceAccount & { apiVersion: "v1"; kind: "ServiceAccount"; metadata: NamedMetadata };

interface ServiceAccountProps extends ObjectProps {
  readonly imagePullSecrets: readonly string[];
  readonly automountServiceAccountToken?: boolean;
}

/** An immutable builder of a `v1` ServiceAccount: an identity for pods. */
export class ServiceAccountBuilder extends ObjectBuilder<ServiceAccountProps> {
  protected readonly kindName = "ServiceAccount";

  /** @internal Use {@link serviceAccount}. */
  constructor(props: ServiceAccountProps) {
    super(props);
  }

  protected with(p: ServiceAccountProps, metadata = p.metadata): this {
    return new ServiceAccountBuilder({
      metadata, imagePullSecrets: p.imagePullSecrets, automountServiceAccountToken: p.automountServiceAccountToken, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<ServiceAccountProps>) as this;
  }

  /** Adds `imagePullSecrets`: registry credentials every pod using this account gets. */
  imagePullSecrets(...names: string[]): this {
    return this.with({ ...this.props, imagePullSecrets: [...new Set([...this.props.imagePullSecrets, ...names])] });
  }

  /** Sets `automountServiceAccountToken`: whether pods get an API token mounted. @default true (Kubernetes) */
  automountServiceAccountToken(automount: boolean): this {
    return this.with({ ...this.props, automountServiceAccountToken: automount });
  }

  /** Returns a fresh `ServiceAccountManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ServiceAccountManifest {
    return this.checked(emitServiceAccount);
  }
}

/**
 * Starts a ServiceAccount named `name` (a DNS-1123 subdomain). Run pods as it with a workload's
 * `.serviceAccount(sa)`; grant it permissions with `roleBinding(...).subject(sa)`.
 * @example serviceAccount("backup")
 */
export function serviceAccount(name: string): ServiceAccountBuilder {
  return new ServiceAccountBuilder({ metadata: startMetadata(name), imagePullSecrets: [], automountServiceAccountToken: undefined, [PATCHES]: undefined } satisfies AllKeys<ServiceAccountProps>);
}

function emitServiceAccount(p: ServiceAccountProps, problems: Problems): ServiceAccountManifest {
  const out: ServiceAccountManifest = { apiVersion: "v1", kind: "ServiceAccount", metadata: emitMetadata(p.metadata, dnsSubdomain, problems) };
  if (p.automountServiceAccountToken !== undefined) {
    problems.check("automountServiceAccountToken", p.automountServiceAccountToken, boolean);
    out.automountServiceAccountToken = p.automountServiceAccountToken;
  }
  if (p.imagePullSecrets.length > 0) {
    out.imagePullSecrets = p.imagePullSecrets.map((name, i) => {
      // the path is written only when it is reported
      if (!dnsSubdomain.test(name)) problems.check(`imagePullSecrets[${i}].name`, name, dnsSubdomain);
      return { name };
    });
  }
  return out;
}
