// Who owns a field: one another field manager changed (kubectl scale, kubectl set image, a server-side apply by
// another manager) is not silently taken back. diff and apply name each such field and its manager and apply changes
// nothing; --force-conflicts takes the fields over. Each test in a namespace of its own.
import * as assert from "uvu/assert";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { cluster, clusterSuite, freshNamespace, id, piceli, snapshot, yamlOf } from "./harness.js";
import { kubectl } from "./kubectl.js";

const test = clusterSuite("ownership");

const web = (ns: string, replicas: number, image: string) => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: ns },
  spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image }] } } },
});
const settings = (ns: string, level: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data: { LOG_LEVEL: level, MODE: "blue" } });

/** The `managedFields` entries of an object (without the status subresource's). */
function managers(object: Manifest): { manager: string; operation: string; subresource?: string; fieldsV1: Record<string, unknown> }[] {
  return (object.metadata["managedFields"] as never[]).filter((e: { subresource?: string }) => e.subresource !== "status");
}

/** Whether `manager`'s entry owns the field at this `fieldsV1` path (`["f:spec", "f:replicas"]`). */
function owns(object: Manifest, manager: string, path: readonly string[]): boolean {
  return managers(object).some((e) => e.manager === manager && path.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], e.fieldsV1) !== undefined);
}

