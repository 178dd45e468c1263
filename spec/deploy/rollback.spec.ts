import { test } from "uvu";
import * as assert from "uvu/assert";
import { planRollback, recreateBody, restoreBody, type JournalEntry } from "../../lib/deploy/apply/rollback-plan.js";
import type { Manifest } from "../../lib/deploy/manifest.js";

const id = (kind: string, name: string) => ({ apiVersion: "v1", kind, name, namespace: "demo" });
const previous: Manifest = {
  apiVersion: "v1", kind: "ConfigMap",
  metadata: { name: "settings", namespace: "demo", uid: "u-1", resourceVersion: "10", creationTimestamp: "2026-01-01T00:00:00Z", managedFields: [{ manager: "kubectl", operation: "Apply" }] },
  data: { LOG_LEVEL: "debug" },
  status: { ignored: true },
};

test("rollback undoes a run in reverse order: created objects deleted, updated ones restored, unchanged ones left", () => {
  const journal: JournalEntry[] = [
    { action: "created", id: { apiVersion: "v1", kind: "Namespace", name: "demo" }, uid: "ns-uid" },
    { action: "unchanged", id: id("ServiceAccount", "web") },
    { action: "updated", id: id("ConfigMap", "settings"), previous },
    { action: "created", id: id("Secret", "db"), uid: "s-uid" },
    { action: "replaced", id: id("Job", "migrate"), previous, uid: "j-uid" },
  ];
  assert.equal(planRollback(journal), [
    { do: "recreate", id: id("Job", "migrate"), previous, uid: "j-uid" },
    { do: "delete", id: id("Secret", "db"), uid: "s-uid" },
    { do: "restore", id: id("ConfigMap", "settings"), previous },
    { do: "delete", id: { apiVersion: "v1", kind: "Namespace", name: "demo" }, uid: "ns-uid" },
  ]);
});

test("a run that changed nothing has nothing to roll back; pre-existing objects are never deleted", () => {
  assert.equal(planRollback([{ action: "unchanged", id: id("ConfigMap", "a") }]), []);
  const steps = planRollback([{ action: "updated", id: id("ConfigMap", "a"), previous }]);
  assert.ok(steps.every((s) => s.do !== "delete"));
});

test("restoring puts back the whole previous object (field owners included) at the current resourceVersion, without status", () => {
  const body = restoreBody(previous, "42");
  assert.equal(body, {
    apiVersion: "v1", kind: "ConfigMap",
    metadata: { name: "settings", namespace: "demo", uid: "u-1", resourceVersion: "42", creationTimestamp: "2026-01-01T00:00:00Z", managedFields: [{ manager: "kubectl", operation: "Apply" }] },
    data: { LOG_LEVEL: "debug" },
  });
  assert.is(previous.metadata.resourceVersion, "10", "the journal's copy is not changed");
});

test("re-creating drops what the server assigns", () => {
  assert.equal(recreateBody(previous), {
    apiVersion: "v1", kind: "ConfigMap",
    metadata: { name: "settings", namespace: "demo", managedFields: [{ manager: "kubectl", operation: "Apply" }] },
    data: { LOG_LEVEL: "debug" },
  });
});

test.run();
