// End-to-end: the `piceli` command against a REAL cluster (see harness.ts). Every test works in namespaces of its own.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import * as assert from "uvu/assert";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { cluster, clusterSuite, id, namespaceName, piceli as piceliCommand, printedAnywhere, snapshot, tempFile, written } from "./harness.js";
import { startProxy } from "./proxy.js";

const test = clusterSuite("deploy");
const app = fileURLToPath(new URL("fixtures/app.ts", import.meta.url));
const secretValue = `e2e-secret-${randomBytes(8).toString("hex")}`;
const freshNamespace = namespaceName;
const yamlFile = tempFile;

/** `piceli <args>` with the app's Secret value and these PICELI_E2E_* variables. */
function piceli(args: string[], env: Record<string, string> = {}) {
  return piceliCommand(args, { env: { PICELI_E2E_SECRET: secretValue, ...env } });
}

/** Whether a namespace is gone or on its way. */
function goneOrTerminating(object: Manifest | undefined): boolean {
  return object === undefined || (object["status"] as { phase?: string } | undefined)?.phase === "Terminating" || object.metadata["deletionTimestamp"] !== undefined;
}

test("apply creates everything; applying again sends no write (one dry run per object)", async () => {
  const ns = freshNamespace();
  const env = { PICELI_E2E_NAMESPACE: ns };
  const first = await piceli(["apply", app], env);
  assert.is(first.code, 0, first.output);
  assert.match(first.stdout, /\nResult: 5 created\.\n$/);
  const ids = [id("v1", "Namespace", ns), id("v1", "ConfigMap", "settings", ns), id("v1", "Secret", "credentials", ns), id("v1", "Service", "web", ns), id("apps/v1", "Deployment", "web", ns)];
  const before = await snapshot(ids);
  assert.ok(Object.values(before).every((o) => o !== undefined), "every object exists");
  const proxy = await startProxy();
  const second = await piceliCommand(["apply", app], { kubeconfig: proxy.kubeconfig, env: { PICELI_E2E_SECRET: secretValue, ...env } }).finally(() => proxy.close());
  assert.is(second.code, 0, second.output);
  assert.match(second.stdout, /\nResult: 5 unchanged\.\n$/);
  assert.equal(proxy.writes(), [], "nothing was written");
  assert.is(proxy.requests.filter((r) => r.method === "PATCH").length, 5, "one dry run per object");
  assert.equal(await snapshot(ids), before);
});

test("a controller writing an object between piceli's read and its dry run is no change: diff exits 0, apply writes nothing", async () => {
  const ns = freshNamespace();
  const env = { PICELI_E2E_NAMESPACE: ns };
  assert.is((await piceli(["apply", app], env)).code, 0);
  const web = `/apis/apps/v1/namespaces/${ns}/deployments/web`;
  for (const command of ["diff", "apply"]) {
    // Just before the Deployment's dry run, another manager annotates it (as the Deployment controller writes its revision).
    let touched = false;
    const proxy = await startProxy({
      beforeForward: async (request) => {
        if (touched || request.method !== "PATCH" || !request.url.startsWith(`${web}?`)) return;
        touched = true;
        await cluster().transport.request({
          method: "PATCH", path: `${web}?fieldManager=e2e-controller`, contentType: "application/merge-patch+json",
          body: { metadata: { annotations: { [`e2e.piceli.dev/${command}`]: "touched" } } }, action: `annotate Deployment ${ns}/web`,
        });
      },
    });
    const result = await piceliCommand([command, app], { kubeconfig: proxy.kubeconfig, env: { PICELI_E2E_SECRET: secretValue, ...env } }).finally(() => proxy.close());
    assert.ok(touched, "the Deployment was written between the read and the dry run");
    assert.is(result.code, 0, result.output);
    assert.ok(result.stdout.endsWith(command === "diff" ? "\nDiff: 5 unchanged\n" : "\nResult: 5 unchanged.\n"), result.output);
    assert.equal(proxy.writes(), [], "nothing was written");
    const afterDryRun = proxy.requests.slice(proxy.requests.findIndex((r) => r.method === "PATCH" && r.url.startsWith(`${web}?`)) + 1);
    assert.ok(afterDryRun.some((r) => r.method === "GET" && r.url.startsWith(web)), "the Deployment was read again");
  }
});

