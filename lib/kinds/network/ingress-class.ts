import type { V1IngressClass, V1IngressClassParametersReference, V1IngressClassSpec } from "@kubernetes/client-node";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { checkFields } from "../../internal/fields.js";
import { emitClusterMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { dnsLabel, dnsSubdomain, oneOf, pathSegmentName } from "../../validation/rules.js";

/** A `networking.k8s.io/v1` IngressClass as piceli builds it. */
export type IngressClassManifest = V1IngressClass & { apiVersion: "networking.k8s.io/v1"; kind: "IngressClass"; metadata: NamedMetadata; spec: V1IngressClassSpec };

/** `spec.parameters`: an object configuring the controller, cluster-wide or in a namespace. */
export type IngressClassParameters =
  & { readonly apiGroup?: string; readonly kind: string; readonly name: string }
  & ({ readonly scope?: "Cluster"; readonly namespace?: never } | { readonly scope: "Namespace"; readonly namespace: string });

interface IngressClassProps extends ObjectProps {
  readonly controller: string;
  readonly parameters?: IngressClassParameters;
}

/** The annotation that makes an IngressClass the default for Ingresses naming none. */
const IS_DEFAULT = "ingressclass.kubernetes.io/is-default-class";

/** An immutable builder of a `networking.k8s.io/v1` IngressClass: which controller serves Ingresses of a class. Cluster-scoped. */
export class IngressClassBuilder extends ObjectBuilder<IngressClassProps> {
  protected readonly kindName = "IngressClass";

  /** @internal Use {@link ingressClass}. */
  constructor(props: IngressClassProps) {
    super(props);
  }

  protected with(p: IngressClassProps, metadata = p.metadata): this {
    return new IngressClassBuilder({ metadata, controller: p.controller, parameters: p.parameters, [PATCHES]: p[PATCHES] } satisfies AllKeys<IngressClassProps>) as this;
  }

  /** Sets `spec.parameters`: the controller's configuration object. */
  parameters(parameters: IngressClassParameters): this {
    return this.with({ ...this.props, parameters: { ...parameters } });
  }

  /** Makes it the cluster's default class: sets the annotation `ingressclass.kubernetes.io/is-default-class: "true"`. */
  isDefaultClass(isDefault = true): this {
    return this.annotations({ [IS_DEFAULT]: String(isDefault) });
  }

  /** Returns a fresh `IngressClassManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): IngressClassManifest {
    return this.checked(emitIngressClass);
  }
}

/**
 * Starts an IngressClass named `name` served by `controller` (a domain-prefixed path such as `"k8s.io/ingress-nginx"`).
 * @example ingressClass("nginx", "k8s.io/ingress-nginx").isDefaultClass()
 */
export function ingressClass(name: string, controller: string): IngressClassBuilder {
  return new IngressClassBuilder({ metadata: startMetadata(name), controller, parameters: undefined, [PATCHES]: undefined } satisfies AllKeys<IngressClassProps>);
}

/** A controller name: a domain-prefixed path of at most 250 characters. */
const controllerName: Rule = {
  expected: 'a domain-prefixed path such as "example.com/ingress-controller" (at most 250 characters)',
  test: (v) => {
    if (typeof v !== "string" || v.length > 250) return false;
    const slash = v.indexOf("/");
    return slash > 0 && dnsSubdomain.test(v.slice(0, slash)) && /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(v.slice(slash + 1));
  },
};

const SCOPE = oneOf(["Cluster", "Namespace"]);

function emitIngressClass(p: IngressClassProps, problems: Problems): IngressClassManifest {
  const metadata = emitClusterMetadata(p.metadata, "IngressClass", dnsSubdomain, problems);
  problems.check("spec.controller", p.controller, controllerName);
  const spec: V1IngressClassSpec = { controller: p.controller };
  if (p.parameters) spec.parameters = emitParameters(p.parameters, "spec.parameters", problems);
  return { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata, spec };
}

function emitParameters(given: IngressClassParameters, path: string, problems: Problems): V1IngressClassParametersReference {
  const parameters = given as V1IngressClassParametersReference;
  checkFields(parameters, ["apiGroup", "kind", "name", "scope", "namespace"], "IngressClass parameters", path, problems);
  const out: V1IngressClassParametersReference = { kind: parameters.kind, name: parameters.name };
  if (parameters.apiGroup !== undefined) {
    problems.check(`${path}.apiGroup`, parameters.apiGroup, dnsSubdomain);
    out.apiGroup = parameters.apiGroup;
  }
  problems.check(`${path}.kind`, parameters.kind, pathSegmentName);
  problems.check(`${path}.name`, parameters.name, pathSegmentName);
  if (parameters.scope !== undefined) {
    problems.check(`${path}.scope`, parameters.scope, SCOPE);
    out.scope = parameters.scope;
  }
  if (parameters.namespace !== undefined) {
    if (parameters.scope !== "Namespace") problems.add(`${path}.namespace`, 'nothing unless scope is "Namespace"', parameters.namespace);
    problems.check(`${path}.namespace`, parameters.namespace, dnsLabel);
    out.namespace = parameters.namespace;
  } else if (parameters.scope === "Namespace") problems.add(`${path}.namespace`, 'a namespace when scope is "Namespace"', undefined);
  return out;
}
