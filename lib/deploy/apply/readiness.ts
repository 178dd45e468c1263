import { arrayAt, at, isObject, stringAt, type Manifest } from "../manifest.js";
import { groupOf } from "../object-id.js";

/** Where an object is on its way to ready. */
export type Readiness =
  | { readonly state: "ready"; readonly message: string }
  | { readonly state: "waiting"; readonly message: string }
  | { readonly state: "failed"; readonly message: string };

/** What `--wait` waits for, by kind: rollouts, Job completion, claims bound, Service endpoints. */
export type WaitKind = "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "PersistentVolumeClaim" | "Service";

/** Whether `--wait` waits for this object, and as what. */
export function waitKindOf(manifest: { apiVersion: string; kind: string }): WaitKind | undefined {
  const key = `${groupOf(manifest.apiVersion)}/${manifest.kind}`;
  switch (key) {
    case "apps/Deployment":
    case "apps/StatefulSet":
    case "apps/DaemonSet":
      return manifest.kind as WaitKind;
    case "batch/Job":
      return "Job";
    case "/PersistentVolumeClaim":
      return "PersistentVolumeClaim";
    case "/Service":
      return "Service";
    default:
      return undefined;
  }
}

const ready = (message: string): Readiness => ({ state: "ready", message });
const waiting = (message: string): Readiness => ({ state: "waiting", message });
const failed = (message: string): Readiness => ({ state: "failed", message });

const NO_CONTROLLER = "no controller has reported on it yet (no status.observedGeneration): is kube-controller-manager running?";

/** Whether the controller has seen the current spec (`status.observedGeneration >= metadata.generation`). */
function observed(object: Manifest): Readiness | undefined {
  const generation = at(object, "metadata", "generation");
  const seen = at(object, "status", "observedGeneration");
  if (typeof seen !== "number") return waiting(NO_CONTROLLER);
  if (typeof generation === "number" && seen < generation) return waiting(`the controller has seen generation ${seen} of ${generation}`);
  return undefined;
}

function num(object: Manifest, ...path: string[]): number {
  const value = at(object, ...path);
  return typeof value === "number" ? value : 0;
}

function condition(object: Manifest, type: string): Record<string, unknown> | undefined {
  return arrayAt(object, "status", "conditions").find((c): c is Record<string, unknown> => isObject(c) && c["type"] === type);
}

/** A Deployment's rollout, as `kubectl rollout status` judges it. */
export function deploymentReadiness(object: Manifest): Readiness {
  const progressing = condition(object, "Progressing");
  if (progressing?.["reason"] === "ProgressDeadlineExceeded") return failed(`rollout failed: progress deadline exceeded (${String(progressing["message"] ?? "")})`);
  const notSeen = observed(object);
  if (notSeen) return notSeen;
  const replicas = typeof at(object, "spec", "replicas") === "number" ? num(object, "spec", "replicas") : 1;
  const updated = num(object, "status", "updatedReplicas");
  const total = num(object, "status", "replicas");
  const available = num(object, "status", "availableReplicas");
  if (updated < replicas) return waiting(`${updated} of ${replicas} replicas updated`);
  if (total > updated) return waiting(`${total - updated} old replicas pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas available`);
  return ready(`${available} of ${replicas} replicas available`);
}

/** A StatefulSet's rollout. */
export function statefulSetReadiness(object: Manifest): Readiness {
  if (stringAt(object, "spec", "updateStrategy", "type") === "OnDelete") return ready("updateStrategy OnDelete: pods change only when deleted, not waited on");
  const notSeen = observed(object);
  if (notSeen) return notSeen;
  const replicas = typeof at(object, "spec", "replicas") === "number" ? num(object, "spec", "replicas") : 1;
  const readyReplicas = num(object, "status", "readyReplicas");
  const partition = num(object, "spec", "updateStrategy", "rollingUpdate", "partition");
  if (readyReplicas < replicas) return waiting(`${readyReplicas} of ${replicas} replicas ready`);
  if (partition > 0) {
    const updated = num(object, "status", "updatedReplicas");
    if (updated < replicas - partition) return waiting(`${updated} of ${replicas - partition} replicas above the partition updated`);
    return ready(`partitioned rollout: ${updated} replicas updated`);
  }
  const current = stringAt(object, "status", "currentRevision");
  const update = stringAt(object, "status", "updateRevision");
  if (update !== undefined && current !== update) return waiting(`rolling update to revision ${update} in progress`);
  return ready(`${readyReplicas} of ${replicas} replicas ready`);
}

