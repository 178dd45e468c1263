import type { V1HostAlias, V1PodDNSConfig, V1PodSpec, V1TopologySpreadConstraint } from "@kubernetes/client-node";
import { pathOf, type Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { emitLabelSelector, type LabelSelector } from "../kinds/label-selector.js";
import { ipAddress } from "../values/ip.js";
import type { Rule } from "../internal/errors.js";
import { boolean, dnsSubdomain, emptyOr, integerAtLeast, nonEmptyString, oneOf, qualifiedName } from "../validation/rules.js";

/** How a pod resolves names: through the cluster DNS (the default), the node's, or only its `dnsConfig`. */
export type DnsPolicy = "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None";

/** `spec.dnsConfig`: name servers, search domains and resolver options added to (or, with `dnsPolicy: None`, making) the pod's. */
export interface DnsConfig {
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

/** A `/etc/hosts` entry: `ip` and its host names. */
export interface HostAlias {
  readonly ip: string;
  readonly hostnames: readonly string[];
}

/** How pods spread over a topology (zones, nodes): at most `maxSkew` more in one domain than in another. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  /** A node label, e.g. `"topology.kubernetes.io/zone"`, `"kubernetes.io/hostname"`. */
  readonly topologyKey: string;
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  /** The pods counted: usually the workload's own (`{ matchLabels: … }`). */
  readonly labelSelector?: LabelSelector;
  /** Only with `DoNotSchedule`. */
  readonly minDomains?: number;
  readonly matchLabelKeys?: readonly string[];
  readonly nodeAffinityPolicy?: "Honor" | "Ignore";
  readonly nodeTaintsPolicy?: "Honor" | "Ignore";
}

/** The pod spec fields set through the workload methods of this file's {@link PodFields}. */
export interface PodFields {
  readonly priorityClassName?: string;
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  readonly dnsPolicy?: DnsPolicy;
  readonly dnsConfig?: DnsConfig;
  readonly hostAliases?: readonly HostAlias[];
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly runtimeClassName?: string;
  readonly shareProcessNamespace?: boolean;
  readonly enableServiceLinks?: boolean;
  readonly readinessGates?: readonly string[];
}

const SPREAD_FIELDS = ["maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains", "matchLabelKeys", "nodeAffinityPolicy", "nodeTaintsPolicy"];

/** Writes the {@link PodFields} into `spec` (at `path`, e.g. `spec.template.spec`), checking them as the API server does. */
export function emitPodFields(fields: PodFields, spec: V1PodSpec, path: string, problems: Problems): void {
  const { priorityClassName, dnsPolicy, dnsConfig, runtimeClassName } = fields;
  if (priorityClassName !== undefined) {
    problems.checkField(path, "priorityClassName", priorityClassName, dnsSubdomain);
    spec.priorityClassName = priorityClassName;
  }
  if (fields.topologySpreadConstraints) {
    const pairs = new Set<string>();
    spec.topologySpreadConstraints = fields.topologySpreadConstraints.map((c, i) => {
      const spreadAt = `${pathOf(path, "topologySpreadConstraints")}[${i}]`;
      // the API server keys constraints by topology key and policy
      const pair = JSON.stringify([c.topologyKey, c.whenUnsatisfiable]);
      if (pairs.has(pair)) problems.add(spreadAt, "a topologyKey and whenUnsatisfiable pair no other constraint has", { topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable });
      pairs.add(pair);
      return emitSpread(c, spreadAt, problems);
    });
  }
  if (dnsPolicy !== undefined) {
    // "" is the server's default, ClusterFirst
    problems.checkField(path, "dnsPolicy", dnsPolicy, emptyOr(oneOf(["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"])));
    if (dnsPolicy === "None" && !dnsConfig?.nameservers?.length) problems.add(pathOf(path, "dnsConfig.nameservers"), 'at least one name server when dnsPolicy is "None"', dnsConfig?.nameservers);
    spec.dnsPolicy = dnsPolicy;
  }
  if (dnsConfig) spec.dnsConfig = emitDnsConfig(dnsConfig, pathOf(path, "dnsConfig"), problems);
  if (fields.hostAliases) {
    spec.hostAliases = fields.hostAliases.map((alias, i): V1HostAlias => {
      const aliasPath = `${pathOf(path, "hostAliases")}[${i}]`;
      problems.check(`${aliasPath}.ip`, alias.ip, ipAddress);
      alias.hostnames.forEach((h, j) => problems.check(`${aliasPath}.hostnames[${j}]`, h, dnsSubdomain));
      return { ip: alias.ip, hostnames: [...alias.hostnames] };
    });
  }
  for (const flag of ["hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "enableServiceLinks"] as const) {
    const value = fields[flag];
    if (value === undefined) continue;
    problems.checkField(path, flag, value, boolean);
    spec[flag] = value;
  }
  if (fields.shareProcessNamespace && fields.hostPID) problems.add(pathOf(path, "shareProcessNamespace"), "false or nothing when hostPID is true (they can't both be)", true);
  if (runtimeClassName !== undefined) {
    problems.checkField(path, "runtimeClassName", runtimeClassName, dnsSubdomain);
    spec.runtimeClassName = runtimeClassName;
  }
  if (fields.readinessGates) {
    spec.readinessGates = fields.readinessGates.map((conditionType, i) => {
      problems.check(`${pathOf(path, "readinessGates")}[${i}].conditionType`, conditionType, qualifiedName);
      return { conditionType };
    });
  }
}

function emitSpread(c: TopologySpreadConstraint, path: string, problems: Problems): V1TopologySpreadConstraint {
  checkFields(c, SPREAD_FIELDS, "a topology spread constraint", path, problems);
  problems.check(`${path}.maxSkew`, c.maxSkew, integerAtLeast(1));
  problems.check(`${path}.topologyKey`, c.topologyKey, qualifiedName);
  problems.check(`${path}.whenUnsatisfiable`, c.whenUnsatisfiable, oneOf(["DoNotSchedule", "ScheduleAnyway"]));
  const out: V1TopologySpreadConstraint = { maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable };
  if (c.labelSelector) out.labelSelector = emitLabelSelector(c.labelSelector, `${path}.labelSelector`, problems);
  if (c.minDomains !== undefined) {
    problems.check(`${path}.minDomains`, c.minDomains, integerAtLeast(1));
    if (c.whenUnsatisfiable !== "DoNotSchedule") problems.add(`${path}.minDomains`, 'nothing unless whenUnsatisfiable is "DoNotSchedule"', c.minDomains);
    out.minDomains = c.minDomains;
  }
  if (c.matchLabelKeys) {
    c.matchLabelKeys.forEach((key, i) => problems.check(`${path}.matchLabelKeys[${i}]`, key, qualifiedName));
    out.matchLabelKeys = [...c.matchLabelKeys];
  }
  for (const policy of ["nodeAffinityPolicy", "nodeTaintsPolicy"] as const) {
    if (c[policy] === undefined) continue;
    problems.check(`${path}.${policy}`, c[policy], oneOf(["Honor", "Ignore"]));
    out[policy] = c[policy];
  }
  return out;
}

const SEARCH_DOMAIN = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/** A DNS search domain as the API server checks it: a lowercase subdomain whose parts may have "_" (and start with one), a final "." allowed. */
const searchDomain: Rule = {
  expected: 'a search domain (at most 253 lowercase letters, digits, "-", "_" or ".", each dot-separated part starting and ending with a letter or digit, or starting with "_"; a final "." allowed)',
  test: (v) => typeof v === "string" && v.replace(/\.$/, "").length <= 253 && SEARCH_DOMAIN.test(v.replace(/\.$/, "")),
};

function emitDnsConfig(config: DnsConfig, path: string, problems: Problems): V1PodDNSConfig {
  checkFields(config, ["nameservers", "searches", "options"], "a dnsConfig", path, problems);
  const out: V1PodDNSConfig = {};
  if (config.nameservers) {
    if (config.nameservers.length > 3) problems.add(`${path}.nameservers`, "at most 3 name servers", config.nameservers);
    config.nameservers.forEach((ns, i) => problems.check(`${path}.nameservers[${i}]`, ns, ipAddress));
    out.nameservers = [...config.nameservers];
  }
  if (config.searches) {
    if (config.searches.length > 32) problems.add(`${path}.searches`, "at most 32 search domains", config.searches.length);
    config.searches.forEach((s, i) => problems.check(`${path}.searches[${i}]`, s, searchDomain));
    out.searches = [...config.searches];
  }
  if (config.options) {
    out.options = config.options.map((o, i) => {
      problems.check(`${path}.options[${i}].name`, o.name, nonEmptyString);
      return o.value === undefined ? { name: o.name } : { name: o.name, value: o.value };
    });
  }
  return out;
}
