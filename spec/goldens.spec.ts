// Piceli parity: each golden manifest from Piceli's own unit tests (spec/goldens/, inputs in
// shared/piceli/GOLDEN-CASES.md) written with this DSL, compared as data. Where the golden is invalid
// Kubernetes (the HPA without apiVersion), the spec asserts the golden plus what Kubernetes needs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  bindingsFor, configMap, cronJob, dailyAt, deployment, dockerConfigSecret, emptyDir, job, persistentVolume,
  persistentVolumeClaim, READ_ONLY_VERBS, roleFor, secret, service, serviceAccount,
} from "../lib/index.js";
import { golden } from "./helpers.js";
import { assertSchemaValid } from "./schema.js";

function assertGolden(built: object, file: string): void {
  assert.equal(built, golden(file));
  assertSchemaValid(built);
}

test("job.yml", () => {
  const built = job("test-job")
    .imagePullSecrets("docker-registry-credentials")
    .backoff(1)
    .labels({ job_name: "test-job" })
    .templateLabels({ pod_name: "test-job" })
    .container((c) =>
      c.image("docker-image")
        .command("python", "--version")
        .env({ K0: "V0" })
        .livenessCommand("sh", "-c", "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60")
        .requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" }))
    .build();
  assertGolden(built, "job.yml");
});

test("cronjob.yml", () => {
  const built = cronJob("test-cronjob", dailyAt(6, 0))
    .concurrencyPolicy("Allow")
    .templateLabels({ pod_name: "test-cronjob" })
    .labels({ cronjob_name: "test-cronjob" })
    .container((c) => c.image("docker-image").imagePullPolicy("Always").command("python", "--version").env({ K0: "V0" }))
    .serviceAccount(serviceAccount("test-sa"))
    .automountServiceAccountToken(true)
    .imagePullSecrets("docker-registry-credentials")
    .build();
  assertGolden(built, "cronjob.yml");
});

const pvc = persistentVolumeClaim("test-pvc", "1Gi");
const dbConfig = configMap("db-configmap").data({ "postgresql.conf": "file content...", "pg_hba.conf": "host file content..." });
const dbSecret = secret("db-secret").type("Opaque").data({ "server.key": "cmFuZG9tX3N0cg==", "server.crt": "cmFuZG9tX3N0cg==" });
const pgSocket = emptyDir("pg-socket");

// Piceli writes spec.template.metadata.name, restartPolicy: Always and targetPort = port; piceli writes them when asked
const testDeployment = deployment("test-deployment")
  .templateName("test-deployment")
  .restartPolicy("Always")
  .imagePullSecrets("docker-registry-credentials")
  .templateLabels({ pod_name: "test-deployment" })
  .labels({ deployment_name: "test-deployment" })
  .container((c) =>
    c.image("postgres-image")
      .imagePullPolicy("IfNotPresent")
      .port("test-deployment", 5432)
      .env({ PGDATA: "/var/lib/postgresql/data" })
      .requests({ cpu: "100m", memory: "256Mi", ephemeralStorage: "11Mi" })
      .mount("/var/lib/postgresql/data", pvc, { subPath: "postgres" })
      .mount("/var/lib/postgresql/data/config", dbConfig, { items: dbConfig.keys, defaultMode: 0o777 })
      .mount("/etc/postgresql/ssl", dbSecret, { items: dbSecret.keys, defaultMode: 0o600 })
      .mount("/var/run/postgresql", pgSocket)
      .readinessCommand("pg_isready", "-some_options"))
  .container("sidecar-container", (c) =>
    c.image("some-other-image").mount("/var/run/postgresql", pgSocket).preStopCommand("/bin/sh", "-c", "echo 'pre-stop'"))
  .replicas(1)
  .recreate()
  .service((s) => s.type("ClusterIP").port("test-deployment", 5432, { targetPort: 5432 }))
  .autoscale({ min: 1, max: 10, cpu: 80 });

test("deployment.yml (strategy Recreate, as Piceli hard-codes it)", () => {
  assertGolden(testDeployment.build(), "deployment.yml");
});

test("deployment_service.yml: the Service .service() creates", () => {
  const [, created] = testDeployment.manifests();
  assertGolden(created!, "deployment_service.yml");
});

test("deployment_hpa.yml: the HPA .autoscale() creates, with the apiVersions Kubernetes needs and Piceli omits", () => {
  const [, , hpa] = testDeployment.manifests();
  const expected = golden("deployment_hpa.yml") as { spec: { scaleTargetRef: object } };
  assert.equal(hpa, {
    apiVersion: "autoscaling/v2",
    ...expected,
    spec: { ...expected.spec, scaleTargetRef: { apiVersion: "apps/v1", ...expected.spec.scaleTargetRef } },
  });
  assertSchemaValid(hpa);
});

test("configmap.yml", () => {
  assertGolden(configMap("test-cm").data({ KEY0: "VALUE0" }).build(), "configmap.yml");
});

test("secret_opaque.yml", () => {
  assertGolden(secret("test-secret").type("Opaque").stringData({ KEY0: "VALUE0" }).build(), "secret_opaque.yml");
});

test("secret_json.yml: Piceli's GCR JSON-key helper is dockerConfigSecret with username _json_key", () => {
  const dockerAuth = "eyJhdXRocyI6eyJnY3IuaW8iOnsiYXV0aCI6ImRtVnllVk5sWTNWeVpWQmhjM009In19fQ==";
  const password = Buffer.from(dockerAuth, "base64").toString("utf8");
  assertGolden(dockerConfigSecret("docker-secret", { registry: "gcr.io", username: "_json_key", password }).build(), "secret_json.yml");
});

const CRONJOB = cronJob("test-cronjob", dailyAt(6, 0)).container((c) => c.image("docker-image").command("python", "--version"));

test("role.yml: Role.from_deployable(CRONJOB)", () => {
  assertGolden(roleFor(CRONJOB).build(), "role.yml");
});

test("role_readonly.yml: Role.from_deployable(CRONJOB, read-only verbs)", () => {
  assertGolden(roleFor(CRONJOB, READ_ONLY_VERBS).build(), "role_readonly.yml");
});

test("service_account.yml and role_binding.yml: ServiceAccount(test-sa, roles)", () => {
  const account = serviceAccount("test-sa");
  assertGolden(account.build(), "service_account.yml");
  const [binding] = bindingsFor(account, [roleFor(CRONJOB)]);
  assertGolden(binding!.build(), "role_binding.yml");
});

test("persistent_volume.yml", () => {
  const built = persistentVolume("test-pv", "100Gi").storageClassName("manual").gcePersistentDisk("disk-name").labels({ component: "test" }).build();
  assertGolden(built, "persistent_volume.yml");
});

test("persistent_volume_claim.yml", () => {
  assertGolden(persistentVolumeClaim("test-pvc", "100Gi").labels({ component: "test" }).build(), "persistent_volume_claim.yml");
});

test("service.yml", () => {
  const built = service("test-service")
    .labels({ service: "test-service", component: "test-service" })
    .port("test-service", 5432, { targetPort: 5432 })
    .port("test-service-2", 5433, { targetPort: 5434 })
    .type("ClusterIP")
    .selector({ pod_name: "pod-to-select" })
    .build();
  assertGolden(built, "service.yml");
});

test.run();
