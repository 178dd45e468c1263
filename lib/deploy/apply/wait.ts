import type { Cluster } from "../cluster/cluster.js";
import { KindNotServedError } from "../cluster/cluster.js";
import { stringAt, type Manifest } from "../manifest.js";
import { describe, type ObjectId } from "../object-id.js";
import type { Progress } from "../progress.js";
import {
  claimReadiness, daemonSetReadiness, deploymentReadiness, jobReadiness, serviceReadiness, statefulSetReadiness, waitKindOf,
  type Readiness,
} from "./readiness.js";
import { podProblem } from "./pod-problems.js";
import { reportLine } from "./report-line.js";
import { formatTimeout } from "./timeouts.js";
import { podsOf } from "./workload-pods.js";

/** How long and how often to wait. */
export interface WaitOptions {
  /** Give up on an object after this long (counted from the start of this wait). */
  readonly timeoutMs: number;
  /** An object's own timeout (`--timeout Job/migrate=15m`, the `piceli/timeout` annotation). @default timeoutMs */
  readonly timeoutOf?: (id: ObjectId) => number;
  /** Time between two reads of an object. @default 2000 */
  readonly intervalMs?: number;
  /** How long a pod must stay Unschedulable (from when the wait first saw it so) before it fails the wait. @default 10000 */
  readonly unschedulableMs?: number;
  readonly progress: Progress;
  /** Stops the wait early (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** How waiting for one object ended. */
export interface WaitResult {
  readonly id: ObjectId;
  readonly ok: boolean;
  readonly message: string;
  readonly seconds: number;
}

/**
 * Waits until every object is ready (see `readiness.ts`): Deployments, StatefulSets and DaemonSets rolled out,
 * Jobs complete, claims bound, Services with a ready endpoint; other kinds are ready at once. While a workload is
 * not ready, its pods are read too (see `podsOf`), and a pod that will not start without a change (see
 * `podProblem`: image pull failures, crash loops, missing ConfigMap/Secret keys, no node to run on) fails the wait at
 * once, naming the pod, the container and the reason. Stops at the first failure (also a failed Job, a rollout past
 * its progress deadline) or when an object's time is up, with a message saying what was still awaited. The status
 * lists every object still awaited and what it waits for.
 */
export async function waitForObjects(cluster: Cluster, ids: readonly ObjectId[], options: WaitOptions): Promise<WaitResult[]> {
  const start = Date.now();
  const interval = options.intervalMs ?? 2000;
  const timeoutOf = (id: ObjectId) => options.timeoutOf?.(id) ?? options.timeoutMs;
  const pending = ids.filter((id) => waitKindOf(id) !== undefined);
  const total = pending.length;
  const results: WaitResult[] = [];
  const last = new Map<string, string>();
  const storageClasses = new Map<string, boolean>();
  const unschedulable = { since: new Map<string, number>(), graceMs: options.unschedulableMs ?? 10_000 };
  const elapsed = () => Math.round((Date.now() - start) / 1000);
  const notWaited = (message: string) => pending.map((id) => ({ id, ok: false, message, seconds: elapsed() }));
  try {
    while (pending.length > 0) {
      for (const id of [...pending]) {
        const readiness = await readinessOf(cluster, id, storageClasses, unschedulable);
        last.set(describe(id), readiness.message);
        if (readiness.state === "waiting") continue;
        pending.splice(pending.indexOf(id), 1);
        const result = { id, ok: readiness.state === "ready", message: readiness.message, seconds: elapsed() };
        results.push(result);
        options.progress.line(reportLine(result.ok ? "ready" : "not ready", id, `${readiness.message} (${result.seconds}s)`));
        if (!result.ok) return [...results, ...notWaited("not waited for: another object failed")];
      }
      if (pending.length === 0) break;
      if (options.signal?.aborted) {
        return [...results, ...pending.map((id) => ({ id, ok: false, message: `interrupted while waiting (${last.get(describe(id))})`, seconds: elapsed() }))];
      }
      const late = pending.filter((id) => Date.now() - start >= timeoutOf(id));
      if (late.length > 0) {
        const timedOut = late.map((id) => ({
          id, ok: false, message: `timed out after ${formatTimeout(timeoutOf(id))} waiting for ${describe(id)}: ${last.get(describe(id))}`, seconds: elapsed(),
        }));
        options.progress.clear();
        for (const r of timedOut) options.progress.line(reportLine("not ready", r.id, r.message));
        for (const id of late) pending.splice(pending.indexOf(id), 1);
        return [...results, ...timedOut, ...notWaited("not waited for: another object timed out")];
      }
      options.progress.status(statusText(pending, total, last), elapsed());
      const nextDeadline = Math.min(...pending.map(timeoutOf)) - (Date.now() - start);
      await sleep(Math.min(interval, Math.max(0, nextDeadline)), options.signal);
    }
    return results;
  } finally {
    options.progress.clear();
  }
}

/** `waiting for Deployment shop/web: 0 of 3 replicas available`, or one line per object when several are awaited. */
function statusText(pending: readonly ObjectId[], total: number, last: ReadonlyMap<string, string>): string {
  if (pending.length === 1) return `waiting for ${describe(pending[0]!)}: ${last.get(describe(pending[0]!))}`;
  const header = `waiting for ${pending.length} objects (${total - pending.length} of ${total} ready):`;
  return [header, ...pending.map((id) => `  ${describe(id)}: ${last.get(describe(id))}`)].join("\n");
}

async function readinessOf(cluster: Cluster, id: ObjectId, storageClasses: Map<string, boolean>, unschedulable: Unschedulable): Promise<Readiness> {
  const object = await cluster.get(id);
  if (object === undefined) return { state: "failed", message: "it no longer exists" };
  switch (waitKindOf(id)) {
    case "Deployment":
      return withPods(cluster, object, deploymentReadiness(object), unschedulable);
    case "StatefulSet":
      return withPods(cluster, object, statefulSetReadiness(object), unschedulable);
    case "DaemonSet":
      return withPods(cluster, object, daemonSetReadiness(object), unschedulable);
    case "Job":
      return withPods(cluster, object, jobReadiness(object), unschedulable);
    case "PersistentVolumeClaim":
      return claimReadiness(object, await bindsOnFirstUse(cluster, object, storageClasses));
    case "Service":
      return serviceReadiness(object, await endpointSlicesOf(cluster, object));
    default:
      return { state: "ready", message: "nothing to wait for" };
  }
}

/** When the wait first saw each pod Unschedulable (by uid), and how long one may stay so. */
interface Unschedulable {
  readonly since: Map<string, number>;
  readonly graceMs: number;
}

/**
 * A workload still waiting fails at once when one of its pods will not start without a change. An Unschedulable pod
 * fails it once it has stayed so for `graceMs`: the scheduler marks a new pod so before anything else has happened to
 * it, and a node may be on its way.
 */
async function withPods(cluster: Cluster, workload: Manifest, readiness: Readiness, unschedulable: Unschedulable): Promise<Readiness> {
  if (readiness.state !== "waiting") return readiness;
  let note: string | undefined;
  for (const pod of await podsOf(cluster, workload)) {
    const problem = podProblem(pod);
    if (problem === undefined) continue;
    if (problem.reason !== "Unschedulable") return { state: "failed", message: problem.message };
    const key = String(pod.metadata["uid"] ?? pod.metadata.name);
    const since = unschedulable.since.get(key) ?? Date.now();
    unschedulable.since.set(key, since);
    if (Date.now() - since >= unschedulable.graceMs) return { state: "failed", message: problem.message };
    note ??= `${problem.message} (failing if it still is ${formatTimeout(unschedulable.graceMs)} after first seen)`;
  }
  return note === undefined ? readiness : { state: "waiting", message: `${readiness.message}; ${note}` };
}

/** Whether the claim's StorageClass binds on first use (`volumeBindingMode: WaitForFirstConsumer`). */
async function bindsOnFirstUse(cluster: Cluster, claim: Manifest, cache: Map<string, boolean>): Promise<boolean> {
  const name = stringAt(claim, "spec", "storageClassName");
  if (name === undefined || name === "") return false;
  if (!cache.has(name)) {
    const storageClass = await cluster.get({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", name }).catch(() => undefined);
    cache.set(name, stringAt(storageClass, "volumeBindingMode") === "WaitForFirstConsumer");
  }
  return cache.get(name)!;
}

async function endpointSlicesOf(cluster: Cluster, service: Manifest): Promise<Manifest[]> {
  try {
    return await cluster.list("discovery.k8s.io/v1", "EndpointSlice", {
      ...(service.metadata.namespace !== undefined && { namespace: service.metadata.namespace }),
      labelSelector: `kubernetes.io/service-name=${service.metadata.name}`,
    });
  } catch (error) {
    if (error instanceof KindNotServedError) return [];
    throw error;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
