import type { Cluster } from "../cluster/cluster.js";
import { KindNotServedError } from "../cluster/cluster.js";
import { stringAt, type Manifest } from "../manifest.js";
import { describe, type ObjectId } from "../object-id.js";
import type { Progress } from "../progress.js";
import {
  claimReadiness, daemonSetReadiness, deploymentReadiness, jobReadiness, serviceReadiness, statefulSetReadiness, waitKindOf,
  type Readiness,
} from "./readiness.js";
import { reportLine } from "./report-line.js";

/** How long and how often to wait. */
export interface WaitOptions {
  /** Give up after this long (all objects of one wait together). */
  readonly timeoutMs: number;
  /** Time between two reads of an object. @default 2000 */
  readonly intervalMs?: number;
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
 * Jobs complete, claims bound, Services with a ready endpoint; other kinds are ready at once. Stops at the first
 * failure (a failed Job, a rollout past its progress deadline) or when the time is up, with a message saying what
 * was still awaited.
 */
export async function waitForObjects(cluster: Cluster, ids: readonly ObjectId[], options: WaitOptions): Promise<WaitResult[]> {
  const start = Date.now();
  const interval = options.intervalMs ?? 2000;
  const pending = ids.filter((id) => waitKindOf(id) !== undefined);
  const results: WaitResult[] = [];
  const last = new Map<string, string>();
  const storageClasses = new Map<string, boolean>();
  const elapsed = () => Math.round((Date.now() - start) / 1000);
  try {
    while (pending.length > 0) {
      for (const id of [...pending]) {
        const readiness = await readinessOf(cluster, id, storageClasses);
        last.set(describe(id), readiness.message);
        if (readiness.state === "waiting") continue;
        pending.splice(pending.indexOf(id), 1);
        const result = { id, ok: readiness.state === "ready", message: readiness.message, seconds: elapsed() };
        results.push(result);
        options.progress.line(reportLine(result.ok ? "ready" : "not ready", id, `${readiness.message} (${result.seconds}s)`));
        if (!result.ok) return [...results, ...pending.map((p) => ({ id: p, ok: false, message: "not waited for: another object failed", seconds: elapsed() }))];
      }
      if (pending.length === 0) break;
      if (options.signal?.aborted) {
        return [...results, ...pending.map((id) => ({ id, ok: false, message: `interrupted while waiting (${last.get(describe(id))})`, seconds: elapsed() }))];
      }
      if (Date.now() - start >= options.timeoutMs) {
        const limit = options.timeoutMs % 1000 === 0 ? `${options.timeoutMs / 1000}s` : `${(options.timeoutMs / 1000).toFixed(1)}s`;
        const timedOut = pending.map((id) => ({
          id, ok: false, message: `timed out after ${limit} waiting for ${describe(id)}: ${last.get(describe(id))}`, seconds: elapsed(),
        }));
        options.progress.clear();
        for (const r of timedOut) options.progress.line(reportLine("not ready", r.id, r.message));
        return [...results, ...timedOut];
      }
      const first = pending[0]!;
      const more = pending.length > 1 ? ` (and ${pending.length - 1} more)` : "";
      options.progress.status(`waiting for ${describe(first)}: ${last.get(describe(first))}${more}`, elapsed());
      await sleep(Math.min(interval, Math.max(0, options.timeoutMs - (Date.now() - start))), options.signal);
    }
    return results;
  } finally {
    options.progress.clear();
  }
}

async function readinessOf(cluster: Cluster, id: ObjectId, storageClasses: Map<string, boolean>): Promise<Readiness> {
  const object = await cluster.get(id);
  if (object === undefined) return { state: "failed", message: "it no longer exists" };
  switch (waitKindOf(id)) {
    case "Deployment":
      return deploymentReadiness(object);
    case "StatefulSet":
      return statefulSetReadiness(object);
    case "DaemonSet":
      return daemonSetReadiness(object);
    case "Job":
      return jobReadiness(object);
    case "PersistentVolumeClaim":
      return claimReadiness(object, await bindsOnFirstUse(cluster, object, storageClasses));
    case "Service":
      return serviceReadiness(object, await endpointSlicesOf(cluster, object));
    default:
      return { state: "ready", message: "nothing to wait for" };
  }
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
