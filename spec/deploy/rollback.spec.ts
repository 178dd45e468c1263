import { test } from "uvu";
import * as assert from "uvu/assert";
import { ownersBody, planRollback, recreateBody, restoreBody, type JournalEntry } from "../../lib/deploy/apply/rollback-plan.js";
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

test("claims and volumes this run created are kept, and so is a namespace it created that holds one", () => {
  const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "shop" };
  const volume = { apiVersion: "v1", kind: "PersistentVolume", name: "disk" };
  const shop = { apiVersion: "v1", kind: "Namespace", name: "shop" };
  const other = { apiVersion: "v1", kind: "Namespace", name: "other" };
  assert.equal(planRollback([
    { action: "created", id: shop }, { action: "created", id: other }, { action: "created", id: volume }, { action: "created", id: claim },
  ]), [
    { do: "keep", id: claim, reason: "created by this run, but a PersistentVolumeClaim is never deleted by piceli (data lives there): delete it yourself if you mean to" },
    { do: "keep", id: volume, reason: "created by this run, but a PersistentVolume is never deleted by piceli (data lives there): delete it yourself if you mean to" },
    { do: "delete", id: other },
    { do: "keep", id: shop, reason: "created by this run, but it holds PersistentVolumeClaim shop/data, which piceli never deletes" },
  ]);
});

test("giving fields back to their owners: the previous managedFields on the restored object, or nothing to do", () => {
  const restored = { ...previous, metadata: { ...previous.metadata, resourceVersion: "43", managedFields: [{ manager: "kubectl", operation: "Apply" }, { manager: "piceli", operation: "Update" }] } };
  assert.equal(ownersBody(restored, previous), {
    apiVersion: "v1", kind: "ConfigMap",
    metadata: { ...previous.metadata, resourceVersion: "43", managedFields: [{ manager: "kubectl", operation: "Apply" }] },
    data: { LOG_LEVEL: "debug" },
  });
  assert.is(ownersBody(previous, previous), undefined);
  const unowned = { ...previous, metadata: { ...previous.metadata, managedFields: undefined } };
  assert.equal(ownersBody(restored, unowned)!.metadata["managedFields"], [{}], "[{}] clears them");
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
