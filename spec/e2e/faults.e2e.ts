// Faults between the command and the cluster, and input that must never reach it: a connection that drops while
// an object is applied (a recording proxy carries the request out and loses its answer) leaves the cluster as it
// was; bad files (a YAML syntax error, an unknown kind, a TypeScript file that throws) send nothing.
import * as assert from "uvu/assert";
import { cluster, clusterSuite, freshNamespace, id, piceli, snapshot, tempFile } from "./harness.js";
import { startProxy } from "./proxy.js";

const test = clusterSuite("faults");

const configMap = (name: string, namespace: string, data: Record<string, string>) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data });

test("a connection that drops while an object is applied: the run fails and leaves the cluster exactly as before", async () => {
  const ns = await freshNamespace();
  const base = tempFile([configMap("settings", ns, { MODE: "v1" }), configMap("untouched", ns, { KEEP: "me" })].join("\n---\n"));
  assert.is((await piceli(["apply", base])).code, 0);
  const ids = ["settings", "untouched", "new-1", "new-2", "lost"].map((name) => id("v1", "ConfigMap", name, ns));
  const before = await snapshot(ids);

  // The apply of ConfigMap "lost" reaches the server and is carried out; its answer never reaches the command.
  const proxy = await startProxy({ loseAnswerTo: (r) => r.method === "PATCH" && !r.url.includes("dryRun=All") && r.url.includes("/configmaps/lost?") });
  const next = tempFile([
    configMap("settings", ns, { MODE: "v2" }), configMap("untouched", ns, { KEEP: "me" }), configMap("new-1", ns, { A: "1" }), configMap("new-2", ns, { B: "2" }),
    configMap("lost", ns, { C: "3" }),
  ].join("\n---\n"));
  const failed = await piceli(["apply", next], { kubeconfig: proxy.kubeconfig }).finally(() => proxy.close());
  assert.is(failed.code, 1, failed.output);
  assert.match(failed.stdout, new RegExp(`Apply failed at ConfigMap ${ns}/lost \\(apply\\): cannot reach the cluster at http://127\\.0\\.0\\.1:\\d+: `));
  assert.match(failed.stdout, new RegExp(`^  deleted +ConfigMap ${ns}/lost: created by this run \\(the answer to its apply was lost \\(the connection dropped\\)\\)$`, "m"));
  assert.match(failed.stdout, new RegExp(`^  restored +ConfigMap ${ns}/settings: back to its state before this run$`, "m"));
  assert.match(failed.stdout, /\nResult: rolled back; nothing this run changed remains \(\d changes undone\)\.\n$/);
  assert.equal(await snapshot(ids), before, "created objects gone, the updated one back as it was (content and field owners), the untouched one untouched");
});

test("bad input: a YAML syntax error, an unknown kind, a TypeScript file that throws: a clear error, nothing sent", async () => {
  const ns = await freshNamespace();
  const syntax = tempFile(`${configMap("fine", ns, { A: "1" })}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken, namespace: ${ns}\ndata:\n  A: "1"\n`, "broken.yaml");
  const throwing = tempFile('import { configMap } from "piceli";\nexport const fine = configMap("fine");\nthrow new Error("the database URL is not set");\n', "throws.ts");
  const unknown = tempFile(`${configMap("fine", ns, { A: "1" })}\n---\napiVersion: example.com/v1\nkind: Frobnicator\nmetadata: {name: f, namespace: ${ns}}\nspec: {}\n`, "unknown.yaml");
  const proxy = await startProxy();
  try {
    for (const [file, message, requests] of [
      [syntax, /^error: .*broken\.yaml: document 2.*line \d+/m, "none"],
      [throwing, /^error: .*throws\.ts.*the database URL is not set/m, "none"],
      [unknown, new RegExp(`Frobnicator ${ns}/f: rejected by the server: the cluster does not serve kind Frobnicator in example\\.com/v1`), "no write"],
    ] as const) {
      const before = proxy.requests.length;
      const result = await piceli(["apply", file], { kubeconfig: proxy.kubeconfig });
      assert.is(result.code, 1, result.output);
      assert.match(result.output, message);
      if (requests === "none") assert.is(proxy.requests.length, before, `${file}: nothing sent to the cluster`);
    }
    assert.equal(proxy.writes(), [], "nothing written");
  } finally {
    await proxy.close();
  }
  assert.is(await cluster().get(id("v1", "ConfigMap", "fine", ns)), undefined);
});

test.run();
