// Waits that tell the truth: pods that cannot start fail a wait at once; per-object timeouts; progress per object.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { podProblem } from "../../lib/deploy/apply/pod-problems.js";
import { parseDuration, timeoutsFor } from "../../lib/deploy/apply/timeouts.js";
import { waitForObjects } from "../../lib/deploy/apply/wait.js";
import { labelSelector, podsOf } from "../../lib/deploy/apply/workload-pods.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { lineProgress, spinnerProgress } from "../../lib/deploy/progress.js";
import { clusterFor } from "./cluster-for.js";
import { startFakeApiServer, type FakeApiServer } from "./fake-api-server.js";
import { recordingProgress } from "./helpers.js";

const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): Manifest => ({
  apiVersion: "v1", kind: "Pod", metadata: { name: "web-5d8f-x2x", namespace: "demo" }, spec: { containers: [{ name: "web", image: "nginx:nope" }], ...spec }, status,
});
const waitingContainer = (name: string, reason: string, message?: string, extra: Record<string, unknown> = {}) =>
  ({ name, state: { waiting: { reason, ...(message !== undefined && { message }) } }, ...extra });

test("podProblem: stuck container reasons name the pod, the container and the reason; init containers first", () => {
  assert.equal(podProblem(pod({ phase: "Pending", containerStatuses: [waitingContainer("web", "ImagePullBackOff", 'Back-off pulling image "nginx:nope"')] })), {
    reason: "ImagePullBackOff", message: 'pod web-5d8f-x2x: container web: ImagePullBackOff: Back-off pulling image "nginx:nope"',
  });
  assert.equal(podProblem(pod({ containerStatuses: [waitingContainer("web", "ErrImagePull")] }))?.message, "pod web-5d8f-x2x: container web: ErrImagePull");
  assert.equal(
    podProblem(pod({ containerStatuses: [waitingContainer("web", "CrashLoopBackOff", "back-off 10s", { lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } } })] }))?.message,
    "pod web-5d8f-x2x: container web: CrashLoopBackOff (last exit code 137: OOMKilled): back-off 10s",
  );
  assert.equal(
    podProblem(pod({ initContainerStatuses: [waitingContainer("migrate", "CreateContainerConfigError", 'secret "db" not found')], containerStatuses: [waitingContainer("web", "PodInitializing")] }))?.message,
    'pod web-5d8f-x2x: container migrate: CreateContainerConfigError: secret "db" not found',
  );
  // Reasons that pass on their own are no problem.
  for (const reason of ["ContainerCreating", "PodInitializing"]) assert.is(podProblem(pod({ containerStatuses: [waitingContainer("web", reason)] })), undefined);
  assert.is(podProblem(pod({ phase: "Running", containerStatuses: [{ name: "web", state: { running: {} } }] })), undefined);
});

test("podProblem: a pending pod the scheduler could not place, with its message; a placed or running pod is not", () => {
  const unschedulable = { type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." };
  assert.equal(podProblem(pod({ phase: "Pending", conditions: [unschedulable] })), { reason: "Unschedulable", message: "pod web-5d8f-x2x: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu." });
  assert.is(podProblem(pod({ phase: "Running", conditions: [unschedulable] })), undefined);
  assert.is(podProblem(pod({ phase: "Pending", conditions: [unschedulable] }, { nodeName: "node-1" })), undefined);
  assert.is(podProblem(pod({ phase: "Pending", conditions: [{ ...unschedulable, reason: "SchedulerError" }] })), undefined);
});

test("labelSelector: matchLabels and every matchExpressions operator", () => {
  assert.is(labelSelector({
    matchLabels: { app: "web" },
    matchExpressions: [
      { key: "tier", operator: "In", values: ["a", "b"] }, { key: "env", operator: "NotIn", values: ["dev"] },
      { key: "canary", operator: "Exists" }, { key: "legacy", operator: "DoesNotExist" },
    ],
  }), "app=web,tier in (a,b),env notin (dev),canary,!legacy");
  assert.is(labelSelector({}), undefined);
  assert.is(labelSelector(undefined), undefined);
});

async function withApi(run: (api: FakeApiServer) => Promise<void>): Promise<void> {
  const api = await startFakeApiServer();
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    await run(api);
  } finally {
    await api.stop();
  }
}

const owner = (kind: string, object: { metadata: { name: string; uid: string } }) =>
  [{ apiVersion: "apps/v1", kind, name: object.metadata.name, uid: object.metadata.uid, controller: true }];

