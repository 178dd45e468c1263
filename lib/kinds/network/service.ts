import type { V1Service, V1ServicePort, V1ServiceSpec } from "@kubernetes/client-node";
import type { PortProps, Protocol } from "../../pod/container.js";
import { PiceliValidationError, type Problems, type Rule } from "../../internal/errors.js";
import { merged } from "../../internal/merged.js";
import type { AllKeys } from "../../internal/types.js";
import type { PodSelectable } from "../label-selector.js";
import { emitServiceFields, type IpFamily, type IpFamilyPolicy, type ServiceFields, type TrafficPolicy } from "./service-fields.js";
import { emitLabels, emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type StringMap, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { dnsLabel, dnsSubdomain, emptyOr, integerBetween, oneOf, portName, portNumber, qualifiedName } from "../../validation/rules.js";

/** How a Service is exposed. */
export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

/** A `v1` Service as piceli builds it. */
export type ServiceManifest = V1Service & { apiVersion: "v1"; kind: "Service"; metadata: NamedMetadata; spec: V1ServiceSpec };

/** Options of a Service port. */
export interface ServicePortOptions {
  /** `targetPort`: the pods' port number or port name. @default the same as `port` (Kubernetes; not written unless set) */
  readonly targetPort?: number | string;
  /** @default "TCP" */
  readonly protocol?: Protocol;
  /** `nodePort` (NodePort and LoadBalancer Services), 30000–32767 by default in Kubernetes. */
  readonly nodePort?: number;
  /** `appProtocol`, e.g. `"http"`, `"kubernetes.io/h2c"`. */
  readonly appProtocol?: string;
}

interface ServicePortProps extends ServicePortOptions {
  readonly name?: string;
  readonly port: number;
  /** The container port a workload's companion Service made this port for: a port targeting it replaces this one. */
  readonly forContainerPort?: PortProps;
}

interface ServiceProps extends ObjectProps {
  readonly ports: readonly ServicePortProps[];
  readonly selector?: StringMap;
  readonly type?: ServiceType;
  readonly clusterIP?: string;
  readonly externalName?: string;
  /** The ports of the pods a companion Service serves: a named `targetPort` must be one of them. */
  readonly podPorts?: readonly PortProps[];
  /** Session affinity, traffic policies, load balancer and IP family settings (`service-fields.ts`). */
  readonly fields?: ServiceFields;
}

export type { PodSelectable } from "../label-selector.js";

/** `T` without `readonly`, for a port written key by key. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** An immutable builder of a `v1` Service: a stable address for a set of pods. */
export class ServiceBuilder extends ObjectBuilder<ServiceProps> {
  protected readonly kindName = "Service";

  /** @internal Use {@link service}. */
  constructor(props: ServiceProps) {
    super(props);
  }

  protected with(p: ServiceProps, metadata = p.metadata): this {
    return new ServiceBuilder({
      metadata, ports: p.ports, selector: p.selector, type: p.type, clusterIP: p.clusterIP, externalName: p.externalName, podPorts: p.podPorts, fields: p.fields, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<ServiceProps>) as this;
  }

  /**
   * Adds a named port to `spec.ports` (names are required once a Service has more than one port), or replaces the
   * port of that name. In a workload's `.service(s => …)`, it also replaces the port made for the container port it
   * targets (`targetPort`, by number or name, else `port`).
   * @example deployment("cart", { container: "server" }).image("cart:1").container(c => c.port(7070)).service(s => s.port("grpc", 80, { targetPort: 7070 }))
   */
  port(name: string, port: number, options?: ServicePortOptions): this;
  /** Adds an unnamed port to `spec.ports`, or replaces the unnamed port of that number (or, in `.service(s => …)`, made for the container port it targets). */
  port(port: number, options?: ServicePortOptions): this;
  port(first: string | number, second?: unknown, third?: unknown): this {
    const port: ServicePortProps = typeof first === "string" ? { name: first, port: second as number, ...(third as object) } : { port: first, ...(second as object) };
    const at = this.props.ports.findIndex((old) => replaces(port, old));
    const ports = at === -1 ? [...this.props.ports, port] : this.props.ports.map((old, i) => (i === at ? port : old));
    return this.with({ ...this.props, ports });
  }

  /** Adds `spec.selector`: the labels of the pods that receive the traffic. */
  selector(labels: StringMap): this {
    return this.with({ ...this.props, selector: merged(this.props.selector, labels) });
  }

  /** Sets `spec.selector` to a workload's pod labels (`spec.template.metadata.labels`). */
  selecting(workload: PodSelectable): this {
    const labels: unknown = (workload as Partial<PodSelectable> | undefined)?.podLabels;
    if (typeof labels !== "object" || labels === null) {
      throw new PiceliValidationError(this.describe(), [{ path: "spec.selector", expected: "a workload builder with pods to select (a Deployment, StatefulSet or DaemonSet)", received: workload }]);
    }
    return this.with({ ...this.props, selector: { ...labels } });
  }

  /** Sets `spec.type`. @default "ClusterIP" (Kubernetes) */
  type(type: ServiceType): this {
    return this.with({ ...this.props, type });
  }

  /** Sets `spec.clusterIP: None`: a headless Service, whose DNS name resolves to the pods (as StatefulSets need). */
  headless(): this {
    return this.with({ ...this.props, clusterIP: "None" });
  }

  /** Makes an `ExternalName` Service: a DNS alias (`CNAME`) for `externalName`. */
  externalName(externalName: string): this {
    return this.with({ ...this.props, type: "ExternalName", externalName });
  }

  /** The ports given with `.port()`, as declared (an Ingress checks its backend port against them). */
  get ports(): readonly { readonly name?: string; readonly port: number; readonly targetPort?: number | string; readonly protocol?: Protocol }[] {
    return this.props.ports;
  }

  /** `spec.selector`: the labels of the pods it sends traffic to, if it selects pods (a NetworkPolicy allows traffic to them). */
  get podSelector(): StringMap | undefined {
    return this.props.selector;
  }

  /** Sets `spec.sessionAffinity`: `"ClientIP"` sends a client's requests to the same pod (for `timeoutSeconds`, `spec.sessionAffinityConfig`). @default "None" */
  sessionAffinity(affinity: "None"): this;
  sessionAffinity(affinity: "ClientIP", options?: { timeoutSeconds?: number }): this;
  sessionAffinity(sessionAffinity: "None" | "ClientIP", options: { timeoutSeconds?: number } = {}): this {
    const { timeoutSeconds } = options;
    return this.#withFields({ sessionAffinity, sessionAffinityTimeoutSeconds: timeoutSeconds });
  }

  /** Sets `spec.externalTrafficPolicy` (NodePort and LoadBalancer): `"Local"` keeps the client's address. @default "Cluster" */
  externalTrafficPolicy(policy: TrafficPolicy): this {
    return this.#withFields({ externalTrafficPolicy: policy });
  }

  /** Sets `spec.internalTrafficPolicy`: `"Local"` sends in-cluster traffic only to pods on the caller's node. @default "Cluster" */
  internalTrafficPolicy(policy: TrafficPolicy): this {
    return this.#withFields({ internalTrafficPolicy: policy });
  }

  /** Sets `spec.loadBalancerSourceRanges` (LoadBalancer): the client CIDRs allowed. */
  loadBalancerSourceRanges(...ranges: string[]): this {
    return this.#withFields({ loadBalancerSourceRanges: ranges });
  }

  /** Sets `spec.loadBalancerClass` (LoadBalancer): which load balancer implementation serves it, e.g. `"example.com/internal-vip"`. */
  loadBalancerClass(loadBalancerClass: string): this {
    return this.#withFields({ loadBalancerClass });
  }

  /** Sets `spec.ipFamilyPolicy` and, if given, `spec.ipFamilies` (their order picks the primary family). @default "SingleStack" (Kubernetes) */
  ipFamilies(policy: IpFamilyPolicy, ...families: IpFamily[]): this {
    return this.#withFields({ ipFamilyPolicy: policy, ipFamilies: families.length > 0 ? families : undefined });
  }

  /** Sets `spec.publishNotReadyAddresses`: DNS lists pods before they are ready (for peers finding each other). @default false */
  publishNotReadyAddresses(publish = true): this {
    return this.#withFields({ publishNotReadyAddresses: publish });
  }

  /** Sets `spec.externalIPs`: node addresses that also accept the Service's traffic. */
  externalIPs(...ips: string[]): this {
    return this.#withFields({ externalIPs: ips });
  }

  #withFields(changes: Partial<ServiceFields>): this {
    const fields = { ...this.props.fields, ...changes };
    for (const key of Object.keys(fields) as (keyof ServiceFields)[]) if (fields[key] === undefined) delete fields[key];
    return this.with({ ...this.props, fields });
  }

  /** Whether `.headless()` was called. */
  get isHeadless(): boolean {
    return this.props.clusterIP === "None";
  }

  /** Returns a fresh `ServiceManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ServiceManifest {
    return this.checked(emitService);
  }
}

/** Whether `port` takes the place of `old`: the same name, the same unnamed number, or the container port `old` was made for. */
function replaces(port: ServicePortProps, old: ServicePortProps): boolean {
  if (port.name !== undefined) {
    if (old.name === port.name) return true;
  } else if (old.name === undefined && old.port === port.port) return true;
  const target = old.forContainerPort;
  if (target === undefined || (port.protocol ?? "TCP") !== (target.protocol ?? "TCP")) return false;
  const targetPort = port.targetPort ?? port.port;
  return typeof targetPort === "string" ? targetPort === target.name : targetPort === target.containerPort;
}

/**
 * The Service a workload's `.service()` starts from: named `name`, with a port per container port (`port` = the
 * container port, its name and protocol; `targetPort` left to Kubernetes, which makes it `port`).
 */
export function companionService(name: string, podPorts: readonly PortProps[]): ServiceBuilder {
  const ports = podPorts.map((p): ServicePortProps => {
    // written key by key: spreading a condition inside a literal takes V8's slow path
    const port: Writable<ServicePortProps> = p.name === undefined ? { port: p.containerPort } : { name: p.name, port: p.containerPort };
    if (p.protocol !== undefined) port.protocol = p.protocol;
    port.forContainerPort = p;
    return port;
  });
  return new ServiceBuilder(serviceProps(name, ports, podPorts));
}

/** A Service's props with all their keys (see {@link AllKeys}). */
function serviceProps(name: string, ports: readonly ServicePortProps[], podPorts: readonly PortProps[] | undefined): ServiceProps {
  return {
    metadata: startMetadata(name), ports, selector: undefined, type: undefined, clusterIP: undefined, externalName: undefined, podPorts, fields: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<ServiceProps>;
}

/** An ExternalName: a DNS-1123 subdomain, with an optional trailing "." (fully qualified). */
const externalName: Rule = {
  expected: 'a DNS name such as "db.example.com" (a DNS-1123 subdomain), optionally ending in "."',
  test: (v) => typeof v === "string" && dnsSubdomain.test(v.replace(/\.$/, "")),
};

/**
 * Starts a Service named `name` (a DNS-1123 label: it becomes a DNS name; servers before Kubernetes 1.36 also
 * want it to start with a letter).
 * @example service("web").selecting(web).port("http", 80, { targetPort: "http" })
 */
export function service(name: string): ServiceBuilder {
  return new ServiceBuilder(serviceProps(name, [], undefined));
}

const SERVICE_TYPE = emptyOr(oneOf(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]));
const TARGET_PORT_NAME = emptyOr(portName);
const PORT_OR_ZERO = integerBetween(0, 65535);
const PROTOCOL = oneOf(["TCP", "UDP", "SCTP"]);

function emitService(p: ServiceProps, problems: Problems): ServiceManifest {
  // a DNS-1123 label since Kubernetes 1.36 (RelaxedServiceNameValidation); a DNS-1035 label before
  const metadata = emitMetadata(p.metadata, dnsLabel, problems);
  const spec: V1ServiceSpec = {};
  const type = p.type || "ClusterIP";
  if (p.type !== undefined) problems.check("spec.type", p.type, SERVICE_TYPE);
  if (p.selector) spec.selector = emitLabels(p.selector, "spec.selector", problems);
  if (p.ports.length > 0) spec.ports = emitPorts(p.ports, type, p.podPorts, problems);
  else if (type !== "ExternalName" && p.clusterIP !== "None") problems.add("spec.ports", "at least one port (only headless and ExternalName Services may have none)", []);
  if (p.type !== undefined) spec.type = p.type;
  if (p.clusterIP !== undefined) {
    if (type !== "ClusterIP") problems.add("spec.clusterIP", `nothing: a ${type} Service can't be headless`, p.clusterIP);
    spec.clusterIP = p.clusterIP;
  }
  if (p.externalName !== undefined) {
    problems.check("spec.externalName", p.externalName, externalName);
    spec.externalName = p.externalName;
  } else if (type === "ExternalName") problems.add("spec.externalName", 'the DNS name an ExternalName Service aliases: call .externalName()', undefined);
  if (p.fields) emitServiceFields(p.fields, type, spec, problems);
  return { apiVersion: "v1", kind: "Service", metadata, spec };
}

function emitPorts(ports: readonly ServicePortProps[], type: ServiceType, podPorts: readonly PortProps[] | undefined, problems: Problems): V1ServicePort[] {
  const names = new Set<string>();
  const numbers = new Set<string>();
  const nodePorts = new Set<string>();
  return ports.map((port, i) => {
    const at = `spec.ports[${i}]`;
    const out = {} as V1ServicePort;
    // "" is no name, as on the API server
    if (port.name !== undefined) out.name = port.name;
    if (port.name) {
      if (problems.checkField(at, "name", port.name, dnsLabel) && names.has(port.name)) problems.add(`${at}.name`, "a name no other port of the Service has", port.name);
      names.add(port.name);
    } else if (ports.length > 1) {
      problems.add(`${at}.name`, "a name: every port of a Service with several ports needs one", undefined);
    }
    if (problems.checkField(at, "port", port.port, portNumber)) {
      const key = `${port.port}/${port.protocol ?? "TCP"}`;
      if (numbers.has(key)) problems.add(`${at}.port`, "a port number and protocol no other port of the Service has", port.port);
      numbers.add(key);
    }
    out.port = port.port;
    const { targetPort } = port;
    if (targetPort !== undefined) {
      // 0 and "" stand for `port`, as Kubernetes defaults them
      if (typeof targetPort === "string") {
        const podPortNames = podPorts?.flatMap((p) => (p.name === undefined ? [] : [p.name]));
        if (problems.checkField(at, "targetPort", targetPort, TARGET_PORT_NAME) && targetPort !== "" && podPortNames && !podPortNames.includes(targetPort)) {
          problems.add(`${at}.targetPort`, `a port number, or the name of one of the pods' container ports (${JSON.stringify(podPortNames)})`, targetPort);
        }
      } else problems.checkField(at, "targetPort", targetPort, PORT_OR_ZERO);
      out.targetPort = targetPort;
    }
    if (port.protocol !== undefined) {
      problems.checkField(at, "protocol", port.protocol, PROTOCOL);
      out.protocol = port.protocol;
    }
    if (port.nodePort !== undefined) {
      if (type !== "NodePort" && type !== "LoadBalancer") problems.add(`${at}.nodePort`, "nothing unless the Service type is NodePort or LoadBalancer", port.nodePort);
      // 0 asks Kubernetes to pick one
      if (problems.checkField(at, "nodePort", port.nodePort, PORT_OR_ZERO) && port.nodePort !== 0) {
        const key = `${port.nodePort}/${port.protocol ?? "TCP"}`;
        if (nodePorts.has(key)) problems.add(`${at}.nodePort`, "a node port and protocol no other port of the Service has", port.nodePort);
        nodePorts.add(key);
      }
      out.nodePort = port.nodePort;
    }
    if (port.appProtocol !== undefined) {
      problems.checkField(at, "appProtocol", port.appProtocol, qualifiedName);
      out.appProtocol = port.appProtocol;
    }
    return out;
  });
}
