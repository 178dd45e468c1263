// The end-to-end harness: what every spec/e2e/*.e2e.ts file uses to run the `piceli` command against a REAL cluster
// (PICELI_E2E_KUBECONFIG, optionally PICELI_E2E_CONTEXT) and to check what it did.
//
//   import { clusterSuite, piceli, freshNamespace, cluster, kubelet } from "./harness.js";
//   const test = clusterSuite("my feature");        // a uvu suite; its tests are skipped without a cluster
//   test("…", async () => {
//     const ns = await freshNamespace();            // created now, deleted after the suite
//     const run = piceli(["apply", "--wait", file]); // runs while the test plays the kubelet
//     await kubelet.podsReady(ns, "app=web", run);   // marks the Pods Ready until the command ends
//     const { code, stdout } = await run;
//   });
//   test.run();
//
// Without PICELI_E2E_KUBECONFIG the suites say they are skipped; when CI is set, that is a failure instead: in CI the
// suite must run. Every command's output is kept: `printedAnywhere(value)` greps all of it (Secret values).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { suite, type Test } from "uvu";
import { Cluster } from "../../lib/deploy/cluster/cluster.js";
import { loadKubeConfig } from "../../lib/deploy/cluster/kube-config.js";
import { kubeConfigTransport } from "../../lib/deploy/cluster/transport.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { loadSources } from "../../lib/deploy/load/load-sources.js";
import { describe, idOf, type ObjectId } from "../../lib/deploy/object-id.js";
import { resolveObjects } from "../../lib/deploy/resolve-objects.js";

/** The admin kubeconfig of the e2e cluster, or `undefined` when there is none (the suites are skipped). */
export const kubeconfig: string | undefined = process.env["PICELI_E2E_KUBECONFIG"] || undefined;
/** The kubeconfig context to use. @default the kubeconfig's current-context */
export const context: string | undefined = process.env["PICELI_E2E_CONTEXT"] || undefined;
/** The repository's root folder. */
export const root: string = fileURLToPath(new URL("../..", import.meta.url));
/** A short random word of this run, in every name the harness makes. */
export const run: string = randomBytes(3).toString("hex");

if (kubeconfig === undefined && process.env["CI"]) {
  throw new Error("CI is set but PICELI_E2E_KUBECONFIG is not: in CI the end-to-end suite must run against a cluster (see .ci/run)");
}
if (kubeconfig === undefined) {
  console.log("skipped: PICELI_E2E_KUBECONFIG is not set (the end-to-end suite needs a real cluster: a kubeconfig for it)");
}

/**
 * A uvu suite for tests against the cluster. Without a cluster, its tests are registered as skipped (uvu counts
 * them). After its tests, it deletes the namespaces and cluster-scoped objects the harness made for them.
 */
export function clusterSuite(name: string): Test {
  const test = suite(name);
  if (kubeconfig === undefined) {
    const skipped = ((title: string, fn: Parameters<Test>[1]) => test.skip(title, fn)) as Test;
    return Object.assign(skipped, { only: test.skip, skip: test.skip, before: noopHook, after: noopHook, run: test.run });
  }
  test.after(cleanup);
  return test;
}

const noopHook = Object.assign(() => {}, { each: () => {} }) as unknown as Test["before"];

/** What one `piceli` command did. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr, for assertion messages. */
  readonly output: string;
}

/** Options of {@link piceli}. */
export interface PiceliOptions {
  /** Extra environment (the fixtures read PICELI_E2E_* variables). */
  readonly env?: Readonly<Record<string, string>>;
  /** Another kubeconfig (a restricted user's); `null`: none at all (commands that need no cluster). @default the e2e cluster's admin */
  readonly kubeconfig?: string | null;
  /** Kill the command after this long. @default 120000 */
  readonly timeoutMs?: number;
  /** The folder it runs in. @default the repository's root */
  readonly cwd?: string;
}

const outputs: string[] = [];

/**
 * Runs `piceli <args>` as a user would (`node bin/piceli.js`, from the repository root), against the e2e cluster,
 * with `--color never`. Async, so a test can play the kubelet while it runs. All output is kept for {@link printedAnywhere}.
 */
export function piceli(args: readonly string[], options: PiceliOptions = {}): Promise<CommandResult> {
  const config = options.kubeconfig === undefined ? kubeconfig : options.kubeconfig;
  const argv = [join(root, "bin/piceli.js"), ...args, "--color", "never", ...(config ? ["--kubeconfig", config] : []), ...(config === kubeconfig && context ? ["--context", context] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: options.cwd ?? root, env: { ...process.env, KUBECONFIG: "", ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr, output: `${stdout}\n--- stderr ---\n${stderr}` });
    });
  });
}