/** A Deployment at revision 2, its ReplicaSets of revisions 1 and 2, a pod of each, and a pod of another app. */
async function seedRollout(api: FakeApiServer, currentPodStatus: Record<string, unknown>) {
  const deployment = await api.seed({
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "demo", annotations: { "deployment.kubernetes.io/revision": "2" } },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:2" }] } } },
  });
  const replicaSet = (name: string, revision: string) => api.seed({
    apiVersion: "apps/v1", kind: "ReplicaSet",
    metadata: { name, namespace: "demo", labels: { app: "web" }, annotations: { "deployment.kubernetes.io/revision": revision }, ownerReferences: owner("Deployment", deployment as any) },
    spec: { selector: { matchLabels: { app: "web" } } },
  });
  const old = await replicaSet("web-old", "1");
  const current = await replicaSet("web-new", "2");
  const seedPod = (name: string, owners: unknown[], status: Record<string, unknown>, labels = { app: "web" }) => {
    api.seed({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "demo", labels, ownerReferences: owners }, spec: { containers: [{ name: "web", image: "x" }] } });
    api.setStatus("v1", "Pod", name, "demo", status);
  };
  seedPod("web-old-a", owner("ReplicaSet", old as any), { phase: "Pending", containerStatuses: [waitingContainer("web", "CrashLoopBackOff")] });
  seedPod("web-new-a", owner("ReplicaSet", current as any), currentPodStatus);
  seedPod("web-stray", [], { phase: "Pending", containerStatuses: [waitingContainer("web", "ErrImagePull")] });
  api.setStatus("apps/v1", "Deployment", "web", "demo", { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 0 });
}

const web = { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "demo" };

test("podsOf a Deployment: only the pods of its ReplicaSet of the current revision (not the old one's, not a stray pod's)", () => withApi(async (api) => {
  await seedRollout(api, { phase: "Pending" });
  const cluster = await clusterFor(api);
  const pods = await podsOf(cluster, (await cluster.get(web))!);
  assert.equal(pods.map((p) => p.metadata.name), ["web-new-a"]);
}));

test("a wait fails at once when a pod of the current rollout cannot start; an old ReplicaSet's crashing pod does not fail it", () => withApi(async (api) => {
  await seedRollout(api, { phase: "Pending", containerStatuses: [waitingContainer("web", "ImagePullBackOff", 'Back-off pulling image "nginx:2"')] });
  const progress = recordingProgress();
  const [result] = await waitForObjects(await clusterFor(api), [web], { timeoutMs: 60_000, intervalMs: 10, progress });
  assert.equal(result!.ok, false);
  assert.is(result!.message, 'pod web-new-a: container web: ImagePullBackOff: Back-off pulling image "nginx:2"');
  assert.match(progress.lines[0]!, /^  not ready  Deployment demo\/web: pod web-new-a: container web: ImagePullBackOff: Back-off pulling image "nginx:2" \(0s\)$/);
}));

test("an Unschedulable pod fails the wait once it has stayed so for a while, and the status says so meanwhile", () => withApi(async (api) => {
  await seedRollout(api, { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "no nodes available to schedule pods" }] });
  const statuses: string[] = [];
  const progress = { ...recordingProgress(), status: (text: string) => void statuses.push(text) };
  const [result] = await waitForObjects(await clusterFor(api), [web], { timeoutMs: 60_000, intervalMs: 10, unschedulableMs: 100, progress });
  assert.is(result!.message, "pod web-new-a: Unschedulable: no nodes available to schedule pods");
  assert.ok(statuses.length > 0);
  for (const status of statuses) {
    assert.is(status, "waiting for Deployment demo/web: 1 old replicas pending termination; pod web-new-a: Unschedulable: no nodes available to schedule pods (failing if it still is 0.1s after first seen)");
  }
}));

