// --create-namespace, status and --rerun-jobs through the CLI, against the in-process API test double
// (spec/deploy/fake-api-server.ts), not a real cluster: spec/e2e/operability.e2e.ts runs them against one.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import { changedPaths } from "../../lib/deploy/diff/status.js";
import { startFakeApiServer, type FakeApiServer } from "./fake-api-server.js";
import { captureIo, kubeconfigFile, tempDir } from "./helpers.js";

async function withApi(run: (api: FakeApiServer, piceli: (...argv: string[]) => Promise<{ code: number; stdout: string; stderr: string }>) => Promise<void>, options = {}): Promise<void> {
  const api = await startFakeApiServer(options);
  const kubeconfig = kubeconfigFile(api);
  const piceli = async (...argv: string[]) => {
    const io = captureIo();
    const code = await main([...argv, "--kubeconfig", kubeconfig, "--color", "never"], io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };
  try {
    await run(api, piceli);
  } finally {
    await api.stop();
  }
}

function yamlFile(...documents: string[]): string {
  const file = join(tempDir(), "objects.yaml");
  writeFileSync(file, documents.join("---\n"));
  return file;
}
const configMap = (ns: string, name: string, data: Record<string, string> = {}) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: ${JSON.stringify(data)}\n`;
const job = (image: string, annotations = "") =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: default${annotations}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: "${image}"}]\n`;

test("a namespace the identity may not read (a Role confined to it) counts as there: what is in it is applied", () => withApi(async (api, piceli) => {
  await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  const applied = await piceli("apply", yamlFile(configMap("team", "a")));
  assert.is(applied.code, 0, applied.stdout + applied.stderr);
  assert.match(applied.stdout, /\nResult: 1 created\.\n$/);
  assert.ok(api.get("v1", "ConfigMap", "a", "team"));
}, { forbid: ({ resource }: { resource: string }) => (resource === "namespaces" ? "system:serviceaccount:team:deployer" : undefined) }));

test("a missing namespace the code does not declare: an error listing it before anything is sent; --create-namespace creates it first", () => withApi(async (api, piceli) => {
  const file = yamlFile(configMap("team", "a"), configMap("team", "b"), configMap("team", "c"), configMap("team", "d"));
  const refused = await piceli("apply", file);
  assert.equal([refused.code, refused.stderr], [1, [
    "error: a namespace does not exist in the cluster and the input does not declare it:",
    "  team: needed by ConfigMap team/a, ConfigMap team/b, ConfigMap team/c and 1 more",
    "nothing was sent. Declare it (a Namespace object in the code), or pass --create-namespace: piceli then creates it first, and deletes it again if the run fails",
    "",
  ].join("\n")]);
  assert.equal(api.writes(), []);
  const dry = await piceli("apply", "--dry-run", "--create-namespace", file);
  assert.match(dry.stdout, /^Namespace team is not in the code and objects need it: --create-namespace creates it first\.\nDry run on .*\n  would create  Namespace team\n/);
  assert.equal(api.writes(), []);
  const created = await piceli("apply", "--create-namespace", file);
  assert.is(created.code, 0, created.stdout + created.stderr);
  assert.match(created.stdout, /^Namespace team is not in the code and objects need it: --create-namespace creates it first \(and deletes it again if the run fails\)\.\nApplying 5 objects to .*, in 2 steps:\n  created    Namespace team\n/);
  assert.equal(api.get("v1", "Namespace", "team")!.metadata.labels, { "kubernetes.io/metadata.name": "team" }, "nothing but its name and the server's own label");
  // The added namespace is no object of the code: not labelled with --set (so never "extra" in status, never pruned).
  assert.is((await piceli("apply", "--create-namespace", "--set", "shop", yamlFile(configMap("team2", "a")))).code, 0);
  assert.equal(api.get("v1", "Namespace", "team2")!.metadata.labels, { "kubernetes.io/metadata.name": "team2" });
  assert.equal(api.get("v1", "ConfigMap", "a", "team2")!.metadata.labels, { "piceli/set": "shop" });
  // Declared in the code, or already there: no error, no note.
  const declared = await piceli("apply", yamlFile("apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n", configMap("other", "x")));
  assert.equal([declared.code, declared.stderr.includes("Namespace")], [0, false]);
}));

test("--create-namespace: a failed run deletes the namespace it created", () => withApi(async (api, piceli) => {
  const result = await piceli("apply", "--create-namespace", yamlFile(configMap("team", "good"), configMap("team", "bad")));
  assert.is(result.code, 1);
  assert.match(result.stdout, /\n  deleted    ConfigMap team\/good: created by this run\n  deleted    Namespace team: created by this run \(the namespace finishes terminating in the background\)\n/);
  assert.is(api.get("v1", "Namespace", "team"), undefined);
}, { reject: (o: { metadata: { name: string } }) => (o.metadata.name === "bad" ? "data: Invalid value: rejected here" : undefined) }));

test("status: in sync, differs with the fields, missing, extra (with --set); changes nothing", () => withApi(async (api, piceli) => {
  await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
  assert.is((await piceli("apply", "--set", "shop", yamlFile(configMap("demo", "same", { A: "1" }), configMap("demo", "changed", { A: "1" }), configMap("demo", "old")))).code, 0);
  await api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-hand", namespace: "demo", labels: { "piceli/set": "shop" } } }, "kubectl");
  api.requests.length = 0;
  const result = await piceli("status", "--set", "shop", yamlFile(configMap("demo", "same", { A: "1" }), configMap("demo", "changed", { A: "2", B: "3" }), configMap("demo", "new")));
  assert.is(result.code, 2);
  assert.match(result.stdout, /^Status of 3 objects on http:\/\/127\.0\.0\.1:\d+:\n  in sync    ConfigMap demo\/same\n  differs    ConfigMap demo\/changed: data\.A, data\.B\n  missing    ConfigMap demo\/new\n  extra      ConfigMap demo\/old: labelled piceli\/set=shop, gone from the code; --prune deletes it\n  extra      ConfigMap demo\/by-hand: labelled piceli\/set=shop, gone from the code; --prune keeps it: not applied by piceli: the label is owned by kubectl \(Apply\), not by a server-side apply of field manager piceli\nStatus: 1 in sync, 1 differs, 1 missing, 2 extra\.\n$/);
  assert.equal(api.writes(), []);
  assert.equal(changedPaths({ spec: { replicas: 1, template: { a: [1] } } }, { spec: { replicas: 2, template: { a: [2] } }, status: {} }), ["spec.replicas", "spec.template.a", "status"]);
}));

test("--rerun-jobs: a finished Job is deleted and created again, never silently; a running one is left alone; rollback says the old one stays deleted", () => withApi(async (api, piceli) => {
  assert.is((await piceli("apply", yamlFile(job("app:1")))).code, 0);
  const first = api.get("batch/v1", "Job", "migrate", "default")!;
  const again = await piceli("apply", yamlFile(job("app:2")));
  assert.match(again.stdout, /needs replacement: .*--replace deletes and creates it again \(it has not finished, so --rerun-jobs would leave it alone\)\n/);
  api.setStatus("batch/v1", "Job", "migrate", "default", { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] });
  const rerun = await piceli("apply", "--rerun-jobs", yamlFile(job("app:2")));
  assert.is(rerun.code, 0, rerun.stdout + rerun.stderr);
  assert.match(rerun.stdout, /\n  rerun      Job default\/migrate: it had finished \(Complete\): deleted and created again, so it runs once more \(--rerun-jobs\)\nResult: 1 rerun\.\n$/);
  const second = api.get("batch/v1", "Job", "migrate", "default")!;
  assert.is.not(second.metadata.uid, first.metadata.uid);
  assert.is(second.spec.template.spec.containers[0].image, "app:2");
  const running = await piceli("apply", "--rerun-jobs", yamlFile(job("app:2")));
  assert.match(running.stdout, /\n  unchanged  Job default\/migrate\nResult: 1 unchanged\.\n$/);
  // The annotation asks for it without the flag; a failed wait rolls back: the new Job is deleted, the old one not made again.
  api.setStatus("batch/v1", "Job", "migrate", "default", { failed: 1, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] });
  const annotated = await piceli("apply", "--wait", "--timeout", "1s", yamlFile(job("app:2", ", annotations: {piceli/rerun: 'true'}")));
  assert.is(annotated.code, 1);
  assert.match(annotated.stdout, /\n  rerun      Job default\/migrate: it had finished \(Failed\): deleted and created again, so it runs once more \(annotation piceli\/rerun\)\n/);
  assert.match(annotated.stdout, /\n  deleted    Job default\/migrate: created by this run; the finished Job it replaced is not created again \(that would run it once more\)\nResult: rolled back \(1 change undone\), except that the 1 finished Job this run re-ran stays deleted\.\n$/);
  assert.is(api.get("batch/v1", "Job", "migrate", "default"), undefined);
}));

test.run();
