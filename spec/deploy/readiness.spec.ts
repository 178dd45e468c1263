import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  claimReadiness, daemonSetReadiness, deploymentReadiness, jobReadiness, serviceReadiness, statefulSetReadiness, waitKindOf,
} from "../../lib/deploy/apply/readiness.js";
import type { Manifest } from "../../lib/deploy/manifest.js";

const object = (apiVersion: string, kind: string, rest: Record<string, unknown>, generation = 2): Manifest => ({
  apiVersion, kind, metadata: { name: "x", namespace: "demo", generation }, ...rest,
});
const deployment = (status: Record<string, unknown> | undefined, replicas = 3) =>
  object("apps/v1", "Deployment", { spec: { replicas }, ...(status && { status }) });

test("what --wait waits for", () => {
  assert.equal(
    ["apps/v1 Deployment", "apps/v1 StatefulSet", "apps/v1 DaemonSet", "batch/v1 Job", "v1 PersistentVolumeClaim", "v1 Service", "v1 ConfigMap", "batch/v1 CronJob", "example.com/v1 Deployment"]
      .map((t) => waitKindOf({ apiVersion: t.split(" ")[0]!, kind: t.split(" ")[1]! }) ?? "-"),
    ["Deployment", "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim", "Service", "-", "-", "-"],
  );
});

test("Deployment: no controller, old generation, rolling, available, past its deadline", () => {
  assert.equal(deploymentReadiness(deployment(undefined)), {
    state: "waiting", message: "no controller has reported on it yet (no status.observedGeneration): is kube-controller-manager running?",
  });
  assert.equal(deploymentReadiness(deployment({ observedGeneration: 1 })), { state: "waiting", message: "the controller has seen generation 1 of 2" });
  assert.equal(deploymentReadiness(deployment({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 })), { state: "waiting", message: "1 of 3 replicas updated" });
  assert.equal(deploymentReadiness(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 })), { state: "waiting", message: "1 old replicas pending termination" });
  assert.equal(deploymentReadiness(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 })), { state: "waiting", message: "2 of 3 updated replicas available" });
  assert.equal(deploymentReadiness(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 })), { state: "ready", message: "3 of 3 replicas available" });
  const stuck = deployment({ observedGeneration: 2, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "ReplicaSet has timed out" }] });
  assert.equal(deploymentReadiness(stuck).state, "failed");
});

test("StatefulSet and DaemonSet rollouts; OnDelete is not waited on", () => {
  const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => object("apps/v1", "StatefulSet", { spec: { replicas: 2, ...spec }, status });
  assert.equal(statefulSetReadiness(sts({ observedGeneration: 2, readyReplicas: 1 })).message, "1 of 2 replicas ready");
  assert.equal(statefulSetReadiness(sts({ observedGeneration: 2, readyReplicas: 2, currentRevision: "a", updateRevision: "b" })).message, "rolling update to revision b in progress");
  assert.equal(statefulSetReadiness(sts({ observedGeneration: 2, readyReplicas: 2, currentRevision: "b", updateRevision: "b" })).state, "ready");
  assert.equal(statefulSetReadiness(sts({}, { updateStrategy: { type: "OnDelete" } })).state, "ready");
  const ds = (status: Record<string, unknown>) => object("apps/v1", "DaemonSet", { spec: {}, status });
  assert.equal(daemonSetReadiness(ds({ observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 2 })).message, "2 of 3 pods updated");
  assert.equal(daemonSetReadiness(ds({ observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 })).state, "ready");
});

test("Job: complete, failed, running, suspended, never seen by a controller", () => {
  const job = (status?: Record<string, unknown>, spec: Record<string, unknown> = {}) => object("batch/v1", "Job", { spec, ...(status && { status }) });
  assert.equal(jobReadiness(job({ succeeded: 1, conditions: [{ type: "Complete", status: "True" }] })), { state: "ready", message: "completed (1 succeeded)" });
  assert.equal(jobReadiness(job({ conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }] })), {
    state: "failed", message: "Job failed: BackoffLimitExceeded Job has reached the specified backoff limit",
  });
  assert.equal(jobReadiness(job({ active: 1 })).message, "0 of 1 completions, 1 running, 0 failed");
  assert.equal(jobReadiness(job(undefined, { suspend: true })).state, "ready");
  assert.match(jobReadiness(job()).message, /is kube-controller-manager running\?/);
});

test("claims: bound, pending, binding on first use; Services: endpoints or nothing to wait for", () => {
  const claim = (phase?: string) => object("v1", "PersistentVolumeClaim", phase ? { status: { phase } } : {});
  assert.equal(claimReadiness(claim("Bound")).state, "ready");
  assert.equal(claimReadiness(claim("Pending")), { state: "waiting", message: "not bound yet (phase Pending)" });
  assert.equal(claimReadiness(claim("Pending"), true).state, "ready");
  assert.equal(claimReadiness(claim("Lost")).state, "failed");
  const service = (spec: Record<string, unknown>) => object("v1", "Service", { spec });
  const slice = (ready: boolean) => object("discovery.k8s.io/v1", "EndpointSlice", { endpoints: [{ addresses: ["10.0.0.1"], conditions: { ready } }] });
  assert.equal(serviceReadiness(service({ selector: { app: "x" } }), []), { state: "waiting", message: "no endpoints yet (no EndpointSlice: is kube-controller-manager running?)" });
  assert.equal(serviceReadiness(service({ selector: { app: "x" } }), [slice(false)]), { state: "waiting", message: "0 of 1 endpoints ready" });
  assert.equal(serviceReadiness(service({ selector: { app: "x" } }), [slice(true)]), { state: "ready", message: "1 ready endpoint" });
  assert.equal(serviceReadiness(service({}), []).state, "ready");
  assert.equal(serviceReadiness(service({ type: "ExternalName", externalName: "db.example.com" }), []).state, "ready");
});

test.run();
