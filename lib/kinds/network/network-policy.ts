import type { V1NetworkPolicy, V1NetworkPolicyEgressRule, V1NetworkPolicyIngressRule, V1NetworkPolicyPeer, V1NetworkPolicyPort, V1NetworkPolicySpec } from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems } from "../../internal/errors.js";
import { cidr, isIPv4 } from "../../values/ip.js";
import { checkFields } from "../../internal/fields.js";
import { emitLabelSelector, isPodSelectable, selectorOf, type LabelSelector, type PodSelectable } from "../label-selector.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import type { Protocol } from "../../pod/container.js";
import { dnsSubdomain, oneOf, portName, portNumber } from "../../validation/rules.js";
import { PiceliValidationError } from "../../internal/errors.js";
import { ServiceBuilder } from "./service.js";

/**
 * An ingress rule with its peers under `from` (client-node's class calls it `_from` and renames it when it serializes;
 * piceli's manifests are the YAML's shape).
 */
export type NetworkPolicyIngressRule = Omit<V1NetworkPolicyIngressRule, "_from"> & { from?: V1NetworkPolicyPeer[] };

/** A NetworkPolicy's `spec`, with ingress rules as {@link NetworkPolicyIngressRule}. */
export type NetworkPolicySpec = Omit<V1NetworkPolicySpec, "ingress"> & { ingress?: NetworkPolicyIngressRule[] };

/** A `networking.k8s.io/v1` NetworkPolicy as piceli builds it. */
export type NetworkPolicyManifest = Omit<V1NetworkPolicy, "spec"> & { apiVersion: "networking.k8s.io/v1"; kind: "NetworkPolicy"; metadata: NamedMetadata; spec: NetworkPolicySpec };

/** A port traffic is allowed on: a number or a port name, or a range (`port` to `endPort`); `protocol` defaults to TCP. */
export type PolicyPort =
  | number
  | string
  | { readonly port?: number | string; readonly protocol?: Protocol; readonly endPort?: never }
  | { readonly port: number; readonly endPort: number; readonly protocol?: Protocol };

/**
 * Who traffic is allowed from or to: pods (of a workload builder in any namespace, or by labels in the policy's
 * namespace), namespaces by labels, pods by labels in namespaces by labels, or an IP range.
 */
export type NetworkPeer =
  | PodSelectable
  | { readonly pods: LabelSelector; readonly namespaces?: LabelSelector }
  | { readonly namespaces: LabelSelector; readonly pods?: LabelSelector }
  | { readonly ipBlock: string; readonly except?: readonly string[] };

/** The options of an allowing rule. */
export interface AllowOptions {
  /** `ports`: only these ports. @default every port */
  readonly ports?: readonly PolicyPort[];
}

/** The direction of traffic a policy restricts. */
export type PolicyType = "Ingress" | "Egress";

type PeerProps =
  | { readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector; readonly namespace?: string }
  | { readonly ipBlock: { readonly cidr: string; readonly except?: readonly string[] } };

interface RuleProps {
  readonly peers: readonly PeerProps[];
  readonly ports: readonly PolicyPort[];
}

interface NetworkPolicyProps extends ObjectProps {
  readonly podSelector: LabelSelector;
  readonly ingress: readonly RuleProps[];
  readonly egress: readonly RuleProps[];
  readonly policyTypes: readonly PolicyType[];
}

/**
 * An immutable builder of a `networking.k8s.io/v1` NetworkPolicy: once a pod is selected by a policy of a
 * direction, only the traffic some policy allows reaches (or leaves) it.
 */
export class NetworkPolicyBuilder extends ObjectBuilder<NetworkPolicyProps> {
  protected readonly kindName = "NetworkPolicy";

  /** @internal Use {@link networkPolicy}. */
  constructor(props: NetworkPolicyProps) {
    super(props);
  }

