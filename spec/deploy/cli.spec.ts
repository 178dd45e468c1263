// The `piceli` command line, run in-process; cluster commands go to the API test double (spec/deploy/fake-api-server.ts).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load, loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { startFakeApiServer } from "./fake-api-server.js";
import { captureIo, fixtureText, kubeconfigFile, tempDir } from "./helpers.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const app = fixture("app.yaml");

/** Runs `piceli …argv` in-process (without colour: uvu sets FORCE_COLOR). */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await main(["diff", "apply"].includes(argv[0]!) ? [...argv, "--color", "never"] : argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

test("synth: multi-document YAML in apply order; --format json is a v1 List; --out writes one file per object", async () => {
  const yaml = await run("synth", app);
  assert.is(yaml.code, 0);
  const documents = loadAll(yaml.stdout) as { kind: string }[];
  assert.equal(documents.map((d) => d.kind), ["Namespace", "ConfigMap", "Secret", "Service", "Deployment"]);
  const json = JSON.parse((await run("synth", "--format", "json", app)).stdout) as { kind: string; items: unknown[] };
  assert.equal([json.kind, json.items.length], ["List", 5]);
  const out = join(tempDir(), "out");
  const written = await run("synth", "--out", out, app);
  assert.equal(readdirSync(out), ["01-namespace-demo.yaml", "02-configmap-demo-web-settings.yaml", "03-secret-demo-web-db.yaml", "04-service-demo-web.yaml", "05-deployment-demo-web.yaml"]);
  assert.is(written.stderr, `wrote 5 files to ${out}\n`);
  assert.equal((load(readFileSync(join(out, "05-deployment-demo-web.yaml"), "utf8")) as { kind: string }).kind, "Deployment");
  const again = await run("synth", "--out", out, app);
  assert.is(again.code, 1);
  assert.match(again.stderr, /already holds 5 synthesized file\(s\)/);
});

test("synth writes large plans in chunks of whole documents: exactly synthText's text", async () => {
  const { planApply } = await import("../../lib/deploy/plan/plan.js");
  const { synthChunks, synthText } = await import("../../lib/deploy/synth.js");
  const { job } = await import("../../lib/index.js");
  const plan = planApply(Array.from({ length: 400 }, (_, i) => job(`job-${i}`).image(`registry.example.com/app:${i}`).build() as unknown as Manifest));
  const chunks = [...synthChunks(plan)];
  assert.ok(chunks.length > 1);
  assert.is(chunks.join(""), synthText(plan));
  for (const chunk of chunks.slice(1)) assert.ok(chunk.startsWith("---\napiVersion: batch/v1\n"));
  assert.equal([...synthChunks(plan, "json")], [synthText(plan, "json")]);
});

test("synth of a TypeScript module: what it prints while loading stays out of the YAML", async () => {
  const result = await run("synth", fixture("exports.ts"));
  assert.is(result.code, 0);
  assert.ok(!result.stdout.includes("printed while the module loads"));
  assert.match(result.stderr, /exports\.ts printed 44 characters while loading \(not part of the output; --verbose shows them\)/);
  assert.is((loadAll(result.stdout) as unknown[]).length, 9);
});

test("synth, plan, list: an object the code makes but does not export (nor refers to) is warned of, naming it", async () => {
  const file = fixture("unexported.ts");
  const warnings = [
    `warning: spec/deploy/fixtures/unexported.ts makes Role "reader" in namespace "shop", but no export holds it or refers to it: it is not in the output (export it)`,
    `warning: spec/deploy/fixtures/unexported.ts makes RoleBinding "web-reads" in namespace "shop", but no export holds it or refers to it: it is not in the output (export it)`,
    `warning: spec/deploy/fixtures/unexported.ts makes ConfigMap "forgotten" in namespace "shop", but no export holds it or refers to it: it is not in the output (export it)`,
  ];
  for (const command of ["synth", "plan", "list"]) {
    const result = await run(command, file);
    assert.is(result.code, 0);
    assert.equal(result.stderr.trimEnd().split("\n"), warnings, command);
  }
  const documents = loadAll((await run("synth", file)).stdout) as { kind: string; metadata: { name: string } }[];
  assert.equal(documents.map((d) => `${d.kind}/${d.metadata.name}`), ["ServiceAccount/web", "Service/web", "Deployment/web"]);
  // everything exported: no warning
  assert.is((await run("synth", fixture("references.ts"))).stderr, "");
});

test("synth: an unexported object is warned of even when an object of its kind and name, in another namespace, is in the output", async () => {
  const result = await run("synth", fixture("unexported-namespaces.ts"));
  assert.is(result.code, 0);
  assert.is(result.stderr, `warning: spec/deploy/fixtures/unexported-namespaces.ts makes ConfigMap "settings" in namespace "team-b", but no export holds it or refers to it: it is not in the output (export it)\n`);
  const documents = loadAll(result.stdout) as { kind: string; metadata: { name: string; namespace?: string } }[];
  assert.equal(documents.map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`), ["ConfigMap/team-a/settings", "ConfigMap/team-a/common", "Deployment/team-a/web"]);
});

test("list: NAME, KIND, NAMESPACE, SOURCE", async () => {
  const result = await run("list", "-n", "team", fixture("folder"), fixture("builders.ts"));
  assert.is(result.stdout, [
    "NAME      KIND        NAMESPACE  SOURCE",
    "three     ConfigMap   team       spec/deploy/fixtures/folder/nested/three.yml: document 1",
    "one       ConfigMap   team       spec/deploy/fixtures/folder/one.yaml: document 1",
    "two-a     ConfigMap   team       spec/deploy/fixtures/folder/two.json: document 1, item 1",
    "two-b     ConfigMap   team       spec/deploy/fixtures/folder/two.json: document 1, item 2",
    "settings  ConfigMap   demo       spec/deploy/fixtures/builders.ts: settings",
    "web       Deployment  demo       spec/deploy/fixtures/builders.ts: web",
    "web       Service     demo       spec/deploy/fixtures/builders.ts: web (companion)",
    "",
  ].join("\n"));
});

test("plan: text by default, mermaid and dot on request", async () => {
  const text = await run("plan", app);
  assert.is(text.stdout, [
    "Plan: 5 objects in 4 steps", "Step 1:", "  Namespace demo", "Step 2:", "  ConfigMap demo/web-settings", "  Secret demo/web-db",
    "Step 3:", "  Service demo/web", "Step 4:", "  Deployment demo/web  after ConfigMap demo/web-settings (envFrom), Secret demo/web-db (env)", "",
  ].join("\n"));
  assert.match((await run("plan", "--format", "mermaid", app)).stdout, /^flowchart TB\n/);
  assert.match((await run("plan", "-o", "dot", app)).stdout, /^digraph plan \{\n/);
});

test("diff: exit 2 when something would change, 0 when nothing would; Secrets never printed", async () => {
  const api = await startFakeApiServer();
  try {
    const kubeconfig = kubeconfigFile(api);
    const first = await run("diff", "--kubeconfig", kubeconfig, app);
    assert.is(first.code, 2);
    assert.match(first.stdout, /^\+ create Namespace demo\n/);
    assert.match(first.stdout, /\nDiff: 5 to create\n$/);
    assert.is((await run("apply", "--kubeconfig", kubeconfig, app)).code, 0);
    const same = await run("diff", "--kubeconfig", kubeconfig, app);
    assert.equal([same.code, same.stdout.split("\n").at(-2)], [0, "Diff: 5 unchanged"]);
    const changed = join(tempDir(), "app.yaml");
    writeFileSync(changed, fixtureText("app.yaml").replace("nginx:1.27", "nginx:1.28").replace("s3cret-value-never-printed", "an0ther-s3cret-value"));
    const update = await run("diff", "--kubeconfig", kubeconfig, changed);
    assert.is(update.code, 2);
    assert.match(update.stdout, /\n-\s+image: nginx:1\.27\n\+\s+image: nginx:1\.28\n/);
    assert.match(update.stdout, /\n-  PASSWORD: '\*\*\* \(before\)'\n\+  PASSWORD: '\*\*\* \(after\)'\n/);
    const applied = await run("apply", "--kubeconfig", kubeconfig, changed);
    const everything = [first, same, update, applied].map((r) => r.stdout + r.stderr).join("\n");
    for (const secret of ["s3cret-value-never-printed", "an0ther-s3cret-value", Buffer.from("s3cret-value-never-printed").toString("base64"), Buffer.from("an0ther-s3cret-value").toString("base64")]) {
      assert.not.ok(everything.includes(secret), `a Secret value was printed: ${secret}`);
    }
  } finally {
    await api.stop();
  }
});

test("apply --dry-run changes nothing; a rejected object stops the run before any change with exit 1", async () => {
  const api = await startFakeApiServer({ reject: (o) => (o.kind === "Service" ? "spec.ports[0].port: Invalid value: 80: reserved here" : undefined) });
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    const kubeconfig = kubeconfigFile(api);
    const dry = await run("apply", "--dry-run", "--kubeconfig", kubeconfig, app);
    assert.is(dry.code, 1);
    assert.match(dry.stdout, /^Nothing was applied: the server-side dry run refused:\n  Service demo\/web: rejected by the server: Service "web" is invalid: metadata: spec\.ports\[0\]\.port: Invalid value: 80: reserved here\nResult: the cluster was not changed\.\n$/);
    assert.equal(api.writes(), []);
    const diff = await run("diff", "--kubeconfig", kubeconfig, app);
    assert.is(diff.code, 1);
  } finally {
    await api.stop();
  }
});

test("apply --wait against a server where nothing reconciles: times out, rolls back, exit 1", async () => {
  const api = await startFakeApiServer();
  try {
    const result = await run("apply", "--wait", "--timeout", "1s", "--kubeconfig", kubeconfigFile(api), app);
    assert.is(result.code, 1);
    assert.match(result.stdout, /Apply failed at Deployment demo\/web \(wait\): timed out after 1s waiting for Deployment demo\/web: no controller has reported on it yet/);
    assert.match(result.stdout, /Result: rolled back; nothing this run changed remains \(5 changes undone\)\.\n$/);
    assert.match(result.stderr, /^  checking 5 objects with a server-side dry run on http:\/\/127\.0\.0\.1:\d+\n  waiting for Deployment demo\/web: no controller has reported on it yet /);
    assert.match(result.stdout, /^Applying 5 objects to http:\/\/127\.0\.0\.1:\d+, in 4 steps:\n  created    Namespace demo\n/);
    assert.equal(api.all(), []);
  } finally {
    await api.stop();
  }
});

test("diff --prune shows the decision apply --prune then carries out: only what piceli applied with the set", async () => {
  const api = await startFakeApiServer();
  try {
    const kubeconfig = kubeconfigFile(api);
    const file = (...names: string[]) => {
      const path = join(tempDir(), "objects.yaml");
      writeFileSync(path, names.map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}, namespace: default}\n`).join("---\n"));
      return path;
    };
    assert.is((await run("apply", "--kubeconfig", kubeconfig, "--set", "s1", file("a", "b"))).code, 0);
    api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-kubectl", namespace: "default", labels: { "piceli/set": "s1" } } }, "kubectl-client-side-apply", "Update");
    const diff = await run("diff", "--kubeconfig", kubeconfig, "--set", "s1", "--prune", file("a"));
    assert.is(diff.code, 2);
    assert.is(diff.stdout, [
      "= unchanged ConfigMap default/a",
      "- prune ConfigMap default/b (applied by field manager piceli with --set s1, gone from the code)",
      "= keep ConfigMap default/by-kubectl (not pruned: not applied by piceli: the label is owned by kubectl-client-side-apply (Update), not by a server-side apply of field manager piceli)",
      "Diff: 1 to prune, 1 unchanged",
      "",
    ].join("\n"));
    const applied = await run("apply", "--kubeconfig", kubeconfig, "--set", "s1", "--prune", file("a"));
    assert.is(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /\n  pruned     ConfigMap default\/b\nResult: 1 unchanged, 1 pruned\.\n$/);
    assert.equal(api.all().map((o) => o.metadata.name).sort(), ["a", "by-kubectl"]);
  } finally {
    await api.stop();
  }
});

