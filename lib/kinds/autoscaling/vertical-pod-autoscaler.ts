import type { KubernetesObject } from "@kubernetes/client-node";
import type { ScaleTarget, ScaleTargetRef } from "./horizontal-pod-autoscaler.js";
import { cloned } from "../../internal/cloned.js";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { quantity, type Quantity } from "../../values/quantity.js";
import { dnsSubdomain, nonEmptyString, oneOf } from "../../validation/rules.js";

/** How the VPA applies its recommendations: `Off` only recommends. */
export type VpaUpdateMode = "Off" | "Initial" | "Recreate" | "InPlaceOrRecreate" | "Auto";

/** Bounds for one container (or `"*"` for all) in `spec.resourcePolicy.containerPolicies`. */
export interface VpaContainerPolicy {
  readonly containerName: string;
  readonly mode?: "Auto" | "Off";
  readonly minAllowed?: { readonly cpu?: Quantity; readonly memory?: Quantity };
  readonly maxAllowed?: { readonly cpu?: Quantity; readonly memory?: Quantity };
  readonly controlledResources?: readonly ("cpu" | "memory")[];
  readonly controlledValues?: "RequestsAndLimits" | "RequestsOnly";
}

/** An `autoscaling.k8s.io/v1` VerticalPodAutoscaler (a custom resource of the Kubernetes autoscaler project). */
export interface VerticalPodAutoscalerManifest extends KubernetesObject {
  apiVersion: "autoscaling.k8s.io/v1";
  kind: "VerticalPodAutoscaler";
  metadata: NamedMetadata;
  spec: {
    targetRef: Writable<ScaleTargetRef>;
    updatePolicy?: { updateMode: VpaUpdateMode };
    resourcePolicy?: { containerPolicies: Writable<VpaContainerPolicy>[] };
  };
}

/** `T` without `readonly`, through objects and arrays: a built manifest is the caller's to change. */
type Writable<T> = T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

interface VerticalPodAutoscalerProps extends ObjectProps {
  readonly target: ScaleTargetRef;
  readonly updateMode?: VpaUpdateMode;
  readonly containerPolicies: readonly VpaContainerPolicy[];
}

/** An immutable builder of a VerticalPodAutoscaler: sets the pods' requests from their observed use. Needs the VPA installed. */
export class VerticalPodAutoscalerBuilder extends ObjectBuilder<VerticalPodAutoscalerProps> {
  protected readonly kindName = "VerticalPodAutoscaler";

  /** @internal Use {@link verticalPodAutoscaler}. */
  constructor(props: VerticalPodAutoscalerProps) {
    super(props);
  }

  protected with(p: VerticalPodAutoscalerProps, metadata = p.metadata): this {
    return new VerticalPodAutoscalerBuilder({
      metadata, target: p.target, updateMode: p.updateMode, containerPolicies: p.containerPolicies, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<VerticalPodAutoscalerProps>) as this;
  }

  /** Sets `spec.updatePolicy.updateMode`. @default "Auto" (the VPA's default) */
  updateMode(updateMode: VpaUpdateMode): this {
    return this.with({ ...this.props, updateMode });
  }

  /** Adds to `spec.resourcePolicy.containerPolicies`. */
  containerPolicy(policy: VpaContainerPolicy): this {
    return this.with({ ...this.props, containerPolicies: [...this.props.containerPolicies, cloned(policy)] });
  }

  /** Returns a fresh `VerticalPodAutoscalerManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): VerticalPodAutoscalerManifest {
    return this.checked(emitVerticalPodAutoscaler);
  }
}

/**
 * Starts a VerticalPodAutoscaler named `name` for `target` (a workload builder or a reference).
 * @example verticalPodAutoscaler("web", web).updateMode("Off")
 */
export function verticalPodAutoscaler(name: string, target: ScaleTarget): VerticalPodAutoscalerBuilder {
  const ref = "scaleTargetRef" in target ? target.scaleTargetRef : target;
  return new VerticalPodAutoscalerBuilder({
    metadata: startMetadata(name), target: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name }, updateMode: undefined, containerPolicies: [], [PATCHES]: undefined,
  } satisfies AllKeys<VerticalPodAutoscalerProps>);
}

const UPDATE_MODE = oneOf(["Off", "Initial", "Recreate", "InPlaceOrRecreate", "Auto"]);
const POLICY_MODE = oneOf(["Auto", "Off"]);
const CONTROLLED_VALUES = oneOf(["RequestsAndLimits", "RequestsOnly"]);

function emitVerticalPodAutoscaler(p: VerticalPodAutoscalerProps, problems: Problems): VerticalPodAutoscalerManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  problems.check("spec.targetRef.apiVersion", p.target.apiVersion, nonEmptyString);
  problems.check("spec.targetRef.kind", p.target.kind, nonEmptyString);
  problems.check("spec.targetRef.name", p.target.name, nonEmptyString);
  const spec: VerticalPodAutoscalerManifest["spec"] = { targetRef: { ...p.target } };
  if (p.updateMode !== undefined) {
    problems.check("spec.updatePolicy.updateMode", p.updateMode, UPDATE_MODE);
    spec.updatePolicy = { updateMode: p.updateMode };
  }
  if (p.containerPolicies.length > 0) {
    spec.resourcePolicy = {
      containerPolicies: p.containerPolicies.map((policy, i) => {
        const at = `spec.resourcePolicy.containerPolicies[${i}]`;
        problems.checkField(at, "containerName", policy.containerName, nonEmptyString);
        if (policy.mode !== undefined) problems.checkField(at, "mode", policy.mode, POLICY_MODE);
        if (policy.controlledValues !== undefined) problems.checkField(at, "controlledValues", policy.controlledValues, CONTROLLED_VALUES);
        for (const bound of ["minAllowed", "maxAllowed"] as const) {
          for (const [resource, value] of Object.entries(policy[bound] ?? {})) problems.checkField(at, `${bound}.${resource}`, value, quantity);
        }
        return cloned(policy) as Writable<VpaContainerPolicy>;
      }),
    };
  }
  return { apiVersion: "autoscaling.k8s.io/v1", kind: "VerticalPodAutoscaler", metadata, spec };
}