/** A DaemonSet's rollout. */
export function daemonSetReadiness(object: Manifest): Readiness {
  if (stringAt(object, "spec", "updateStrategy", "type") === "OnDelete") return ready("updateStrategy OnDelete: pods change only when deleted, not waited on");
  const notSeen = observed(object);
  if (notSeen) return notSeen;
  const desired = num(object, "status", "desiredNumberScheduled");
  const updated = num(object, "status", "updatedNumberScheduled");
  const available = num(object, "status", "numberAvailable");
  if (updated < desired) return waiting(`${updated} of ${desired} pods updated`);
  if (available < desired) return waiting(`${available} of ${desired} pods available`);
  return ready(`${available} of ${desired} pods available`);
}

/** A Job's completion. */
export function jobReadiness(object: Manifest): Readiness {
  const failure = condition(object, "Failed");
  if (failure?.["status"] === "True") return failed(`Job failed: ${String(failure["reason"] ?? "")} ${String(failure["message"] ?? "")}`.trim());
  const complete = condition(object, "Complete");
  if (complete?.["status"] === "True") return ready(`completed (${num(object, "status", "succeeded")} succeeded)`);
  if (at(object, "spec", "suspend") === true) return ready("suspended: it runs when resumed, not waited on");
  if (!isObject(object["status"]) || Object.keys(object["status"]).length === 0) return waiting("no controller has reported on it yet (no status): is kube-controller-manager running?");
  const completions = typeof at(object, "spec", "completions") === "number" ? num(object, "spec", "completions") : 1;
  return waiting(`${num(object, "status", "succeeded")} of ${completions} completions, ${num(object, "status", "active")} running, ${num(object, "status", "failed")} failed`);
}

/** A claim's binding; `bindsOnFirstUse` when its StorageClass binds only once a pod uses it (`WaitForFirstConsumer`). */
export function claimReadiness(object: Manifest, bindsOnFirstUse = false): Readiness {
  const phase = stringAt(object, "status", "phase");
  if (phase === "Bound") return ready("bound");
  if (phase === "Lost") return failed("the claim lost its volume");
  if (bindsOnFirstUse) return ready("its StorageClass binds it when the first pod using it is scheduled (WaitForFirstConsumer)");
  return waiting(`not bound yet (phase ${phase ?? "unknown"})`);
}

/** A Service's readiness: for Services that select pods, at least one ready endpoint among its EndpointSlices. */
export function serviceReadiness(service: Manifest, endpointSlices: readonly Manifest[]): Readiness {
  if (stringAt(service, "spec", "type") === "ExternalName") return ready("ExternalName: no endpoints");
  const selector = at(service, "spec", "selector");
  if (!isObject(selector) || Object.keys(selector).length === 0) return ready("no selector: endpoints are managed separately, not waited on");
  let readyCount = 0;
  let total = 0;
  for (const slice of endpointSlices) {
    for (const endpoint of arrayAt(slice, "endpoints")) {
      total++;
      if (at(endpoint, "conditions", "ready") !== false) readyCount++;
    }
  }
  if (readyCount > 0) return ready(`${readyCount} ready endpoint${readyCount === 1 ? "" : "s"}`);
  return waiting(endpointSlices.length === 0 ? "no endpoints yet (no EndpointSlice: is kube-controller-manager running?)" : `0 of ${total} endpoints ready`);
}
