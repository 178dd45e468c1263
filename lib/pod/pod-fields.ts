import type { V1Container, V1HostAlias, V1PodDNSConfig, V1PodSpec, V1TopologySpreadConstraint } from "@kubernetes/client-node";
import { emitResources, quantityOf, type Resources } from "./container.js";
import { milli, type Quantity } from "../values/quantity.js";
import { pathOf, type Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { emitLabelSelector, type LabelSelector } from "../kinds/label-selector.js";
import { ipAddress } from "../values/ip.js";
import type { Rule } from "../internal/errors.js";
import { boolean, dnsLabel, dnsSubdomain, emptyOr, integerAtLeast, nonEmptyString, oneOf, qualifiedName } from "../validation/rules.js";

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

/** The operating systems a pod can name in `spec.os.name`. */
export type PodOS = "linux" | "windows";

/**
 * The resources a pod-level request or limit (`spec.resources`) can name: Kubernetes 1.36 takes only `cpu`, `memory`
 * and huge pages there.
 */
export interface PodResources {
  readonly cpu?: Quantity;
  readonly memory?: Quantity;
  readonly [hugePages: `hugepages-${string}`]: Quantity | undefined;
}

/** `spec.resources`: the pod's requests and limits, shared by its containers. */
export interface PodResourceRequirements {
  readonly requests?: PodResources;
  readonly limits?: PodResources;
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
  readonly os?: PodOS;
  readonly schedulingGates?: readonly string[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly setHostnameAsFQDN?: boolean;
  readonly hostUsers?: boolean;
  readonly resources?: PodResourceRequirements;
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
  for (const flag of ["hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "enableServiceLinks", "setHostnameAsFQDN", "hostUsers"] as const) {
    const value = fields[flag];
    if (value === undefined) continue;
    problems.checkField(path, flag, value, boolean);
    spec[flag] = value;
  }
  if (fields.shareProcessNamespace && fields.hostPID) problems.add(pathOf(path, "shareProcessNamespace"), "false or nothing when hostPID is true (they can't both be)", true);
  if (fields.hostUsers === false) {
    // a pod in its own user namespace shares none of the node's
    for (const flag of ["hostNetwork", "hostPID", "hostIPC"] as const) {
      if (fields[flag]) problems.add(pathOf(path, flag), "false or nothing when hostUsers is false (a pod in its own user namespace uses none of the node's namespaces)", true);
    }
  }
  for (const name of ["hostname", "subdomain"] as const) {
    const value = fields[name];
    if (value === undefined) continue;
    problems.checkField(path, name, value, emptyOr(dnsLabel));
    spec[name] = value;
  }
  if (runtimeClassName !== undefined) {
    problems.checkField(path, "runtimeClassName", runtimeClassName, dnsSubdomain);
    spec.runtimeClassName = runtimeClassName;
  }
  if (fields.os !== undefined) {
    problems.checkField(path, "os.name", fields.os, oneOf(["linux", "windows"]));
    spec.os = { name: fields.os };
  }
  if (fields.readinessGates) {
    spec.readinessGates = fields.readinessGates.map((conditionType, i) => {
      problems.check(`${pathOf(path, "readinessGates")}[${i}].conditionType`, conditionType, qualifiedName);
      return { conditionType };
    });
  }
  if (fields.resources) spec.resources = emitPodResources(fields.resources, spec, path, problems);
  if (fields.schedulingGates) {
    const seen = new Set<string>();
    spec.schedulingGates = fields.schedulingGates.map((name, i) => {
      const at = `${pathOf(path, "schedulingGates")}[${i}].name`;
      if (problems.check(at, name, qualifiedName) && seen.has(name)) problems.add(at, "a name no other scheduling gate of the pod has", name);
      seen.add(name);
      return { name };
    });
  }
}

// the securityContext fields the API server forbids on a Windows pod: Linux-only (`sysctls` only when not empty)
const LINUX_POD_SECURITY = [
  "appArmorProfile", "seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy", "runAsUser", "runAsGroup", "supplementalGroups",
  "supplementalGroupsPolicy", "seLinuxChangePolicy",
] as const;
const LINUX_CONTAINER_SECURITY = [
  "appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities", "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount",
  "runAsUser", "runAsGroup",
] as const;
const NOT_ON_WINDOWS = "nothing on a Windows pod (os.name: windows): a Linux-only field";
const NOT_ON_LINUX = "nothing on a Linux pod (os.name: linux): Windows options";

/**
 * The API server's checks of the pod `spec` (at `path`) against its `os.name`: a container's stop signal needs an OS
 * (and on Windows is `SIGKILL` or `SIGTERM`); a Windows pod has no Linux-only fields, a Linux pod no `windowsOptions`.
 */
export function checkPodOS(spec: V1PodSpec, path: string, problems: Problems): void {
  const os = spec.os?.name;
  const security = spec.securityContext;
  if (os === "linux" && security?.windowsOptions !== undefined) problems.add(`${path}.securityContext.windowsOptions`, NOT_ON_LINUX, security.windowsOptions);
  if (os === "windows") {
    if (spec.shareProcessNamespace !== undefined) problems.add(pathOf(path, "shareProcessNamespace"), NOT_ON_WINDOWS, spec.shareProcessNamespace);
    if (spec.hostUsers !== undefined) problems.add(pathOf(path, "hostUsers"), NOT_ON_WINDOWS, spec.hostUsers);
    if (spec.resources !== undefined) problems.add(pathOf(path, "resources"), "nothing on a Windows pod (os.name: windows): pod-level resources are Linux-only", spec.resources);
    if (security) checkLinuxOnly(security, LINUX_POD_SECURITY, `${path}.securityContext`, problems);
    if (security?.sysctls?.length) problems.add(`${path}.securityContext.sysctls`, NOT_ON_WINDOWS, security.sysctls);
  }
  if (spec.initContainers) checkContainersOS(spec.initContainers, `${path}.initContainers`, os, problems);
  checkContainersOS(spec.containers, `${path}.containers`, os, problems);
}

/** {@link checkPodOS} for the containers `list` (at `listPath`). */
function checkContainersOS(list: readonly V1Container[], listPath: string, os: string | undefined, problems: Problems): void {
  for (let i = 0; i < list.length; i++) {
    const { lifecycle, securityContext } = list[i]!;
    const signal = lifecycle?.stopSignal;
    if (signal !== undefined) {
      if (os === undefined) problems.add(`${listPath}[${i}].lifecycle.stopSignal`, 'a pod that names its OS: call .os("linux") or .os("windows") on the workload (Kubernetes requires spec.os.name with a stop signal)', signal);
      else if (os === "windows" && signal !== "SIGKILL" && signal !== "SIGTERM") problems.add(`${listPath}[${i}].lifecycle.stopSignal`, '"SIGKILL" or "SIGTERM": a Windows pod has no other stop signal', signal);
    }
    if (!securityContext || os === undefined) continue;
    if (os === "linux" && securityContext.windowsOptions !== undefined) problems.add(`${listPath}[${i}].securityContext.windowsOptions`, NOT_ON_LINUX, securityContext.windowsOptions);
    if (os === "windows") checkLinuxOnly(securityContext, LINUX_CONTAINER_SECURITY, `${listPath}[${i}].securityContext`, problems);
  }
}

/** On a Windows pod: the Linux-only `fields` of a securityContext (`context`, at `path`) are not set. */
function checkLinuxOnly(context: object, fields: readonly string[], path: string, problems: Problems): void {
  const values = context as Record<string, unknown>;
  for (const field of fields) {
    if (values[field] !== undefined) problems.add(`${path}.${field}`, NOT_ON_WINDOWS, values[field]);
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

const isPodResource = (resource: string) => resource === "cpu" || resource === "memory" || resource.startsWith("hugepages-");

/**
 * Writes the pod's `resources` (of the pod spec at `specPath`), checking them as the API server does: only cpu, memory and huge pages,
 * each list as a container's, and against the containers (of `spec`, already written): the pod's request of a resource
 * at least the containers' aggregate one, each container's limit at most the pod's.
 */
function emitPodResources(resources: PodResourceRequirements, spec: V1PodSpec, specPath: string, problems: Problems): V1PodSpec["resources"] {
  const path = pathOf(specPath, "resources");
  checkFields(resources, ["requests", "limits"], "a pod's resources", path, problems);
  const lists: { requests?: Resources; limits?: Resources } = {};
  for (const list of ["requests", "limits"] as const) {
    const given = resources[list] as Record<string, Quantity | undefined> | undefined;
    if (given === undefined) continue;
    for (const key in given) {
      if (!isPodResource(key)) problems.add(`${path}.${list}`, 'resource names cpu, memory or "hugepages-<size>": a pod-level request or limit names no other', key);
    }
    lists[list] = given as Resources;
  }
  const out = emitResources(lists, path, problems);
  const requests = out.requests ?? {};
  const limits = out.limits ?? {};
  for (const resource of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    const request = requests[resource] === undefined ? undefined : quantityOf(requests[resource]);
    const limit = limits[resource] === undefined ? undefined : quantityOf(limits[resource]);
    const aggregate = aggregateRequest(spec, resource);
    if (aggregate !== undefined) {
      // the API server defaults a pod's missing request to the containers' aggregate one, and checks it against the limit
      const expected = `a quantity >= the containers' aggregate request (${resource === "cpu" ? `${aggregate}m cpu` : `${aggregate} bytes`})`;
      if (request !== undefined && amount(resource, request) < aggregate) problems.add(`${path}.requests.${resource}`, expected, requests[resource]);
      if (request === undefined && limit !== undefined && amount(resource, limit) < aggregate) problems.add(`${path}.limits.${resource}`, expected, limits[resource]);
    }
    if (limit === undefined) continue;
    for (const list of ["initContainers", "containers"] as const) {
      spec[list]?.forEach((c, i) => {
        const own = c.resources?.limits?.[resource];
        const value = own === undefined ? undefined : quantityOf(own);
        if (value !== undefined && amount(resource, value) > amount(resource, limit)) problems.add(`${pathOf(specPath, list)}[${i}].resources.limits.${resource}`, `a quantity <= the pod's limit ${JSON.stringify(limits[resource])}`, own);
      });
    }
  }
  return out;
}

/** A quantity as the API server compares it: cpu in whole millicores, rounded up. */
const amount = (resource: string, value: number) => (resource === "cpu" ? milli(value) : value);

/**
 * The containers' aggregate request of `resource` (a container's limit when it requests none), as the API server
 * sums it: the containers and sidecars together, or an init container with the sidecars started before it if more.
 * `undefined` when no container asks for it.
 */
function aggregateRequest(spec: V1PodSpec, resource: string): number | undefined {
  let asked = false;
  const of = (c: V1Container) => {
    const text = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
    const value = text === undefined ? undefined : quantityOf(text);
    if (value === undefined) return 0;
    asked = true;
    return amount(resource, value);
  };
  let sidecars = 0;
  let initPeak = 0;
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === "Always") sidecars += of(c);
    else initPeak = Math.max(initPeak, of(c) + sidecars);
  }
  let running = sidecars;
  for (const c of spec.containers) running += of(c);
  return asked ? Math.max(running, initPeak) : undefined;
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
