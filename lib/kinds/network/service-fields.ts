import type { V1ServiceSpec } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import { cidr, endpointAddress } from "../../values/ip.js";
import { boolean, emptyOr, integerBetween, oneOf, qualifiedName } from "../../validation/rules.js";

/** Which IP families a Service has, and in which order. */
export type IpFamily = "IPv4" | "IPv6";

/** Whether a Service is single-stack or dual-stack. */
export type IpFamilyPolicy = "SingleStack" | "PreferDualStack" | "RequireDualStack";

/** Whether traffic stays on the node it arrived at (`Local`, keeping the client's address) or goes to any pod (`Cluster`). */
export type TrafficPolicy = "Cluster" | "Local";

/** The Service spec fields beyond ports, selector and type, set through the ServiceBuilder's methods. */
export interface ServiceFields {
  readonly sessionAffinity?: "None" | "ClientIP";
  readonly sessionAffinityTimeoutSeconds?: number;
  readonly externalTrafficPolicy?: TrafficPolicy;
  readonly internalTrafficPolicy?: TrafficPolicy;
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly loadBalancerClass?: string;
  readonly ipFamilies?: readonly IpFamily[];
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  readonly publishNotReadyAddresses?: boolean;
  readonly externalIPs?: readonly string[];
}

/** Writes the {@link ServiceFields} into `spec` for a Service of `type`, checking them as the API server does. */
export function emitServiceFields(f: ServiceFields, type: string, spec: V1ServiceSpec, problems: Problems): void {
  const loadBalancer = type === "LoadBalancer";
  const external = type === "NodePort" || loadBalancer;
  if (f.sessionAffinity !== undefined) {
    problems.check("spec.sessionAffinity", f.sessionAffinity, emptyOr(oneOf(["None", "ClientIP"])));
    spec.sessionAffinity = f.sessionAffinity;
  }
  if (f.sessionAffinityTimeoutSeconds !== undefined) {
    problems.check("spec.sessionAffinityConfig.clientIP.timeoutSeconds", f.sessionAffinityTimeoutSeconds, integerBetween(1, 86400));
    if (f.sessionAffinity !== "ClientIP") problems.add("spec.sessionAffinityConfig", 'nothing unless sessionAffinity is "ClientIP"', f.sessionAffinityTimeoutSeconds);
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: f.sessionAffinityTimeoutSeconds } };
  }
  if (f.externalTrafficPolicy !== undefined) {
    problems.check("spec.externalTrafficPolicy", f.externalTrafficPolicy, oneOf(["Cluster", "Local"]));
    if (!external) problems.add("spec.externalTrafficPolicy", "nothing unless the Service type is NodePort or LoadBalancer", f.externalTrafficPolicy);
    spec.externalTrafficPolicy = f.externalTrafficPolicy;
  }
  if (f.internalTrafficPolicy !== undefined) {
    problems.check("spec.internalTrafficPolicy", f.internalTrafficPolicy, oneOf(["Cluster", "Local"]));
    spec.internalTrafficPolicy = f.internalTrafficPolicy;
  }
  if (f.loadBalancerSourceRanges) {
    if (!loadBalancer) problems.add("spec.loadBalancerSourceRanges", "nothing unless the Service type is LoadBalancer", f.loadBalancerSourceRanges);
    // the API server trims spaces around each range
    f.loadBalancerSourceRanges.forEach((range, i) => problems.check(`spec.loadBalancerSourceRanges[${i}]`, typeof range === "string" ? range.trim() : range, cidr));
    spec.loadBalancerSourceRanges = [...f.loadBalancerSourceRanges];
  }
  if (f.loadBalancerClass !== undefined) {
    if (!loadBalancer) problems.add("spec.loadBalancerClass", "nothing unless the Service type is LoadBalancer", f.loadBalancerClass);
    problems.check("spec.loadBalancerClass", f.loadBalancerClass, qualifiedName);
    spec.loadBalancerClass = f.loadBalancerClass;
  }
  if (f.ipFamilyPolicy !== undefined) {
    problems.check("spec.ipFamilyPolicy", f.ipFamilyPolicy, oneOf(["SingleStack", "PreferDualStack", "RequireDualStack"]));
    spec.ipFamilyPolicy = f.ipFamilyPolicy;
  }
  if (f.ipFamilies) {
    f.ipFamilies.forEach((family, i) => problems.check(`spec.ipFamilies[${i}]`, family, oneOf(["IPv4", "IPv6"])));
    if (f.ipFamilies.length > 2 || new Set(f.ipFamilies).size !== f.ipFamilies.length) problems.add("spec.ipFamilies", "one or two different families", f.ipFamilies);
    if (f.ipFamilies.length === 2 && f.ipFamilyPolicy === "SingleStack") problems.add("spec.ipFamilies", 'one family when ipFamilyPolicy is "SingleStack"', f.ipFamilies);
    spec.ipFamilies = [...f.ipFamilies];
  }
  if (f.publishNotReadyAddresses !== undefined) {
    problems.check("spec.publishNotReadyAddresses", f.publishNotReadyAddresses, boolean);
    spec.publishNotReadyAddresses = f.publishNotReadyAddresses;
  }
  if (f.externalIPs) {
    f.externalIPs.forEach((ip, i) => problems.check(`spec.externalIPs[${i}]`, ip, endpointAddress));
    spec.externalIPs = [...f.externalIPs];
  }
}
