import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { classify, describeOwners, immutableFields } from "../../lib/deploy/diff/classify.js";
import { diffLines, unifiedDiff } from "../../lib/deploy/diff/line-diff.js";
import type { ObjectPreview } from "../../lib/deploy/diff/preview.js";
import { diffExitCode, renderDiff, summarize } from "../../lib/deploy/diff/render-diff.js";
import { ClusterApiError } from "../../lib/deploy/errors.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { idOf, keyOf } from "../../lib/deploy/object-id.js";

test("property: the line diff turns one text into the other, and is no longer than delete-all + insert-all", () => {
  const lines = fc.array(fc.constantFrom("a", "b", "c", "d", "  x: 1", ""), { maxLength: 30 });
  fc.assert(
    fc.property(lines, lines, (a, b) => {
      const ops = diffLines(a, b);
      assert.equal(ops.filter((l) => l.op !== "+").map((l) => l.text), a);
      assert.equal(ops.filter((l) => l.op !== "-").map((l) => l.text), b);
      assert.ok(ops.filter((l) => l.op !== " ").length <= a.length + b.length);
    }),
    { numRuns: 300 },
  );
});

test("unified diff: hunks with three lines of context and line numbers", () => {
  const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
  const after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n";
  assert.is(unifiedDiff(before, after, "old", "new"), [
    "--- old", "+++ new", "@@ -1,5 +1,5 @@", " a", "-b", "+B", " c", " d", " e", "@@ -9,4 +9,4 @@", " i", " j", " k", "-l", "+L", "",
  ].join("\n"));
  assert.is(unifiedDiff(before, before, "old", "new"), "");
  assert.is(unifiedDiff("", "a\n", "old", "new"), "--- old\n+++ new\n@@ -0,0 +1,1 @@\n+a\n");
});

const live: Manifest = {
  apiVersion: "apps/v1", kind: "Deployment",
  metadata: { name: "web", namespace: "demo", uid: "u1", resourceVersion: "7", generation: 2, creationTimestamp: "2026-01-01T00:00:00Z", managedFields: [{ manager: "kubectl" }] },
  spec: { replicas: 2, strategy: { type: "RollingUpdate" }, template: { spec: { containers: [{ name: "web", image: "nginx:1.27", imagePullPolicy: "IfNotPresent" }] } } },
  status: { replicas: 2 },
};
const desired: Manifest = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "demo" }, spec: { replicas: 2 } };
const withImage = (image: string): Manifest => {
  const copy = structuredClone(live);
  (copy["spec"] as any).template.spec.containers[0].image = image;
  return copy;
};

test("classify: defaults and server metadata are not changes; a changed field is an update", () => {
  const dryRunSame = { ...structuredClone(live), metadata: { ...live.metadata, resourceVersion: "8", managedFields: [{ manager: "piceli", operation: "Apply" }] }, status: { replicas: 1 } };
  assert.is(classify(desired, live, { ok: dryRunSame }).action, "unchanged");
  assert.is(classify(desired, live, { ok: withImage("nginx:1.28") }).action, "update");
  assert.equal(classify(desired, live, { ok: dryRunSame }), { action: "unchanged", before: live, takesOwnership: true }, "kubectl's fields would become piceli's");
  const owned = { ...structuredClone(live), metadata: { ...live.metadata, managedFields: [{ manager: "kubectl", time: "2026-02-02T00:00:00Z" }] } };
  assert.equal(classify(desired, live, { ok: owned }), { action: "unchanged", before: live, takesOwnership: false }, "times do not count");
  // An object applied with only its name has no managedFields; a no-op apply would only add the server's own entry.
  const bare = { ...structuredClone(live), metadata: { ...live.metadata, managedFields: [] } };
  const serverEntry = { ...structuredClone(live), metadata: { ...live.metadata, managedFields: [{ manager: "before-first-apply", operation: "Update" }] } };
  assert.equal(classify(desired, bare, { ok: serverEntry }), { action: "unchanged", before: bare, takesOwnership: false }, "the server's entry is no reason to write");
  assert.is(classify(desired, undefined, { ok: live }).action, "create");
});

