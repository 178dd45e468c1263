import type { Problems } from "../internal/errors.js";
import { quantity, quantityValue } from "../values/quantity.js";
import { anyString, dnsLabel, labelValue, nonEmptyString, oneOf, portName, portNumber, qualifiedName } from "../validation/rules.js";

/**
 * An edit of a built manifest (the escape hatch): it changes `manifest` in place or returns a replacement. It runs on
 * a fresh copy at every `build()`, after the builder's own checks, and what it returns is checked again.
 */
export type Patch<M> = (manifest: M) => M | void;

/** The manifest type a builder's `build()` returns. */
export type Built<B> = B extends { build(...args: never[]): infer M } ? M : never;

/** Where builders keep their patches in their props (carried along by every method, as props are). */
export const PATCHES = "~patches";

/** Props that may carry patches. */
export interface PatchedProps {
  readonly [PATCHES]?: readonly Patch<unknown>[];
}

/** The restart policies each kind's pods may have after a patch (unset means Kubernetes' default, `Always`). */
const RESTART_POLICIES: Readonly<Record<string, readonly string[]>> = {
  Pod: ["Always", "OnFailure", "Never"],
  Job: ["OnFailure", "Never"],
  CronJob: ["OnFailure", "Never"],
  Deployment: ["Always"],
  StatefulSet: ["Always"],
  DaemonSet: ["Always"],
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Applies `patches` in order to `manifest` (fresh from `build()`), then checks what came out: the identity
 * (`apiVersion`, `kind`, name, namespace) is the builder's, labels and annotations are valid, and a pod's
 * restart policy, containers, resources, ports and a workload's selector follow the rules `build()` enforces.
 */
export function applyPatches<M>(manifest: M, patches: readonly Patch<unknown>[], problems: Problems): M {
  const identity = identityOf(manifest);
  let out: unknown = manifest;
  for (const patch of patches) {
    const returned = patch(out);
    if (returned !== undefined) out = returned;
  }
  if (!isObject(out)) {
    problems.add("(patch)", "a manifest object returned by the patch (or nothing, having changed it in place)", out);
    return manifest;
  }
  checkPatched(out, identity, problems);
  return out as M;
}

function identityOf(manifest: unknown): Json {
  const m = manifest as Json;
  const metadata = (m.metadata ?? {}) as Json;
  return { apiVersion: m.apiVersion, kind: m.kind, "metadata.name": metadata.name, "metadata.namespace": metadata.namespace };
}

function checkPatched(m: Json, identity: Json, problems: Problems): void {
  const now = identityOf(m);
  for (const [field, value] of Object.entries(identity)) {
    if (now[field] !== value) problems.add(field, `${JSON.stringify(value) ?? "nothing"}, as the builder says (a patch can't change an object's identity)`, now[field]);
  }
  const metadata = isObject(m.metadata) ? m.metadata : {};
  checkMap(metadata.labels, "metadata.labels", labelValue, problems);
  checkMap(metadata.annotations, "metadata.annotations", anyString, problems);
  // the builder's kind decides the rules, whatever the patch wrote
  const kind = String(identity.kind);
  const template = podTemplateOf(m, kind);
  if (!template) return;
  const [path, pod] = template;
  checkMap(pod.metadata?.labels, under(path, "metadata.labels"), labelValue, problems);
  checkMap(pod.metadata?.annotations, under(path, "metadata.annotations"), anyString, problems);
  const spec = isObject(pod.spec) ? pod.spec : {};
  const policies = RESTART_POLICIES[kind];
  if (policies && (spec.restartPolicy !== undefined || !policies.includes("Always"))) problems.check(under(path, "spec.restartPolicy"), spec.restartPolicy, oneOf(policies));
  checkContainers(spec, under(path, "spec"), problems);
  const selector = isObject(m.spec) && isObject(m.spec.selector) ? m.spec.selector.matchLabels : undefined;
  if (policies?.[0] === "Always" && isObject(selector)) {
    const labels = isObject(pod.metadata?.labels) ? pod.metadata.labels : {};
    for (const [key, value] of Object.entries(selector)) {
      if (labels[key] !== value) problems.add(`spec.selector.matchLabels[${JSON.stringify(key)}]`, `a label the pod template has (${under(path, "metadata.labels")}: ${JSON.stringify(labels)})`, value);
    }
  }
}

/** `field` under `path` (under `""`: `field` alone). */
function under(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}

/** The pod template of a manifest, with its path: a Pod's own metadata and spec, a CronJob's job template's, or `spec.template`. */
function podTemplateOf(m: Json, kind: string): [string, { metadata?: Json; spec?: unknown }] | undefined {
  if (kind === "Pod") return ["", { ...(isObject(m.metadata) && { metadata: m.metadata }), spec: m.spec }];
  const spec = isObject(m.spec) ? m.spec : undefined;
  if (kind === "CronJob") {
    const jobSpec = isObject(spec?.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    return isObject(jobSpec?.template) ? ["spec.jobTemplate.spec.template", jobSpec.template as never] : undefined;
  }
  return kind in RESTART_POLICIES && isObject(spec?.template) ? ["spec.template", spec.template as never] : undefined;
}

function checkMap(map: unknown, path: string, valueRule: typeof labelValue, problems: Problems): void {
  if (map === undefined) return;
  if (!isObject(map)) {
    problems.add(path, "a map of strings", map);
    return;
  }
  for (const [key, value] of Object.entries(map)) {
    if (problems.check(path, key, qualifiedName)) problems.check(`${path}[${JSON.stringify(key)}]`, value, valueRule);
  }
}

/** Containers and init containers: names (DNS labels, unique), images, ports, and resources (quantities, requests <= limits). */
function checkContainers(spec: Json, path: string, problems: Problems): void {
  const names = new Set<string>();
  for (const list of ["initContainers", "containers"] as const) {
    const containers = spec[list];
    if (containers === undefined && list === "initContainers") continue;
    if (!Array.isArray(containers) || (list === "containers" && containers.length === 0)) {
      problems.add(`${path}.${list}`, "a list of containers (at least one in containers)", containers);
      continue;
    }
    containers.forEach((c: unknown, i) => {
      const at = `${path}.${list}[${i}]`;
      const container = isObject(c) ? c : {};
      if (problems.check(`${at}.name`, container.name, dnsLabel) && names.has(container.name as string)) {
        problems.add(`${at}.name`, "a name no other container or init container of the pod has", container.name);
      }
      names.add(container.name as string);
      problems.check(`${at}.image`, container.image, nonEmptyString);
      if (list === "containers" && container.restartPolicy !== undefined) problems.add(`${at}.restartPolicy`, "nothing: only init containers can be sidecars", container.restartPolicy);
      if (Array.isArray(container.ports)) {
        container.ports.forEach((port: Json, j) => {
          problems.check(`${at}.ports[${j}].containerPort`, port?.containerPort, portNumber);
          if (port?.name !== undefined) problems.check(`${at}.ports[${j}].name`, port.name, portName);
        });
      }
      checkResources(container.resources, `${at}.resources`, problems);
    });
  }
}

function checkResources(resources: unknown, path: string, problems: Problems): void {
  if (!isObject(resources)) return;
  for (const list of ["limits", "requests"] as const) {
    const values = resources[list];
    if (isObject(values)) for (const [name, value] of Object.entries(values)) problems.check(`${path}.${list}.${name}`, value, quantity);
  }
  const { requests, limits } = resources;
  if (!isObject(requests) || !isObject(limits)) return;
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (quantity.test(request) && quantity.test(limit) && quantityValue(request as string) > quantityValue(limit as string)) {
      problems.add(`${path}.requests.${name}`, `a quantity <= the limit ${JSON.stringify(limit)}`, request);
    }
  }
}
