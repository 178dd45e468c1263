// End-to-end (issue 16): what piceli must never do, against a REAL cluster (see harness.ts): prune what it cannot prove
// it applied, print a Secret's value, or hang while loading.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as assert from "uvu/assert";
import { cluster, clusterSuite, deleteAfterwards, eventually, freshNamespace, id, namespaceName, piceli, run, tempFile } from "./harness.js";
import { ClusterApiError } from "../../lib/deploy/errors.js";

const test = clusterSuite("safety");

/** An entry file in a new temporary folder of an ES module package (where top-level await works). */
function moduleFile(name: string, text: string): string {
  const file = tempFile(text, name);
  writeFileSync(join(dirname(file), "package.json"), '{ "type": "module" }\n');
  return file;
}

const configMap = (name: string, namespace: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\ndata: {A: "1"}\n`;
const claim = (name: string, namespace: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;

test("--prune deletes only what piceli applied with the set: a ConfigMap and a claim kubectl made with the same label survive, and so does piceli's own claim", async () => {
  const ns = await freshNamespace();
  const c = cluster();
  const first = await piceli(["apply", "--set", "s1", tempFile([configMap("a", ns), configMap("b", ns), claim("data", ns)].join("---\n"))]);
  assert.is(first.code, 0, first.output);
  // What `kubectl apply` sends for a new object: a create by its field manager, with the same label.
  const labels = { "piceli/set": "s1" };
  await c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-kubectl", namespace: ns, labels }, data: { B: "2" } }, "kubectl-client-side-apply");
  await c.create({
    apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "kubectl-data", namespace: ns, labels },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  }, "kubectl-client-side-apply");
  const onlyA = tempFile(configMap("a", ns));

  const diff = await piceli(["diff", "--set", "s1", "--prune", onlyA]);
  assert.is(diff.code, 2, diff.output);
  const notPiceli = "not applied by piceli: the label is owned by kubectl-client-side-apply (Update), not by a server-side apply of field manager piceli";
  const never = "a PersistentVolumeClaim is never pruned (deleting it can lose data): delete it yourself if you mean to";
  assert.is(diff.stdout, [
    `= unchanged ConfigMap ${ns}/a`,
    `- prune ConfigMap ${ns}/b (applied by field manager piceli with --set s1, gone from the code)`,
    `= keep ConfigMap ${ns}/by-kubectl (not pruned: ${notPiceli})`,
    `= keep PersistentVolumeClaim ${ns}/data (not pruned: ${never})`,
    `= keep PersistentVolumeClaim ${ns}/kubectl-data (not pruned: ${never})`,
    "Diff: 1 to prune, 1 unchanged",
    "",
  ].join("\n"));

  const apply = await piceli(["apply", "--set", "s1", "--prune", onlyA]);
  assert.is(apply.code, 0, apply.output);
  assert.is(apply.stdout, [
    `  to prune   ConfigMap ${ns}/b: applied by field manager piceli with --set s1, gone from the code: deleted after a successful apply`,
    `  kept       ConfigMap ${ns}/by-kubectl: ${notPiceli}`,
    `  kept       PersistentVolumeClaim ${ns}/data: ${never}`,
    `  kept       PersistentVolumeClaim ${ns}/kubectl-data: ${never}`,
    `Applying 1 object to ${c.server}, in 1 step:`,
    `  unchanged  ConfigMap ${ns}/a`,
    `  pruned     ConfigMap ${ns}/b`,
    "Result: 1 unchanged, 1 pruned.",
    "",
  ].join("\n"));
  assert.is(await c.get(id("v1", "ConfigMap", "b", ns)), undefined, "b, applied by piceli with the set, is deleted");
  for (const [kind, name] of [["ConfigMap", "a"], ["ConfigMap", "by-kubectl"], ["PersistentVolumeClaim", "data"], ["PersistentVolumeClaim", "kubectl-data"]]) {
    const object = await c.get(id("v1", kind!, name!, ns));
    assert.ok(object !== undefined && object.metadata["deletionTimestamp"] === undefined, `${kind} ${name} is still there`);
  }
});

test("--prune deletes a Namespace piceli applied only when --prune-allow names it", async () => {
  const set = `ns-${run}`;
  const gone = namespaceName();
  const other = await freshNamespace();
  const first = await piceli(["apply", "--set", set, tempFile(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${gone}}\n`)]);
  assert.is(first.code, 0, first.output);
  const next = tempFile(configMap("a", other));
  const kept = await piceli(["apply", "--set", set, "--prune", next]);
  assert.is(kept.code, 0, kept.output);
  assert.match(kept.stdout, `  kept       Namespace ${gone}: a Namespace is pruned only when named with --prune-allow Namespace/${gone} (deleting it deletes everything in it)\n`);
  assert.ok(await cluster().get(id("v1", "Namespace", gone)));
  const named = await piceli(["apply", "--set", set, "--prune", "--prune-allow", `Namespace/${gone}`, next]);
  assert.is(named.code, 0, named.output);
  assert.match(named.stdout, `  pruned     Namespace ${gone}\n`);
  const after = await cluster().get(id("v1", "Namespace", gone));
  assert.ok(after === undefined || after.metadata["deletionTimestamp"] !== undefined, "the named Namespace is deleted");
});

