import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyRank } from "../lib/index.js";
import { main } from "../lib/cli.js";
import { captureIo } from "./deploy/helpers.js";
import { examplePrinted } from "./examples.js";
import { clientNodeModules, piceliLoggingModules } from "./helpers.js";
import { assertSchemaValid } from "./schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

/** Runs an example the way the README says (`npx tsx examples/<name>.ts`) and returns what it prints. */
function run(example: string): string {
  return execFileSync(tsx, [`examples/${example}`], { cwd: root, encoding: "utf8" });
}

test("examples/job.ts prints the Piceli Job as its prose describes it: 3 retries, cleaned up after 1 hour", async () => {
  const printed = run("job.ts");
  // The other tests read what each example printed while all were loaded in one process (spec/examples.ts): the same.
  assert.is(await examplePrinted("job.ts"), printed);
  assert.equal(loadAll(printed), [
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

/** The manifests an example prints. */
async function output(example: string) {
  return loadAll(await examplePrinted(example)) as { kind: string; metadata: { name: string } }[];
}

test("every example runs and prints manifests that match the Kubernetes schema", async () => {
  const examples = readdirSync(new URL("../examples", import.meta.url)).filter((f) => f.endsWith(".ts"));
  assert.ok(examples.length >= 18, "one example per kind, plus app.ts");
  for (const example of examples) {
    const manifests = await output(example);
    assert.ok(manifests.length > 0, `${example} prints nothing`);
    // The VPA and the Backup are custom resources: the schema package has no model for them (nor one that reads a
    // CRD's schema; spec/e2e/custom-resource.e2e.ts installs the example's CRD and Backup in a real cluster instead).
    for (const m of manifests) if (!["VerticalPodAutoscaler", "Backup", "CustomResourceDefinition"].includes(m.kind)) assertSchemaValid(m);
  }
});

test("each example prints the objects its comment promises, companions included", async () => {
  const kinds = async (example: string) => (await output(example)).map((m) => `${m.kind}/${m.metadata.name}`);
  const expected: Record<string, string[]> = {
    "job.ts": ["Job/test-job"],
    "cron-job.ts": ["CronJob/nightly-report"],
    "deployment.ts": ["Deployment/web", "Service/web", "HorizontalPodAutoscaler/web"],
    "stateful-set.ts": ["Secret/db-credentials", "StatefulSet/db", "Service/db"],
    "daemon-set.ts": ["DaemonSet/node-exporter"],
    "service.ts": ["Deployment/api", "Service/api-public"],
    "config-map.ts": ["ConfigMap/app-settings", "Deployment/app"],
    "secret.ts": ["Secret/registry", "Secret/api-token", "Job/sync"],
    "service-account.ts": ["ServiceAccount/backup", "Role/cronjob-get-list-watch", "RoleBinding/sa-backup-role-cronjob-get-list-watch", "CronJob/backup"],
    "role.ts": ["Role/deployer"],
    "role-binding.ts": ["ServiceAccount/dashboard", "RoleBinding/dashboard-view"],
    "cluster-role.ts": ["ServiceAccount/monitor", "ClusterRole/node-reader", "ClusterRoleBinding/monitor-node-reader"],
    "persistent-volume-claim.ts": ["PersistentVolumeClaim/uploads", "Deployment/uploader"],
    "persistent-volume.ts": ["PersistentVolume/shared-media", "PersistentVolumeClaim/media"],
    "storage-class.ts": ["StorageClass/fast"],
    "horizontal-pod-autoscaler.ts": ["Deployment/worker", "HorizontalPodAutoscaler/worker"],
    "vertical-pod-autoscaler.ts": ["Deployment/api", "VerticalPodAutoscaler/api"],
    "namespace.ts": ["Namespace/shop"],
    "pod-disruption-budget.ts": ["Deployment/web", "PodDisruptionBudget/web", "StatefulSet/etcd", "PodDisruptionBudget/etcd"],
    "ingress.ts": ["Deployment/web", "Service/web", "Ingress/web", "Service/api", "Ingress/api"],
    "ingress-class.ts": ["IngressClass/nginx"],
    "limit-range.ts": ["LimitRange/defaults"],
    "resource-quota.ts": ["ResourceQuota/team-a"],
    "priority-class.ts": ["PriorityClass/customer-facing"],
    "pod.ts": ["Pod/db-check"],
    "network-policy.ts": ["NetworkPolicy/default-deny", "NetworkPolicy/web", "NetworkPolicy/db", "Deployment/web", "Deployment/db", "Service/db"],
    "custom-resource.ts": ["CustomResourceDefinition/backups.example.com", "Role/backup-get-list-watch", "Backup/db-nightly"],
    "projected-volume.ts": ["ConfigMap/api-settings", "Secret/api-client", "Deployment/api"],
    "config-from-files.ts": ["ConfigMap/nginx-2bmd56khtg", "ConfigMap/site-dm79c7mf55", "ConfigMap/web-settings", "Secret/web-credentials-gmk5mt8t47", "Deployment/web"],
  };
  for (const [example, objects] of Object.entries(expected)) assert.equal(await kinds(example), objects, example);
  const examples = readdirSync(new URL("../examples", import.meta.url)).filter((f) => f.endsWith(".ts") && f !== "app.ts");
  assert.equal(examples.sort(), Object.keys(expected).sort(), "every example is listed here");
});

test("examples/custom-resource.ts: the Backup as written, checked against its CRD; a Role on example.com/backups", async () => {
  const [, reader, nightly] = await output("custom-resource.ts");
  assert.equal(nightly, {
    apiVersion: "example.com/v1",
    kind: "Backup",
    metadata: { name: "db-nightly", namespace: "shop", labels: { "app.kubernetes.io/part-of": "shop" } },
    spec: { claim: "db-data", bucket: "s3://shop-backups/db", schedule: "0 3 * * *", retention: { keepDaily: 14, keepWeekly: 8 } },
  });
  assert.equal((reader as unknown as { rules: unknown }).rules, [{ verbs: ["get", "list", "watch"], apiGroups: ["example.com"], resources: ["backups"] }]);
});

test("examples/config-from-files.ts: files as data and binaryData, an env file as written, hashed names used by the Deployment", async () => {
  const [nginx, site, settings, credentials, web] = (await output("config-from-files.ts")) as unknown as Record<string, any>[];
  assert.equal(nginx!.data, { "default.conf": 'server {\n    listen 8080;\n    root /usr/share/nginx/html;\n    location /healthz { return 200 "ok\\n"; }\n}\n' });
  assert.equal([site!.data, site!.binaryData], [
    { "index.html": "<!doctype html>\n<title>shop</title>\n<p>Served by nginx, configured from files.</p>\n" },
    { "favicon.ico": "AAABAAEAAQEAAAEAGAD//g==" },
  ]);
  assert.equal(settings!.data, { LOG_LEVEL: "info", UPSTREAM: "http://api:8080", GREETING: '"hello"' });
  assert.equal(credentials!.data, { API_USER: "c2hvcA==", API_TOKEN: "bm90LWEtcmVhbC10b2tlbg==" });
  assert.equal(web!.spec.template.metadata.annotations, { "checksum/config": "9gfc96hchg" });
  const pod = web!.spec.template.spec;
  assert.equal(pod.volumes, [{ name: "web-data-0", configMap: { name: "nginx-2bmd56khtg" } }, { name: "web-data-1", configMap: { name: "site-dm79c7mf55" } }]);
  assert.equal(pod.containers[0].env, [{ name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "web-credentials-gmk5mt8t47", key: "API_TOKEN" } } }]);
});

test("examples/deploy/piceli.config.ts: `piceli synth` in examples/deploy synthesizes shop.ts, its files setting, without loading @kubernetes/client-node", async () => {
  const run = piceliLoggingModules(["synth", "--verbose"], { cwd: `${root}examples/deploy` });
  assert.is(run.code, 0, run.stderr);
  const io = captureIo();
  assert.is(await main(["synth", `${root}examples/deploy/shop.ts`], io), 0, io.stderr.text);
  assert.is(run.stdout, io.stdout.text);
  assert.match(run.stderr, /\n  files +shop\.ts +from piceli\.config\.ts\n/);
  assert.match(run.stderr, /\n  timeout +2m +from piceli\.config\.ts\n/);
  assert.ok(run.modules.includes(`file://${root}lib/config.ts`), "the config file imports piceli/config");
  assert.is(clientNodeModules(run).length, 0, "modules of @kubernetes/client-node loaded");
});

test("examples/app.ts: a whole app in a safe apply order", async () => {
  const manifests = await output("app.ts");
  assert.equal(manifests.map((m) => m.kind), [
    "Namespace", "Role", "ServiceAccount", "RoleBinding", "ConfigMap", "Secret", "Service", "PersistentVolumeClaim",
    "Deployment", "CronJob", "HorizontalPodAutoscaler",
  ]);
  const ranks = manifests.map((m) => applyRank(m.kind));
  assert.equal(ranks, [...ranks].sort((a, b) => a - b));
});

test.run();