test("an update (image, env, replicas, a ConfigMap value, a Secret value) shows in diff, Secret masked, and is applied to the same objects", async () => {
  const ns = freshNamespace();
  assert.is((await piceli(["apply", app], { PICELI_E2E_NAMESPACE: ns })).code, 0);
  const c = cluster();
  const ids = [id("apps/v1", "Deployment", "web", ns), id("v1", "ConfigMap", "settings", ns), id("v1", "Secret", "credentials", ns)];
  const uids = (await Promise.all(ids.map((i) => c.get(i)))).map((o) => o!.metadata["uid"]);
  const same = await piceli(["diff", app], { PICELI_E2E_NAMESPACE: ns });
  assert.is(same.code, 0, same.output);
  const newSecret = `e2e-rotated-${randomBytes(8).toString("hex")}`;
  const changed = {
    PICELI_E2E_NAMESPACE: ns, PICELI_E2E_IMAGE: "nginx:1.28", PICELI_E2E_MODE: "green", PICELI_E2E_REPLICAS: "3", PICELI_E2E_LOG_LEVEL: "debug", PICELI_E2E_SECRET: newSecret,
  };
  const diff = await piceliCommand(["diff", app], { env: changed });
  assert.is(diff.code, 2, diff.output);
  assert.match(diff.stdout, /^~ update Deployment .*\/web$/m);
  assert.match(diff.stdout, /^-\s+(- )?image: nginx:1\.27$/m);
  assert.match(diff.stdout, /^\+\s+(- )?image: nginx:1\.28$/m);
  assert.match(diff.stdout, /^-\s+value: blue$/m);
  assert.match(diff.stdout, /^\+\s+value: green$/m);
  assert.match(diff.stdout, /^-\s+replicas: 1$/m);
  assert.match(diff.stdout, /^\+\s+replicas: 3$/m);
  assert.match(diff.stdout, /^~ update ConfigMap .*\/settings$/m);
  assert.match(diff.stdout, /^-\s+LOG_LEVEL: info$/m);
  assert.match(diff.stdout, /^\+\s+LOG_LEVEL: debug$/m);
  assert.match(diff.stdout, /^~ update Secret .*\/credentials$/m);
  assert.match(diff.stdout, /^-\s+PASSWORD: '?\*\*\* \(before\)'?$/m);
  assert.match(diff.stdout, /^\+\s+PASSWORD: '?\*\*\* \(after\)'?$/m);
  assert.match(diff.stdout, /\nDiff: 3 to update, 2 unchanged\n$/);
  const applied = await piceliCommand(["apply", app], { env: changed });
  assert.is(applied.code, 0, applied.output);
  assert.match(applied.stdout, /\nResult: 3 updated, 2 unchanged\.\n$/);
  const [web, settings, credentials] = await Promise.all(ids.map((i) => c.get(i)));
  assert.equal([web, settings, credentials].map((o) => o!.metadata["uid"]), uids, "the same objects, patched");
  const spec = (web!["spec"] as any);
  assert.is(spec.replicas, 3);
  assert.is(spec.template.spec.containers[0].image, "nginx:1.28");
  assert.equal(spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === "MODE"), { name: "MODE", value: "green" });
  assert.equal(settings!["data"], { LOG_LEVEL: "debug" });
  assert.equal(credentials!["data"], { PASSWORD: Buffer.from(newSecret).toString("base64") });
  assert.not.ok(printedAnywhere(newSecret), "the new Secret value was printed");
});

test("--dry-run changes nothing", async () => {
  const ns = freshNamespace();
  assert.is((await piceli(["apply", app], { PICELI_E2E_NAMESPACE: ns })).code, 0);
  const c = cluster();
  const before = (await c.get(id("apps/v1", "Deployment", "web", ns)))!;
  const dry = await piceli(["apply", "--dry-run", app], { PICELI_E2E_NAMESPACE: ns, PICELI_E2E_IMAGE: "nginx:1.29" });
  assert.is(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /^Dry run on .* \(server side\): nothing was changed\.$/m);
  assert.match(dry.stdout, /^ +would update +Deployment .*\/web$/m);
  const after = (await c.get(id("apps/v1", "Deployment", "web", ns)))!;
  // the Deployment controller may still write status and its revision annotation, so the spec's generation is compared
  assert.is(after.metadata["generation"], before.metadata["generation"]);
  assert.is((after["spec"] as any).template.spec.containers[0].image, "nginx:1.27");
});