/** Whether any command run so far printed `text` (or its base64 form). */
export function printedAnywhere(text: string): boolean {
  const forms = [text, Buffer.from(text).toString("base64")];
  return outputs.some((out) => forms.some((form) => out.includes(form)));
}

// The admin kubeconfig, loaded once (loading is asynchronous, cluster() is not).
const admin = kubeconfig === undefined ? undefined : await loadKubeConfig({ kubeconfig, ...(context !== undefined && { context }) });

/** A client of the e2e cluster as its admin (the deploy engine's own client): a new one each time, as Cluster.connect makes. */
export function cluster(): Cluster {
  return new Cluster(kubeConfigTransport(admin!), admin!.namespace, admin!.context);
}

/** An object's identity, for {@link Cluster.get} and friends. */
export function id(apiVersion: string, kind: string, name: string, namespace?: string): ObjectId {
  return { apiVersion, kind, name, ...(namespace !== undefined && { namespace }) };
}

const namespaces: string[] = [];
const clusterScoped: ObjectId[] = [];
// Counted over the whole run: every suite's cleanup empties `namespaces`, and a name must not come back.
let namesMade = 0;

/** A new namespace name (`piceli-e2e-<run>-<n>`), deleted after the suite; not created. */
export function namespaceName(): string {
  const name = `piceli-e2e-${run}-${++namesMade}`;
  namespaces.push(name);
  return name;
}

/** A new namespace, created now and deleted after the suite. */
export async function freshNamespace(): Promise<string> {
  const name = namespaceName();
  await cluster().create({ apiVersion: "v1", kind: "Namespace", metadata: { name } }, "piceli-e2e");
  return name;
}

/** Deletes a cluster-scoped object the test made (a PersistentVolume, a CRD) after the suite. */
export function deleteAfterwards(object: ObjectId): void {
  clusterScoped.push(object);
}

async function cleanup(): Promise<void> {
  const c = cluster();
  // Namespaces finish deleting in the background (controllers empty them); nothing waits for that.
  const all = [...namespaces.splice(0).map((name) => id("v1", "Namespace", name)), ...clusterScoped.splice(0)];
  await Promise.all(all.map((o) => c.delete(o).catch(() => undefined)));
}

/** A file with this text in a new temporary folder (`objects.yaml` unless named). */
export function tempFile(text: string, name = "objects.yaml"): string {
  const file = join(mkdtempSync(join(tmpdir(), "piceli-e2e-")), name);
  writeFileSync(file, text);
  return file;
}

/** A YAML file of these objects, one document each (JSON is YAML), in a new temporary folder. */
export function yamlOf(...objects: readonly object[]): string {
  return tempFile(objects.map((o) => JSON.stringify(o)).join("\n---\n"));
}

/**
 * The objects of entry files or YAML files as `piceli` sends them (namespaces settled, `namespace` for those naming
 * none), loaded in this process, so nothing is printed (synth would print Secret values).
 */
export function objectsOf(paths: readonly string[], namespace = "default"): Promise<Manifest[]> {
  // One at a time: loading captures process.stdout while a module runs, and two captures must not interleave.
  const loaded = loading.then(async () => resolveObjects((await loadSources(paths)).objects, { namespace }).objects.map((o) => o.manifest));
  loading = loaded.catch(() => undefined);
  return loaded;
}

let loading: Promise<unknown> = Promise.resolve();

/**
 * What a client's write would change of each object (`undefined`: not there), to show that nothing was written:
 * everything but `status`, `resourceVersion` and the controllers' status entries in `managedFields` (a Deployment's
 * status keeps changing after it is created; a write by piceli changes the rest, `managedFields` included).
 */
export async function snapshot(objects: readonly (Manifest | ObjectId)[]): Promise<Record<string, unknown>> {
  const c = cluster();
  const ids = objects.map((o) => ("metadata" in o ? idOf(o) : o));
  const live = await Promise.all(ids.map((i) => c.get(i)));
  return Object.fromEntries(ids.map((i, n) => [describe(i), live[n] === undefined ? undefined : written(live[n]!)]));
}

/** What {@link snapshot} keeps of one object read from the cluster. */
export function written(object: Manifest): unknown {
  const { status: _status, ...rest } = object;
  const { resourceVersion: _rv, managedFields, ...metadata } = object.metadata;
  const entries = Array.isArray(managedFields) ? managedFields.filter((e: { subresource?: string }) => e.subresource !== "status") : managedFields;
  return { ...rest, metadata: { ...metadata, managedFields: entries } };
}

/** Polls `read` every 200 ms until it returns something other than `undefined`; throws after `timeoutMs`. */
export async function eventually<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a test makes a Pod look like, as a kubelet would report it. */
export type PodState = "ready" | "succeeded" | { readonly waiting: string; readonly message?: string };