test("a Secret value the builder rejects is never printed by any command, only what is wrong with it", async () => {
  for (const command of ["synth", "list", "plan", "diff", "apply"]) {
    const result = await run(command, fixture("plain-secret.ts"));
    assert.is(result.code, 1);
    assert.is(result.stdout, "");
    assert.match(result.stderr, /^error: .*plain-secret\.ts: export "credentials": Secret "s1" is invalid:\n  data\["password"\]: expected base64 text \(standard alphabet, padded\), received a secret value \(not shown\) of 22 characters: /);
    assert.not.ok(result.stderr.includes("Sup3rS3cretPlainValue!"), `${command} printed the value`);
  }
});

test("errors: one line saying what, where, expected and received; exit 1", async () => {
  const bad = join(tempDir(), "bad.yaml");
  writeFileSync(bad, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
  const invalid = await run("synth", bad);
  assert.is(invalid.code, 1);
  assert.match(invalid.stderr, /^error: .*bad\.yaml: document 2, line \d+, column \d+: not valid YAML: /);
  const api = await startFakeApiServer();
  const kubeconfig = kubeconfigFile(api);
  await api.stop();
  const down = await run("diff", "--kubeconfig", kubeconfig, app);
  assert.is(down.code, 1);
  assert.match(down.stderr, /^error: cannot reach the cluster at http:\/\/127\.0\.0\.1:\d+: connection refused/);
  assert.is((await run("diff", "--kubeconfig", kubeconfig, "--context", "nope", app)).stderr, 'error: context "nope" is not in the kubeconfig; its contexts are: fake, other\n');
  assert.is((await run("ship", app)).stderr, 'error: unknown command "ship": expected one of synth, list, plan, diff, apply, status, import, completion (see piceli --help)\n');
  assert.match((await run("--help")).stdout, /^Usage: piceli <command>/);
});

test.run();
