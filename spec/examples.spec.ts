import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";

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

test("every example runs and prints at least one manifest with apiVersion, kind and metadata.name", () => {
  const examples = readdirSync(new URL("../examples", import.meta.url)).filter((f) => f.endsWith(".ts"));
  assert.ok(examples.length > 0);
  for (const example of examples) {
    const manifests = run(example) as { apiVersion?: string; kind?: string; metadata?: { name?: string } }[];
    assert.ok(manifests.length > 0, `${example} prints nothing`);
    for (const m of manifests) assert.ok(m.apiVersion && m.kind && m.metadata?.name, `${example}: ${JSON.stringify(m).slice(0, 80)}`);
  }
});

test.run();