/**
 * Playing the kubelet (the test cluster has no nodes, so Pods stay Pending): Pod status written through the `status`
 * subresource, after which the controllers do the rest (a ReplicaSet counts ready Pods, a Job counts succeeded ones).
 */
export const kubelet = {
  /** Sets the status of every Pod in `namespace` matching `labelSelector`; how many it set. */
  async setPods(namespace: string, labelSelector: string, state: PodState): Promise<number> {
    const c = cluster();
    const pods = await c.list("v1", "Pod", { namespace, labelSelector });
    let count = 0;
    for (const pod of pods) {
      if (pod.metadata["deletionTimestamp"] !== undefined || alreadyIs(pod, state)) continue;
      await c.transport.request({
        method: "PATCH",
        path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`,
        contentType: "application/merge-patch+json",
        body: { status: podStatus(pod, state) },
        action: `set the status of Pod ${namespace}/${pod.metadata.name}`,
      });
      count++;
    }
    return count;
  },

  /** Until `until` settles, keeps every matching Pod (new ones included: a rollout) Running and Ready. */
  podsReady(namespace: string, labelSelector: string, until: Promise<unknown>): Promise<void> {
    return keepSetting(namespace, labelSelector, "ready", until);
  },

  /** Until `until` settles, marks every matching Pod Succeeded (a Job's Pods: the Job controller then completes it). */
  podsSucceeded(namespace: string, labelSelector: string, until: Promise<unknown>): Promise<void> {
    return keepSetting(namespace, labelSelector, "succeeded", until);
  },

  /** Until `until` settles, keeps every matching Pod's containers waiting with this reason (`ImagePullBackOff`). */
  podsWaiting(namespace: string, labelSelector: string, reason: string, until: Promise<unknown>): Promise<void> {
    return keepSetting(namespace, labelSelector, { waiting: reason, message: `Back-off pulling image (set by the e2e test)` }, until);
  },

  /**
   * Binds a claim the way a cluster does: creates a matching hostPath PersistentVolume (deleted after the suite)
   * that the PersistentVolume controller then binds to the claim.
   */
  async bindClaim(namespace: string, claim: string, storage = "1Gi", storageClassName = ""): Promise<string> {
    const name = `piceli-e2e-${run}-${namespace.slice(-4)}-${claim}`.slice(0, 63);
    await cluster().create({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name },
      spec: {
        capacity: { storage },
        accessModes: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"],
        hostPath: { path: `/tmp/${name}` },
        storageClassName,
        claimRef: { namespace, name: claim },
        persistentVolumeReclaimPolicy: "Retain",
      },
    }, "piceli-e2e");
    deleteAfterwards(id("v1", "PersistentVolume", name));
    return name;
  },
};

async function keepSetting(namespace: string, labelSelector: string, state: PodState, until: Promise<unknown>): Promise<void> {
  let settled = false;
  void until.finally(() => (settled = true));
  while (!settled) {
    await kubelet.setPods(namespace, labelSelector, state).catch(() => 0);
    await sleep(250);
  }
}

function alreadyIs(pod: Manifest, state: PodState): boolean {
  const status = (pod["status"] ?? {}) as { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
  if (state === "ready") return status.phase === "Running" && (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  if (state === "succeeded") return status.phase === "Succeeded";
  return (status.containerStatuses ?? []).length > 0 && (status.containerStatuses ?? []).every((c) => c.state?.waiting?.reason === state.waiting);
}

function podStatus(pod: Manifest, state: PodState): Record<string, unknown> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const spec = pod["spec"] as { containers: { name: string; image: string }[] };
  const condition = (type: string, status: string) => ({ type, status, lastTransitionTime: now });
  if (state === "ready") {
    return {
      phase: "Running",
      startTime: now,
      conditions: [condition("PodScheduled", "True"), condition("Initialized", "True"), condition("ContainersReady", "True"), condition("Ready", "True")],
      containerStatuses: spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: "", ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } })),
    };
  }
  if (state === "succeeded") {
    return {
      phase: "Succeeded",
      startTime: now,
      conditions: [condition("PodScheduled", "True"), condition("Initialized", "True"), condition("ContainersReady", "False"), condition("Ready", "False")],
      containerStatuses: spec.containers.map((c) => ({
        name: c.name, image: c.image, imageID: "", ready: false, started: false, restartCount: 0,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now } },
      })),
    };
  }
  return {
    phase: "Pending",
    conditions: [condition("PodScheduled", "True"), condition("Ready", "False")],
    containerStatuses: spec.containers.map((c) => ({
      name: c.name, image: c.image, imageID: "", ready: false, started: false, restartCount: 0, state: { waiting: { reason: state.waiting, message: state.message ?? "" } },
    })),
  };
}