test("Secret values of 1, 3 and 8 characters, and their base64, echoed by an admission policy are masked", async () => {
  const ns = await freshNamespace();
  const name = `piceli-e2e-${run}-weak-secrets`;
  const c = cluster();
  // The policy's message echoes the values (decoded by CEL) and, as a webhook might, their base64 forms (CEL in
  // Kubernetes has no base64 function: they are written into the message).
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  await c.create({
    apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingAdmissionPolicy", metadata: { name },
    spec: {
      failurePolicy: "Fail",
      matchConstraints: {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
        resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["secrets"] }],
      },
      validations: [{
        expression: "!has(object.data) || !('pin' in object.data)",
        messageExpression: `'weak values: pin ' + string(object.data.pin) + ', code "' + string(object.data.code) + '", key=' + string(object.data.key) + ' (base64 ${base64("7")} ${base64("xyz")} ${base64("k8Sx2pQz")})'`,
      }],
    },
  }, "piceli-e2e");
  deleteAfterwards(id("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", name));
  await c.create({ apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingAdmissionPolicyBinding", metadata: { name }, spec: { policyName: name, validationActions: ["Deny"] } }, "piceli-e2e");
  deleteAfterwards(id("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", name));
  const probe = { apiVersion: "v1", kind: "Secret", metadata: { name: "probe", namespace: ns }, stringData: { pin: "0" } };
  await eventually("the admission policy to be in force", async () => {
    try {
      await c.apply(probe, { fieldManager: "piceli-e2e", dryRun: true });
      return undefined;
    } catch (error) {
      return error instanceof ClusterApiError && error.status === 422 ? true : undefined;
    }
  });

  const file = tempFile(`apiVersion: v1\nkind: Secret\nmetadata: {name: weak, namespace: ${ns}}\nstringData: {pin: "7", code: xyz, key: k8Sx2pQz}\n`);
  for (const command of ["diff", "apply"]) {
    const result = await piceli([command, file]);
    assert.is(result.code, 1, result.output);
    assert.match(result.stdout, 'denied request: weak values: pin ***, code "***", key=*** (base64 *** *** ***)', result.output);
    for (const value of ["xyz", "k8Sx2pQz", base64("7"), base64("xyz"), base64("k8Sx2pQz")]) assert.not.ok(result.output.includes(value), `${command} printed ${value}`);
    assert.not.match(result.output, /pin 7\b/);
  }
});

test("a Secret with plain text where base64 is due: every command fails naming what is wrong, never printing the value", async () => {
  const file = fileURLToPath(new URL("../deploy/fixtures/plain-secret.ts", import.meta.url));
  for (const command of ["list", "diff", "apply"]) {
    const result = await piceli([command, file]);
    assert.is(result.code, 1, result.output);
    assert.match(result.stderr, 'data["password"]: expected base64 text (standard alphabet, padded), received a secret value (not shown) of 22 characters: ');
    assert.not.ok(result.output.includes("Sup3rS3cretPlainValue!"), `${command} printed the value`);
  }
});

test("loading never hangs: a pending top-level await with a live timer times out; an exported Promise nothing can settle is named at once", async () => {
  const ns = namespaceName();
  const timer = moduleFile("timer.ts", `setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport const c = { apiVersion: "v1", kind: "Namespace", metadata: { name: "${ns}" } };\n`);
  const timedOut = await piceli(["apply", "--load-timeout", "2s", timer], { timeoutMs: 60_000 });
  assert.is(timedOut.code, 1, timedOut.output);
  assert.is(timedOut.stdout, "");
  assert.is(timedOut.stderr, `error: ${timer}: did not load within 2s: its top-level code is still running (a top-level await that has not settled) (--load-timeout <duration> sets the limit)\n`);
  const never = moduleFile("never.ts", "export const later = new Promise(() => {});\n");
  const unsettled = await piceli(["diff", never], { timeoutMs: 60_000 });
  assert.is(unsettled.code, 1, unsettled.output);
  assert.is(unsettled.stderr, `error: ${never}: export "later" is a Promise that has not settled, and nothing is left running that could settle it\n`);
  assert.is(await cluster().get(id("v1", "Namespace", ns)), undefined, "nothing was applied");
});

test.run();
