// The commands that never contact a cluster (synth, list, plan, import from files, completion) never load
// @kubernetes/client-node (a second or more of CPU), with a config file or without: each runs as `piceli` does, in a
// child process that logs every module it loads (spec/module-log.mjs). `status`, which connects, shows the log sees it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { clientNodeModules, piceliLoggingModules, type LoggedRun } from "../helpers.js";
import { folderWith, tempDir } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const configEntry = join(root, "lib/config.ts");
const deployEntry = join(root, "lib/deploy/index.ts");
const unreachable = "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:9'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n";
const app = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  LEVEL: info\n";
const listed = "NAME      KIND       NAMESPACE  SOURCE\nsettings  ConfigMap  shop       app.yaml: document 1\n";

/** Asserts the run succeeded, loaded piceli's CLI (the log works) and nothing of @kubernetes/client-node. */
function assertOffline(run: LoggedRun, what: string): void {
  assert.is(run.code, 0, `${what}: ${run.stderr}`);
  assert.ok(run.modules.some((m) => m.endsWith("/lib/cli.ts")), `${what}: the log holds what the command loaded`);
  const loaded = clientNodeModules(run);
  assert.ok(loaded.length === 0, `${what} loaded @kubernetes/client-node: ${loaded.length} modules, the first ${loaded[0]}`);
}

test("synth, list, plan, import and completion load no @kubernetes/client-node: without a config file, with a YAML one, and with a piceli.config.ts that imports piceli/config (ES module or CommonJS) or piceli/deploy", () => {
  const plain = folderWith({ "app.yaml": app });
  const synth = piceliLoggingModules(["synth", "app.yaml"], { cwd: plain });
  assertOffline(synth, "synth");
  assert.is(synth.stdout, app);

  const yaml = folderWith({ "app.yaml": app, "piceli.config.yaml": "files: [app.yaml]\n" });
  const listYaml = piceliLoggingModules(["list"], { cwd: yaml });
  assertOffline(listYaml, "list with piceli.config.yaml");
  assert.is(listYaml.stdout, listed);

  const config = `import { defineConfig } from ${JSON.stringify(configEntry)};\nexport default defineConfig({ files: ["app.yaml"] });\n`;
  // With "type": "module" tsx loads the config file as an ES module; without, as CommonJS, and all it imports too.
  const esm = folderWith({ "app.yaml": app, "piceli.config.ts": config, "package.json": '{ "type": "module" }\n' });
  const listEsm = piceliLoggingModules(["list"], { cwd: esm });
  assertOffline(listEsm, "list with an ES module piceli.config.ts");
  assert.is(listEsm.stdout, listed);
  assert.ok(listEsm.modules.includes(`file://${join(esm, "piceli.config.ts")}`), "the config file was loaded");

  const commonJs = folderWith({ "app.yaml": app, "piceli.config.ts": config });
  const plan = piceliLoggingModules(["plan"], { cwd: commonJs });
  assertOffline(plan, "plan with a CommonJS piceli.config.ts");
  assert.is(plan.stdout, "Plan: 1 object in 1 step\nStep 1:\n  ConfigMap shop/settings\n");
  assert.ok(plan.modules.some((m) => m.startsWith(`${configEntry}?`)), "what the config file imports was loaded as CommonJS");

  // piceli/deploy exports defineConfig too: it loads more than piceli/config, but not the client either.
  const deploy = folderWith({ "app.yaml": app, "piceli.config.ts": config.replace(JSON.stringify(configEntry), JSON.stringify(deployEntry)) });
  const synthDeploy = piceliLoggingModules(["synth"], { cwd: deploy });
  assertOffline(synthDeploy, "synth with a piceli.config.ts that imports piceli/deploy");
  assert.is(synthDeploy.stdout, app);
  assert.ok(synthDeploy.modules.some((m) => m.startsWith(`${deployEntry}?`)), "the config file loaded piceli/deploy");

  const out = join(tempDir(), "imports");
  const imported = piceliLoggingModules(["import", join(root, "examples/crds/backups.example.com.yaml"), "--out", out], { cwd: commonJs });
  assertOffline(imported, "import from a file");
  assert.is(imported.stderr, `wrote ${join(out, "example.com.ts")}: Backup (v1)\n`);

  const completion = piceliLoggingModules(["completion", "bash"], { cwd: commonJs });
  assertOffline(completion, "completion");
  assert.match(completion.stdout, /^# piceli completion for bash\./);
});

test("the log sees @kubernetes/client-node when a command loads it: status connects (to a server that is not there)", () => {
  const dir = folderWith({ "app.yaml": app, kubeconfig: unreachable });
  const status = piceliLoggingModules(["status", "--kubeconfig", "kubeconfig", "app.yaml"], { cwd: dir });
  assert.is(status.code, 1);
  assert.match(status.stderr, /^error: cannot reach the cluster at https:\/\/127\.0\.0\.1:9: connection refused/);
  assert.ok(clientNodeModules(status).length > 100, `client-node modules logged: ${clientNodeModules(status).length}`);
});

test("piceli/deploy loads @kubernetes/client-node when it connects, not before", () => {
  const dir = folderWith({ kubeconfig: unreachable });
  const script = join(dir, "connect.mjs");
  writeFileSync(script, [
    'import { appendFileSync } from "node:fs";',
    `const { Cluster } = await import(${JSON.stringify(deployEntry)});`,
    'appendFileSync(process.env.PICELI_MODULE_LOG, "connecting\\n");',
    `const cluster = await Cluster.connect({ kubeconfig: ${JSON.stringify(join(dir, "kubeconfig"))} });`,
    "console.log(cluster.server);",
  ].join("\n"));
  const run = piceliLoggingModules([], { cwd: root, node: ["--import", "tsx"], script });
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stdout, "https://127.0.0.1:9\n");
  const connecting = run.modules.indexOf("connecting");
  assert.ok(run.modules.indexOf(`file://${deployEntry}`) < connecting, "piceli/deploy was loaded first");
  const before = clientNodeModules({ ...run, modules: run.modules.slice(0, connecting) });
  assert.is(before.length, 0, `importing piceli/deploy loaded ${before[0]}`);
  assert.ok(clientNodeModules(run).length > 100, "connecting loaded the client");
});

test("piceli/config loads defineConfig's own module and nothing else", () => {
  const script = join(tempDir(), "import-config.mjs");
  writeFileSync(script, `await import(${JSON.stringify(configEntry)});\n`);
  const run = piceliLoggingModules([], { cwd: root, node: ["--import", "tsx"], script });
  assert.is(run.code, 0, run.stderr);
  const loaded = run.modules.filter((m) => !m.includes("/node_modules/tsx/") && !m.includes("/node_modules/esbuild/") && m !== `file://${script}`);
  assert.equal(loaded, [`file://${configEntry}`, `file://${join(root, "lib/deploy/cli/define-config.ts")}`]);
});

test.run();