  protected with(p: NetworkPolicyProps, metadata = p.metadata): this {
    return new NetworkPolicyBuilder({
      metadata, podSelector: p.podSelector, ingress: p.ingress, egress: p.egress, policyTypes: p.policyTypes, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<NetworkPolicyProps>) as this;
  }

  /** Sets `spec.podSelector`: the pods the policy applies to (a workload builder's pods, or a label selector). @default every pod of the namespace */
  selecting(target: PodSelectable | LabelSelector): this {
    return this.with({ ...this.props, podSelector: selectorOf(target) });
  }

  /**
   * Adds a `spec.ingress` rule: traffic from these peers (all of them when none are given) may reach the pods.
   * @example networkPolicy("db").selecting(db).allowFrom([api], { ports: [5432] })
   */
  allowFrom(peers: readonly NetworkPeer[], options: AllowOptions = {}): this {
    return this.#withRule("ingress", peers, options.ports ?? []);
  }

  /**
   * Adds a `spec.egress` rule: the pods may send traffic to these peers (anywhere when none are given), or to a
   * Service's pods on its target ports.
   * @example networkPolicy("api").selecting(api).allowTo([dbService]).allowTo([namespaces({ "kubernetes.io/metadata.name": "kube-system" })], { ports: [53, { port: 53, protocol: "UDP" }] })
   */
  allowTo(peers: readonly (NetworkPeer | ServiceBuilder)[], options: AllowOptions = {}): this {
    const services = peers.filter((p): p is ServiceBuilder => p instanceof ServiceBuilder);
    const others = peers.filter((p) => !(p instanceof ServiceBuilder)) as NetworkPeer[];
    let out = others.length > 0 || services.length === 0 ? this.#withRule("egress", others, options.ports ?? []) : this;
    for (const svc of services) out = out.#withRule("egress", [this.#servicePeer(svc)], options.ports ?? servicePorts(svc));
    return out;
  }

  /** Adds `Ingress` to `spec.policyTypes`: with no `allowFrom` rule, no traffic reaches the pods. */
  denyIngress(): this {
    return this.#withType("Ingress");
  }

  /** Adds `Egress` to `spec.policyTypes`: with no `allowTo` rule, the pods can send no traffic (DNS included). */
  denyEgress(): this {
    return this.#withType("Egress");
  }

  /** Returns a fresh `NetworkPolicyManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): NetworkPolicyManifest {
    return this.checked(emitNetworkPolicy);
  }

  #withRule(direction: "ingress" | "egress", peers: readonly NetworkPeer[], ports: readonly PolicyPort[]): this {
    const rule = { peers: peers.map(peerProps), ports: ports.map((p) => (typeof p === "object" ? { ...p } : p)) };
    const next = this.with({ ...this.props, [direction]: [...this.props[direction], rule] });
    return next.#withType(direction === "ingress" ? "Ingress" : "Egress");
  }

  #withType(type: PolicyType): this {
    return this.props.policyTypes.includes(type) ? this : this.with({ ...this.props, policyTypes: [...this.props.policyTypes, type] });
  }

  #servicePeer(svc: ServiceBuilder): NetworkPeer {
    const labels = svc.podSelector;
    if (!labels) throw new PiceliValidationError(this.describe(), [{ path: "spec.egress", expected: `a Service that selects pods (${svc.name} has no selector)`, received: svc.name }]);
    return svc.namespaceName === undefined ? { pods: { matchLabels: labels } } : { pods: { matchLabels: labels }, namespaces: namespaceLabels(svc.namespaceName) };
  }
}

/**
 * Starts a NetworkPolicy named `name`. Select its pods with `.selecting()`, then allow traffic with
 * `.allowFrom()` and `.allowTo()`; everything else of the directions it restricts is denied.
 * @example networkPolicy("web").selecting(web).allowFrom([namespaces({ "kubernetes.io/metadata.name": "ingress-nginx" })], { ports: [8080] })
 */
export function networkPolicy(name: string): NetworkPolicyBuilder {
  return new NetworkPolicyBuilder({ metadata: startMetadata(name), podSelector: {}, ingress: [], egress: [], policyTypes: [], [PATCHES]: undefined } satisfies AllKeys<NetworkPolicyProps>);
}

/**
 * A policy denying all traffic to and from every pod of its namespace (`podSelector: {}`, both policy types, no
 * rules): the usual first policy of a namespace, before others allow what is needed.
 * @example denyAll("default-deny").namespace("shop")
 */
export function denyAll(name: string): NetworkPolicyBuilder {
  return networkPolicy(name).denyIngress().denyEgress();
}

/** A peer: the pods with these labels (in the policy's namespace, or in the namespaces `namespaces` selects). */
export function pods(labels: LabelSelector["matchLabels"], namespaces?: LabelSelector): NetworkPeer {
  return namespaces === undefined ? { pods: { matchLabels: { ...labels } } } : { pods: { matchLabels: { ...labels } }, namespaces };
}

/** A peer: every pod of the namespaces with these labels (`{}`: every namespace). */
export function namespaces(labels: LabelSelector["matchLabels"]): NetworkPeer {
  return { namespaces: { matchLabels: { ...labels } } };
}

/** A peer: the IP addresses of `cidr` (e.g. `"10.0.0.0/8"`) but those of `except`. */
export function ipBlock(cidr: string, ...except: string[]): NetworkPeer {
  return except.length > 0 ? { ipBlock: cidr, except } : { ipBlock: cidr };
}

/** The selector of a namespace by name (the `kubernetes.io/metadata.name` label Kubernetes sets on every Namespace). */
function namespaceLabels(namespace: string): LabelSelector {
  return { matchLabels: { "kubernetes.io/metadata.name": namespace } };
}

function peerProps(peer: NetworkPeer): PeerProps {
  if (isPodSelectable(peer)) {
    const namespace = (peer as { namespaceName?: string }).namespaceName;
    return { podSelector: selectorOf(peer), ...(namespace !== undefined && { namespace }) };
  }
  const p = peer as { pods?: LabelSelector; namespaces?: LabelSelector; ipBlock?: string; except?: readonly string[] };
  if (p.ipBlock !== undefined) return { ipBlock: { cidr: p.ipBlock, ...(p.except && { except: [...p.except] }) } };
  return { ...(p.pods && { podSelector: cloned(p.pods) }), ...(p.namespaces && { namespaceSelector: cloned(p.namespaces) }) } as PeerProps;
}

function servicePorts(svc: ServiceBuilder): PolicyPort[] {
  return svc.ports.map((p) => ({ port: p.targetPort ?? p.port, ...(p.protocol && { protocol: p.protocol }) }));
}

/** Whether the IPv4 CIDR `inner` is not a strict subset of `outer` (IPv6 blocks are left to the API server). */
function isOutsideV4(inner: string, outer: string): boolean {
  const [a, b] = [ipv4Block(inner), ipv4Block(outer)];
  if (!a || !b) return false;
  const block = 2 ** (32 - b.prefix);
  return a.prefix <= b.prefix || Math.floor(a.bits / block) !== Math.floor(b.bits / block);
}

/** An IPv4 CIDR's address bits and prefix length, or `undefined` for an IPv6 one. */
function ipv4Block(block: string): { bits: number; prefix: number } | undefined {
  const [address, prefix] = block.split("/") as [string, string];
  return isIPv4(address) ? { bits: address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0), prefix: Number(prefix) } : undefined;
}

const POLICY_TYPE = oneOf(["Ingress", "Egress"]);
const PROTOCOL = oneOf(["TCP", "UDP", "SCTP"]);

function emitNetworkPolicy(p: NetworkPolicyProps, problems: Problems): NetworkPolicyManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec: NetworkPolicySpec = { podSelector: emitLabelSelector(p.podSelector, "spec.podSelector", problems) };
  p.policyTypes.forEach((t, i) => {
    // the path is written only when it is reported
    if (!POLICY_TYPE.test(t)) problems.check(`spec.policyTypes[${i}]`, t, POLICY_TYPE);
  });
  // Kubernetes' own default, written out: a policy with no rules denies ingress
  spec.policyTypes = p.policyTypes.length > 0 ? [...p.policyTypes] : ["Ingress"];
  const namespace = p.metadata.namespace;
  if (p.ingress.length > 0) spec.ingress = p.ingress.map((r, i) => emitRule(r, "from", `spec.ingress[${i}]`, namespace, problems));
  if (p.egress.length > 0) spec.egress = p.egress.map((r, i) => emitRule(r, "to", `spec.egress[${i}]`, namespace, problems));
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata, spec };
}

