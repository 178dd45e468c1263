// Fields the server does not let change (a Job's template, a Service's clusterIP, a StatefulSet's
// volumeClaimTemplates, a Deployment's selector): diff says the object needs replacement and names the field, apply
// refuses and changes nothing, --replace deletes and creates it again and says so. PersistentVolumes and
// PersistentVolumeClaims hold data: piceli never deletes them, not with --replace and not by rollback.
import * as assert from "uvu/assert";
import { cluster, clusterSuite, deleteAfterwards, freshNamespace, id, namespaceName, piceli, run, snapshot, yamlOf } from "./harness.js";

const test = clusterSuite("immutable fields");

/** Escapes text for a RegExp. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

test("immutable fields (a Job's template, a Service's clusterIP, a StatefulSet's volumeClaimTemplates, a Deployment's selector): diff says replace needed, apply refuses, --replace re-creates", async () => {
  const ns = await freshNamespace();
  // A Service IP of this test's own, in the kit's range 10.96.0.0/16.
  const ip = (n: number) => `10.96.${parseInt(run.slice(0, 2), 16)}.${(parseInt(run.slice(2, 4), 16) % 120) * 2 + n}`;
  const labels = (v: 1 | 2) => (v === 1 ? { app: "web" } : { app: "web", tier: "front" });
  const objects = (v: 1 | 2) => [
    { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: ns }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: `app:${v}` }] } } } },
    { apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: ns }, spec: { clusterIP: ip(v), ports: [{ port: 5432 }], selector: { app: "db" } } },
    {
      apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db", namespace: ns },
      spec: {
        serviceName: "db", selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:16" }] } },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${v}Gi` } } } }],
      },
    },
    {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: ns },
      spec: { replicas: 1, selector: { matchLabels: labels(v) }, template: { metadata: { labels: labels(v) }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    },
  ];
  assert.is((await piceli(["apply", yamlOf(...objects(1))])).code, 0);
  const c = cluster();
  const ids = objects(1).map((o) => id(o.apiVersion, o.kind, o.metadata.name, ns));
  const before = await snapshot(ids);
  const uids = (await Promise.all(ids.map((i) => c.get(i)))).map((o) => o!.metadata["uid"]);
  const next = yamlOf(...objects(2));

  const expected = [
    [`Job ${ns}/migrate`, "spec.template", "spec.template: field is immutable"],
    [`Service ${ns}/db`, "spec.clusterIPs[0]", "spec.clusterIPs[0]: may not change once set"],
    [`StatefulSet ${ns}/db`, "spec", "spec: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"],
    [`Deployment ${ns}/web`, "spec.selector", "spec.selector: field is immutable"],
  ] as const;
  const diff = await piceli(["diff", next]);
  assert.is(diff.code, 2, diff.output);
  for (const [what, field, why] of expected) {
    assert.ok(diff.stdout.includes(`! replace needed ${what}: ${field} cannot change in place\n    ${why}\n`), `${what}\n${diff.output}`);
  }
  assert.match(diff.stdout, /\nDiff: 4 need replacement\n$/);

  const refused = await piceli(["apply", next]);
  assert.is(refused.code, 1, refused.output);
  for (const [what, field, why] of expected) {
    const rerun = what.startsWith("Job") ? " (it has not finished, so --rerun-jobs would leave it alone)" : "";
    assert.ok(refused.stdout.includes(`\n  ${what}: needs replacement: ${field} cannot change in place (${why}); --replace deletes and creates it again${rerun}\n`), `${what}\n${refused.output}`);
  }
  assert.match(refused.stdout, /\nResult: the cluster was not changed\.\n$/);
  assert.equal(await snapshot(ids), before, "nothing written");

  const replaced = await piceli(["apply", "--replace", next]);
  assert.is(replaced.code, 0, replaced.output);
  for (const [what] of expected) assert.match(replaced.stdout, new RegExp(`^ +replaced +${escaped(what)}$`, "m"));
  assert.match(replaced.stdout, /\nResult: 4 replaced\.\n$/);
  const after = await Promise.all(ids.map((i) => c.get(i)));
  after.forEach((o, n) => assert.is.not(o!.metadata["uid"], uids[n], `${ids[n]!.kind} re-created`));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const spec = (n: number) => after[n]!["spec"] as any;
  assert.is(spec(0).template.spec.containers[0].image, "app:2");
  assert.equal(spec(1).clusterIPs, [ip(2)]);
  assert.is(spec(2).volumeClaimTemplates[0].spec.resources.requests.storage, "2Gi");
  assert.equal(spec(3).selector.matchLabels, { app: "web", tier: "front" });
  const again = await piceli(["diff", next]);
  assert.is(again.code, 0, again.output);
});

test("PersistentVolumes and PersistentVolumeClaims are never replaced (--replace refuses, naming the field) nor deleted by rollback", async () => {
  const ns = await freshNamespace();
  const volume = `piceli-e2e-${run}-disk`;
  deleteAfterwards(id("v1", "PersistentVolume", volume));
  const pv = (path: string) => ({
    apiVersion: "v1", kind: "PersistentVolume", metadata: { name: volume },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path }, storageClassName: "manual", persistentVolumeReclaimPolicy: "Retain" },
  });
  const pvc = (mode: string) => ({
    apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: ns },
    spec: { accessModes: [mode], storageClassName: "none", resources: { requests: { storage: "1Gi" } } },
  });
  assert.is((await piceli(["apply", yamlOf(pv("/srv/a"), pvc("ReadWriteOnce"))])).code, 0);
  const ids = [id("v1", "PersistentVolume", volume), id("v1", "PersistentVolumeClaim", "data", ns)];
  const before = await snapshot(ids);

  // A hostPath and a claim's access modes are immutable on the server.
  const changed = yamlOf(pv("/srv/b"), pvc("ReadWriteMany"));
  const volumeWhy = ["spec.persistentvolumesource", "spec.persistentvolumesource: spec.persistentvolumesource is immutable after creation"];
  const claimWhy = ["spec", "spec: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"];
  const diff = await piceli(["diff", changed]);
  assert.is(diff.code, 2, diff.output);
  assert.ok(diff.stdout.includes(`! replace needed PersistentVolume ${volume}: ${volumeWhy[0]} cannot change in place; a PersistentVolume is never deleted by piceli (data lives there), not even with --replace\n    ${volumeWhy[1]}\n`), diff.output);
  assert.ok(diff.stdout.includes(`! replace needed PersistentVolumeClaim ${ns}/data: ${claimWhy[0]} cannot change in place; a PersistentVolumeClaim is never deleted by piceli (data lives there), not even with --replace\n    ${claimWhy[1]}\n`), diff.output);
  assert.not.match(diff.stdout, /@@|HostPath|"Path"/, "without the server's struct dump");
  for (const flags of [[], ["--replace"]]) {
    const refused = await piceli(["apply", ...flags, changed]);
    assert.is(refused.code, 1, refused.output);
    assert.is(refused.stdout, [
      "Nothing was applied: the server-side dry run refused:",
      `  PersistentVolume ${volume}: needs replacement: ${volumeWhy[0]} cannot change in place (${volumeWhy[1]}); a PersistentVolume is never deleted by piceli (data lives there), not even with --replace`,
      `  PersistentVolumeClaim ${ns}/data: needs replacement: ${claimWhy[0]} cannot change in place (${claimWhy[1]}); a PersistentVolumeClaim is never deleted by piceli (data lives there), not even with --replace`,
      "Result: the cluster was not changed.",
      "",
    ].join("\n"));
  }
  assert.equal(await snapshot(ids), before, "both kept as they were");

  // A run that creates a namespace and a claim in it, then fails (an object the server rejects only when applied: its
  // namespace is new, so it cannot be dry run), keeps the claim and the namespace holding it, and says so.
  const fresh = namespaceName();
  // Applied after the claim (workloads come after claims): a selector its pods do not match.
  const bad = {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "bad", namespace: fresh },
    spec: { selector: { matchLabels: { app: "a" } }, template: { metadata: { labels: { app: "b" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  };
  const claim = { ...pvc("ReadWriteOnce"), metadata: { name: "scratch", namespace: fresh } };
  const failed = await piceli(["apply", yamlOf({ apiVersion: "v1", kind: "Namespace", metadata: { name: fresh } }, claim, bad)]);
  assert.is(failed.code, 1, failed.output);
  assert.match(failed.stdout, new RegExp(`^  kept +PersistentVolumeClaim ${fresh}/scratch: created by this run, but a PersistentVolumeClaim is never deleted by piceli \\(data lives there\\): delete it yourself if you mean to$`, "m"));
  assert.match(failed.stdout, new RegExp(`^  kept +Namespace ${fresh}: created by this run, but it holds PersistentVolumeClaim ${fresh}/scratch, which piceli never deletes$`, "m"));
  assert.match(failed.stdout, /\nResult: 2 changes could NOT be rolled back \(see above\); the rest was undone\.\n$/);
  const c = cluster();
  assert.ok((await c.get(id("v1", "PersistentVolumeClaim", "scratch", fresh))) !== undefined, "the claim is still there");
  assert.is(await c.get(id("apps/v1", "Deployment", "bad", fresh)), undefined);
});

test.run();