test("per-object timeouts: the earliest deadline ends the wait; the others are not waited for", () => withApi(async (api) => {
  const claim = (name: string) => api.seed({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "demo" }, spec: { accessModes: ["ReadWriteOnce"] } });
  await claim("data");
  await claim("logs");
  const data = { apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "demo" };
  const logs = { ...data, name: "logs" };
  const statuses: string[] = [];
  const progress = { ...recordingProgress(), status: (text: string) => void statuses.push(text) };
  const results = await waitForObjects(await clusterFor(api), [data, logs], { timeoutMs: 60_000, timeoutOf: (id) => (id.name === "logs" ? 1000 : 60_000), intervalMs: 20, progress });
  assert.equal(results.map((r) => [r.id.name, r.ok, r.message]), [
    ["logs", false, "timed out after 1s waiting for PersistentVolumeClaim demo/logs: not bound yet (phase unknown)"],
    ["data", false, "not waited for: another object timed out"],
  ]);
  assert.is(statuses[0], "waiting for 2 objects (0 of 2 ready):\n  PersistentVolumeClaim demo/data: not bound yet (phase unknown)\n  PersistentVolumeClaim demo/logs: not bound yet (phase unknown)");
}));

test("timeoutsFor: --timeout [Kind/]name=… first, then the piceli/timeout annotation, then the default; typos are errors", () => {
  const job: Manifest = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", annotations: { "piceli/timeout": "15m" } } };
  const web: Manifest = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } };
  const timeoutOf = timeoutsFor([job, web], [], 300_000);
  assert.equal([timeoutOf(job), timeoutOf(web)], [900_000, 300_000]);
  const overridden = timeoutsFor([job, web], [{ target: "job/migrate", ms: 60_000 }, { target: "web", ms: 30_000 }], 300_000);
  assert.equal([overridden(job), overridden(web)], [60_000, 30_000]);
  const message = (run: () => unknown) => {
    try {
      run();
      return "no error";
    } catch (error) {
      return (error as Error).message;
    }
  };
  assert.is(message(() => timeoutsFor([job], [{ target: "Deployment/migrate", ms: 1 }], 1)), '--timeout Deployment/migrate=…: no object of the input is named "Deployment/migrate" (expected [Kind/]name, such as Job/migrate)');
  const bad: Manifest = { ...job, metadata: { name: "migrate", annotations: { "piceli/timeout": "soon" } } };
  assert.is(message(() => timeoutsFor([bad], [], 1)), 'Job migrate: metadata.annotations["piceli/timeout"]: expected a duration such as 90s, 5m or 1h, received "soon"');
  assert.is(parseDuration("1h2m3s"), 3_723_000);
});

test("plain progress: each awaited object's line printed when it changes, and every 30 seconds", () => {
  let out = "";
  const progress = lineProgress({ write: (text: string) => (out += text) });
  progress.status("waiting for 2 objects (0 of 2 ready):\n  Deployment a/web: 0 of 1 available\n  Job a/migrate: 0 of 1 completions", 1);
  progress.status("waiting for 2 objects (0 of 2 ready):\n  Deployment a/web: 0 of 1 available\n  Job a/migrate: 0 of 1 completions, 1 running", 3);
  progress.status("waiting for 2 objects (0 of 2 ready):\n  Deployment a/web: 0 of 1 available\n  Job a/migrate: 0 of 1 completions, 1 running", 40);
  assert.is(out, [
    "  waiting for 2 objects (0 of 2 ready): (1s)", "    Deployment a/web: 0 of 1 available (1s)", "    Job a/migrate: 0 of 1 completions (1s)",
    "    Job a/migrate: 0 of 1 completions, 1 running (3s)",
    "  waiting for 2 objects (0 of 2 ready): (40s)", "    Deployment a/web: 0 of 1 available (40s)", "    Job a/migrate: 0 of 1 completions, 1 running (40s)", "",
  ].join("\n"));
});

test("terminal progress: a spinner line and one line per awaited object, redrawn in place and erased before a finished line", () => {
  let out = "";
  const stream = { columns: 40, isTTY: true, write: (text: string) => ((out += text), true) } as unknown as NodeJS.WriteStream;
  const progress = spinnerProgress(stream);
  progress.status("waiting for 2 objects (0 of 2 ready):\n  Deployment a/web: 0 of 1 replicas available, a long message\n  Job a/m: running", 0);
  progress.line("  ready      Job a/m");
  progress.clear();
  assert.is(out, [
    "\r\u001b[J", "⠋ 0s waiting for 2 objects (0 of 2 rea…\n  Deployment a/web: 0 of 1 replicas av…\n  Job a/m: running",
    "\r\u001b[2A\u001b[J", "  ready      Job a/m\n",
    "\r\u001b[J", "⠙ 0s waiting for 2 objects (0 of 2 rea…\n  Deployment a/web: 0 of 1 replicas av…\n  Job a/m: running",
    "\r\u001b[2A\u001b[J",
  ].join(""));
});

test.run();