test("classify: the server's answers: immutable fields need replacement, conflicts and other refusals are named", () => {
  const immutable = new ClusterApiError(422, "dry-run apply Job demo/migrate", 'Job.batch "migrate" is invalid: spec.template: Invalid value: ...: field is immutable', "Invalid", [
    { field: "spec.template", reason: "FieldValueInvalid", message: "Invalid value: ...: field is immutable" },
  ]);
  const replace = classify(desired, live, { error: immutable });
  assert.equal(replace.action === "replace" && replace.fields, ["spec.template"]);
  assert.is(replace.action === "replace" && replace.message, "spec.template: field is immutable", "without the value the server prints");
  const clusterIp = new ClusterApiError(422, "x", 'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.9"]: may not change once set', "Invalid", [
    { field: "spec.clusterIPs[0]", reason: "FieldValueInvalid", message: 'Invalid value: ["10.96.0.9"]: may not change once set' },
  ]);
  const service = classify(desired, live, { error: clusterIp });
  assert.equal(service.action === "replace" && [service.fields, service.message], [["spec.clusterIPs[0]"], "spec.clusterIPs[0]: may not change once set"]);
  assert.equal(immutableFields(new ClusterApiError(422, "x", 'StatefulSet.apps "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than ... are forbidden', "Invalid")), ["(see message)"]);
  // The real server's 409 (kubectl scale, then kubectl set image): one cause per field, naming its manager.
  const conflict = classify(desired, live, { error: new ClusterApiError(409, "x", 'Apply failed with 2 conflicts: conflicts with "kubectl" with subresource "scale" using apps/v1:\n- .spec.replicas\nconflicts with "kubectl-set" using apps/v1:\n- .spec.template.spec.containers[name="web"].image', "Conflict", [
    { reason: "FieldManagerConflict", message: 'conflict with "kubectl" with subresource "scale" using apps/v1', field: ".spec.replicas" },
    { reason: "FieldManagerConflict", message: 'conflict with "kubectl-set" using apps/v1', field: '.spec.template.spec.containers[name="web"].image' },
  ]) });
  assert.equal(conflict.action === "conflict" && conflict.owners, [
    { field: ".spec.replicas", manager: "kubectl", subresource: "scale" }, { field: '.spec.template.spec.containers[name="web"].image', manager: "kubectl-set" },
  ]);
  assert.equal(conflict.action === "conflict" && describeOwners(conflict), [
    '.spec.replicas: owned by "kubectl" (written through the scale subresource)', '.spec.template.spec.containers[name="web"].image: owned by "kubectl-set"',
  ]);
  assert.equal(describeOwners({ owners: [], message: "Apply failed with 1 conflict:\n- .x" }), ["Apply failed with 1 conflict:", "- .x"], "no causes: the server's message");
  // A PersistentVolume's source: the server appends a struct diff to the message, which is left out.
  const source = new ClusterApiError(422, "x", 'PersistentVolume "disk" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n@@ -2,7 +2,7 @@\n  "HostPath": {\n-  "Path": "/srv/a",\n+  "Path": "/srv/b",', "Invalid", [
    { reason: "FieldValueForbidden", field: "spec.persistentvolumesource", message: 'Forbidden: spec.persistentvolumesource is immutable after creation\n@@ -2,7 +2,7 @@\n  "HostPath": {\n-  "Path": "/srv/a",\n+  "Path": "/srv/b",' },
  ]);
  const volume = classify(desired, live, { error: source });
  assert.equal(volume.action === "replace" && [volume.fields, volume.message], [["spec.persistentvolumesource"], "spec.persistentvolumesource: spec.persistentvolumesource is immutable after creation"]);
  const invalid = classify(desired, undefined, { error: new ClusterApiError(422, "x", 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', "Invalid") });
  assert.equal(invalid, { action: "rejected", message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1' });
  // An immutable-field error for an object that does not exist yet is a plain rejection.
  assert.is(classify(desired, undefined, { error: immutable }).action, "rejected");
});

const preview = (manifest: Manifest, change: ObjectPreview["change"]): ObjectPreview => ({
  object: { id: idOf(manifest), key: keyOf(idOf(manifest)), manifest, step: 1, rank: 0 }, manifest, change,
});

test("rendered diff: a unified diff per change, one line per unchanged object, a summary; exit codes", () => {
  const secretBefore: Manifest = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "demo" }, data: { PASSWORD: "b2xk", USER: "YWRtaW4=" } };
  const secretAfter: Manifest = { ...secretBefore, data: { PASSWORD: "bmV3", USER: "YWRtaW4=" } };
  const previews = [
    preview(desired, { action: "update", before: live, after: withImage("nginx:1.28") }),
    preview(secretAfter, { action: "update", before: secretBefore, after: secretAfter }),
    preview({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "demo" } }, { action: "unchanged", before: live, takesOwnership: false }),
  ];
  const text = renderDiff(previews);
  assert.is(text, [
    "~ update Deployment demo/web",
    "--- Deployment demo/web (live)",
    "+++ Deployment demo/web (after apply)",
    "@@ -10,6 +10,6 @@",
    "   template:",
    "     spec:",
    "       containers:",
    "-        - image: nginx:1.27",
    "+        - image: nginx:1.28",
    "           imagePullPolicy: IfNotPresent",
    "           name: web",
    "~ update Secret demo/db",
    "--- Secret demo/db (live)",
    "+++ Secret demo/db (after apply)",
    "@@ -4,5 +4,5 @@",
    "   name: db",
    "   namespace: demo",
    " data:",
    "-  PASSWORD: '*** (before)'",
    "+  PASSWORD: '*** (after)'",
    "   USER: '***'",
    "= unchanged ConfigMap demo/c",
    "Diff: 2 to update, 1 unchanged",
    "",
  ].join("\n"));
  assert.equal(summarize(previews), { create: 0, update: 2, unchanged: 1, replace: 0, conflict: 0, rejected: 0, prune: 0 });
  assert.is(diffExitCode(summarize(previews)), 2);
  assert.is(diffExitCode(summarize([previews[2]!])), 0);
  assert.is(diffExitCode(summarize([previews[2]!], 1)), 2, "objects to prune are changes");
  assert.is(diffExitCode(summarize([preview(desired, { action: "rejected", message: "no" })])), 1);
  // Colour: ANSI codes on the +/- lines and headers, and the same text underneath.
  const colored = renderDiff(previews, { color: true });
  assert.ok(colored.includes("\u001b[32m+        - image: nginx:1.28\u001b[39m"));
  assert.is(colored.replace(/\u001b\[\d+m/g, ""), text);
});

test("rendered diff: creates show the whole object; replacements, conflicts and rejections say why", () => {
  const config: Manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "demo" }, data: { A: "1" } };
  const text = renderDiff([
    preview(config, { action: "create", after: config, unverified: "namespace demo is created by this plan first" }),
    preview(desired, { action: "replace", before: live, desired, fields: ["spec.selector"], message: "spec.selector: field is immutable" }),
    preview(desired, { action: "conflict", before: live, message: 'Apply failed with 1 conflict: conflict with "kubectl-edit"', owners: [{ field: ".spec.replicas", manager: "kubectl-edit" }], forced: { ...live, spec: { ...(live["spec"] as object), replicas: 3 } } }),
    preview(desired, { action: "rejected", message: "namespaces \"gone\" not found" }),
  ], {
    prune: {
      delete: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "old", namespace: "demo" } }],
      kept: [{ manifest: { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "demo" } }, reason: "a PersistentVolumeClaim is never pruned" }],
      proof: "applied by field manager piceli with --set shop",
    },
  });
  assert.is(text, [
    "+ create ConfigMap demo/c (not checked by the server: namespace demo is created by this plan first)",
    "--- ConfigMap demo/c (live)", "+++ ConfigMap demo/c (after apply)", "@@ -0,0 +1,7 @@",
    "+apiVersion: v1", "+kind: ConfigMap", "+metadata:", "+  name: c", "+  namespace: demo", "+data:", "+  A: '1'",
    "! replace needed Deployment demo/web: spec.selector cannot change in place", "    spec.selector: field is immutable",
    "! conflict Deployment demo/web: other field managers own fields this apply changes (--force-conflicts takes them over)",
    '    .spec.replicas: owned by "kubectl-edit"',
    "--- Deployment demo/web (live)", "+++ Deployment demo/web (after apply --force-conflicts)", "@@ -4,7 +4,7 @@",
    "   name: web", "   namespace: demo", " spec:", "-  replicas: 2", "+  replicas: 3", "   strategy:", "     type: RollingUpdate", "   template:",
    'x rejected Deployment demo/web: namespaces "gone" not found',
    "- prune ConfigMap demo/old (applied by field manager piceli with --set shop, gone from the code)",
    "= keep PersistentVolumeClaim demo/data (not pruned: a PersistentVolumeClaim is never pruned)",
    "Diff: 1 to create, 1 need replacement, 1 to prune, 1 with conflicts, 1 rejected",
    "",
  ].join("\n"));
});

test.run();