const IMAGE = ["f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"web"}', "f:image"];

test("fields other managers own (kubectl scale, kubectl set image, another manager's server-side apply): diff and apply name each field and manager, nothing changes; --force-conflicts takes them over", async () => {
  const ns = await freshNamespace();
  assert.is((await piceli(["apply", yamlOf(web(ns, 2, "nginx:1.27"), settings(ns, "info"))])).code, 0);
  // Someone operates the app by hand: each change moves the field to kubectl's field manager.
  await kubectl(["-n", ns, "scale", "deployment/web", "--replicas=5"]);
  await kubectl(["-n", ns, "set", "image", "deployment/web", "web=nginx:1.26"]);
  await kubectl(["apply", "--server-side", "--field-manager=ops", "--force-conflicts", "-f", "-"], JSON.stringify(settings(ns, "debug")));
  const ids = [id("apps/v1", "Deployment", "web", ns), id("v1", "ConfigMap", "settings", ns)];
  const before = await snapshot(ids);

  // The code changes the same fields.
  const code = yamlOf(web(ns, 3, "nginx:1.28"), settings(ns, "warn"));
  const diff = await piceli(["diff", code]);
  assert.is(diff.code, 1, diff.output);
  const header = (what: string) => `! conflict ${what}: other field managers own fields this apply changes (--force-conflicts takes them over)`;
  assert.ok(diff.stdout.includes([
    header(`Deployment ${ns}/web`),
    '    .spec.replicas: owned by "kubectl" (written through the scale subresource)',
    '    .spec.template.spec.containers[name="web"].image: owned by "kubectl-set"',
    `--- Deployment ${ns}/web (live)`,
    `+++ Deployment ${ns}/web (after apply --force-conflicts)`,
  ].join("\n")), diff.output);
  // What --force-conflicts would change, as a diff below the owners.
  for (const line of ["-  replicas: 5", "+  replicas: 3", "-        - image: nginx:1.26", "+        - image: nginx:1.28", "-  LOG_LEVEL: debug", "+  LOG_LEVEL: warn"]) {
    assert.ok(diff.stdout.split("\n").includes(line), `${line}\n${diff.output}`);
  }
  assert.ok(diff.stdout.includes(`${header(`ConfigMap ${ns}/settings`)}\n    .data.LOG_LEVEL: owned by "ops"\n`), diff.output);
  assert.match(diff.stdout, /\nDiff: 2 with conflicts\n$/);

  const status = await piceli(["status", code]);
  assert.match(status.stdout, new RegExp(`ConfigMap ${ns}/settings.*fields other field managers own: \\.data\\.LOG_LEVEL: owned by "ops"`), status.output);

  const refused = await piceli(["apply", code]);
  assert.is(refused.code, 1, refused.output);
  assert.is(refused.stdout, [
    "Nothing was applied: the server-side dry run refused:",
    `  ConfigMap ${ns}/settings: conflict with other field managers (--force-conflicts takes their fields over):`,
    '    .data.LOG_LEVEL: owned by "ops"',
    `  Deployment ${ns}/web: conflict with other field managers (--force-conflicts takes their fields over):`,
    '    .spec.replicas: owned by "kubectl" (written through the scale subresource)',
    '    .spec.template.spec.containers[name="web"].image: owned by "kubectl-set"',
    "Result: the cluster was not changed.",
    "",
  ].join("\n"));
  assert.equal(await snapshot(ids), before, "nothing written");

  // Applying the code as it was (no change of piceli's own) conflicts the same way: the fields are no longer piceli's.
  const unchangedCode = await piceli(["apply", yamlOf(web(ns, 2, "nginx:1.27"), settings(ns, "info"))]);
  assert.is(unchangedCode.code, 1, unchangedCode.output);
  assert.match(unchangedCode.stdout, /^ {4}\.spec\.replicas: owned by "kubectl" \(written through the scale subresource\)$/m);

  const forced = await piceli(["apply", "--force-conflicts", code]);
  assert.is(forced.code, 0, forced.output);
  assert.match(forced.stdout, new RegExp(`^ +updated +Deployment ${ns}/web$`, "m"));
  assert.match(forced.stdout, new RegExp(`^ +updated +ConfigMap ${ns}/settings$`, "m"));
  assert.match(forced.stdout, /\nResult: 2 updated\.\n$/);
  const c = cluster();
  const [deployment, config] = await Promise.all(ids.map((i) => c.get(i)));
  const spec = deployment!["spec"] as { replicas: number; template: { spec: { containers: { image: string }[] } } };
  assert.equal([spec.replicas, spec.template.spec.containers[0]!.image, (config!["data"] as Record<string, string>)["LOG_LEVEL"]], [3, "nginx:1.28", "warn"]);
  // piceli's field manager owns the fields now; the others no longer do.
  assert.ok(owns(deployment!, "piceli", ["f:spec", "f:replicas"]) && owns(deployment!, "piceli", IMAGE) && owns(config!, "piceli", ["f:data", "f:LOG_LEVEL"]));
  assert.not.ok(owns(deployment!, "kubectl", ["f:spec", "f:replicas"]) || owns(deployment!, "kubectl-set", IMAGE) || owns(config!, "ops", ["f:data", "f:LOG_LEVEL"]), JSON.stringify(managers(deployment!)));
  const after = await piceli(["diff", code]);
  assert.is(after.code, 0, after.output);
  assert.match(after.stdout, /\nDiff: 2 unchanged\n$/);
});

test("a field another manager owns with the value the code has: no conflict; diff and apply say unchanged, and both managers own the field afterwards", async () => {
  const ns = await freshNamespace();
  assert.is((await piceli(["apply", yamlOf(web(ns, 2, "nginx:1.27"))])).code, 0);
  await kubectl(["-n", ns, "scale", "deployment/web", "--replicas=3"]);
  // The code follows: replicas 3, the value kubectl set. Both managers own the field now; nothing conflicts.
  const code = yamlOf(web(ns, 3, "nginx:1.27"));
  const diff = await piceli(["diff", code]);
  assert.is(diff.code, 0, diff.output);
  const applied = await piceli(["apply", code]);
  assert.is(applied.code, 0, applied.output);
  assert.match(applied.stdout, /\nResult: 1 unchanged\.\n$/);
  // The apply was still sent (piceli's own record of the field had gone): both managers own replicas now.
  const deployment = (await cluster().get(id("apps/v1", "Deployment", "web", ns)))!;
  assert.ok(owns(deployment, "piceli", ["f:spec", "f:replicas"]) && owns(deployment, "kubectl", ["f:spec", "f:replicas"]), JSON.stringify(managers(deployment)));
});

test.run();
