import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyRank } from "../lib/index.js";
import { assertSchemaValid } from "./schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

/** Runs an example the way the README says (`npx tsx examples/<name>.ts`) and parses what it prints. */
function run(example: string): unknown[] {
  const output = execFileSync(tsx, [`examples/${example}`], { cwd: root, encoding: "utf8" });
  return loadAll(output);
}

test("examples/job.ts prints the Piceli Job as its prose describes it: 3 retries, cleaned up after 1 hour", () => {
  assert.equal(run("job.ts"), [
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "test-job", labels: { job_name: "test-job" } },
      spec: {
        backoffLimit: 3,
        ttlSecondsAfterFinished: 3600,
        template: {
          metadata: { name: "test-job", labels: { pod_name: "test-job" } },
          spec: {
            containers: [
              {
                name: "test-job",
                image: "docker-image",
                command: ["python", "--version"],
                env: [{ name: "K0", value: "V0" }],
                resources: { requests: { cpu: "100m", memory: "250Mi", "ephemeral-storage": "11Mi" } },
                livenessProbe: {
                  exec: { command: ["sh", "-c", "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60"] },
                  initialDelaySeconds: 30,
                  periodSeconds: 30,
                  failureThreshold: 3,
                },
              },
            ],
            restartPolicy: "Never",
            imagePullSecrets: [{ name: "docker-registry-credentials" }],
          },
        },
      },
    },
  ]);
});

const outputs = new Map<string, { kind: string; metadata: { name: string } }[]>();
function output(example: string) {
  if (!outputs.has(example)) outputs.set(example, run(example) as never);
  return outputs.get(example)!;
}

test("every example runs and prints manifests that match the Kubernetes schema", () => {
  const examples = readdirSync(new URL("../examples", import.meta.url)).filter((f) => f.endsWith(".ts"));
  assert.ok(examples.length >= 18, "one example per kind, plus app.ts");
  for (const example of examples) {
    const manifests = output(example);
    assert.ok(manifests.length > 0, `${example} prints nothing`);
    // The VPA is a custom resource: the schema package has no model for it.
    for (const m of manifests) if (m.kind !== "VerticalPodAutoscaler") assertSchemaValid(m);
  }
});

test("examples print what their comments promise: companions, kinds", () => {
  const kinds = (example: string) => output(example).map((m) => `${m.kind}/${m.metadata.name}`);
  assert.equal(kinds("deployment.ts"), ["Deployment/web", "Service/web", "HorizontalPodAutoscaler/web"]);
  assert.equal(kinds("stateful-set.ts"), ["Secret/db-credentials", "StatefulSet/db", "Service/db"]);
  assert.equal(kinds("cluster-role.ts"), ["ServiceAccount/monitor", "ClusterRole/node-reader", "ClusterRoleBinding/monitor-node-reader"]);
});

test("examples/app.ts: a whole app in a safe apply order", () => {
  const manifests = output("app.ts");
  assert.equal(manifests.map((m) => m.kind), [
    "Namespace", "Role", "ServiceAccount", "RoleBinding", "ConfigMap", "Secret", "Service", "PersistentVolumeClaim",
    "Deployment", "CronJob", "HorizontalPodAutoscaler",
  ]);
  const ranks = manifests.map((m) => applyRank(m.kind));
  assert.equal(ranks, [...ranks].sort((a, b) => a - b));
});

test.run();