test("a failure half-way (an object the server rejects) rolls back exactly what that run changed", async () => {
  const existing = freshNamespace();
  const fresh = freshNamespace();
  const configMap = (name: string, namespace: string, data: Record<string, string>) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join("\n")}\n`;
  const base = yamlFile([`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${existing}\n`, configMap("settings", existing, { MODE: "v1" }), configMap("untouched", existing, { KEEP: "me" })].join("---\n"));
  assert.is((await piceli(["apply", base])).code, 0);
  const c = cluster();
  const untouchedBefore = (await c.get(id("v1", "ConfigMap", "untouched", existing)))!;
  const settingsBefore = (await c.get(id("v1", "ConfigMap", "settings", existing)))!;
  // The new namespace's objects cannot be dry run before it exists, so the server rejects the bad one only when applied.
  const next = yamlFile([
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${existing}\n`,
    configMap("untouched", existing, { KEEP: "me" }),
    configMap("settings", existing, { MODE: "v2" }),
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${fresh}\n`,
    configMap("good", fresh, { A: "1" }),
    configMap("bad", fresh, { "not a valid key!": "x" }),
  ].join("---\n"));
  const failed = await piceli(["apply", next]);
  assert.is(failed.code, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, new RegExp(`Apply failed at ConfigMap ${fresh}/bad \\(apply\\): apply ConfigMap ${fresh}/bad: Invalid \\(HTTP 422\\)`));
  assert.match(failed.stdout, new RegExp(`\\n  deleted +ConfigMap ${fresh}/good: created by this run\\n  restored +ConfigMap ${existing}/settings: back to its state before this run\\n  deleted +Namespace ${fresh}: created by this run`));
  assert.match(failed.stdout, /Result: rolled back; nothing this run changed remains \(3 changes undone\)\.\n$/);
  assert.equal(written((await c.get(id("v1", "ConfigMap", "settings", existing)))!), written(settingsBefore), "content and field owners as before");
  assert.is((await c.get(id("v1", "ConfigMap", "untouched", existing)))!.metadata["resourceVersion"], untouchedBefore.metadata["resourceVersion"], "untouched");
  assert.ok((await c.get(id("v1", "Namespace", existing))) !== undefined, "pre-existing namespace kept");
  assert.is(await c.get(id("v1", "ConfigMap", "good", fresh)), undefined);
  assert.ok(goneOrTerminating(await c.get(id("v1", "Namespace", fresh))));
});

test("--wait where no pod can run: fails before the timeout, naming the pod the scheduler cannot place, then rollback", async () => {
  const ns = freshNamespace();
  // The test cluster has no nodes: the scheduler marks the web pod Unschedulable, and the wait says so at once.
  const result = await piceli(["apply", "--wait", "--timeout", "100s", app], { PICELI_E2E_NAMESPACE: ns, PICELI_E2E_IMAGE: "registry.invalid/piceli-e2e:never" });
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`Apply failed at Deployment ${ns}/web \\(wait\\): pod web-[a-z0-9]+-[a-z0-9]+: Unschedulable: no nodes available to schedule pods\n`));
  assert.match(result.stdout, /Result: rolled back; nothing this run changed remains \(5 changes undone\)\.\n$/);
  const c = cluster();
  assert.is(await c.get(id("apps/v1", "Deployment", "web", ns)), undefined);
  assert.is(await c.get(id("v1", "Secret", "credentials", ns)), undefined);
  assert.ok(goneOrTerminating(await c.get(id("v1", "Namespace", ns))));
});

test("Secrets never appear in output", () => {
  assert.not.ok(printedAnywhere(secretValue), "a Secret value was printed");
});


test.run();