function emitRule(rule: RuleProps, peersField: "from" | "to", path: string, namespace: string | undefined, problems: Problems): NetworkPolicyIngressRule & V1NetworkPolicyEgressRule {
  const out: NetworkPolicyIngressRule & V1NetworkPolicyEgressRule = {};
  if (rule.peers.length > 0) out[peersField] = rule.peers.map((peer, i) => emitPeer(peer, `${path}.${peersField}[${i}]`, namespace, problems));
  if (rule.ports.length > 0) out.ports = rule.ports.map((port, i) => emitPort(port, `${path}.ports[${i}]`, problems));
  return out;
}

function emitPeer(peer: PeerProps, path: string, namespace: string | undefined, problems: Problems): V1NetworkPolicyPeer {
  if ("ipBlock" in peer) {
    problems.check(`${path}.ipBlock.cidr`, peer.ipBlock.cidr, cidr);
    peer.ipBlock.except?.forEach((e, i) => {
      if (problems.check(`${path}.ipBlock.except[${i}]`, e, cidr) && cidr.test(peer.ipBlock.cidr) && isOutsideV4(e, peer.ipBlock.cidr)) {
        problems.add(`${path}.ipBlock.except[${i}]`, `a strict subset of cidr (${peer.ipBlock.cidr})`, e);
      }
    });
    return { ipBlock: { cidr: peer.ipBlock.cidr, ...(peer.ipBlock.except && { except: [...peer.ipBlock.except] }) } };
  }
  checkFields(peer, ["podSelector", "namespaceSelector", "namespace"], "a network peer", path, problems);
  const out: V1NetworkPolicyPeer = {};
  if (peer.podSelector) out.podSelector = emitLabelSelector(peer.podSelector, `${path}.podSelector`, problems);
  // a workload in another namespace than the policy's is found by its namespace's name
  const selector = peer.namespaceSelector ?? (peer.namespace !== undefined && peer.namespace !== namespace ? namespaceLabels(peer.namespace) : undefined);
  if (selector) out.namespaceSelector = emitLabelSelector(selector, `${path}.namespaceSelector`, problems);
  if (!out.podSelector && !out.namespaceSelector) problems.add(path, "pods, namespaces or an ipBlock", peer);
  return out;
}

function emitPort(port: PolicyPort, path: string, problems: Problems): V1NetworkPolicyPort {
  const p = typeof port === "object" && port !== null ? port as { port?: number | string; endPort?: number; protocol?: Protocol } : { port };
  checkFields(p, ["port", "endPort", "protocol"], "a NetworkPolicy port", path, problems);
  const out: V1NetworkPolicyPort = {};
  if (p.protocol !== undefined) {
    problems.checkField(path, "protocol", p.protocol, PROTOCOL);
    out.protocol = p.protocol;
  }
  if (p.port !== undefined) {
    problems.checkField(path, "port", p.port, typeof p.port === "string" ? portName : portNumber);
    out.port = p.port as never;
  }
  if (p.endPort !== undefined) {
    if (typeof p.port !== "number") problems.add(`${path}.endPort`, "nothing unless port is a number (a range needs a numeric start)", p.endPort);
    // the rule naming the port is written only when it is broken
    else if (!portNumber.test(p.endPort) || p.endPort < p.port) problems.add(`${path}.endPort`, `an integer from port (${p.port}) to 65535`, p.endPort);
    out.endPort = p.endPort;
  }
  return out;
}
