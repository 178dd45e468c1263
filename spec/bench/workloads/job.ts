// N Jobs like the Piceli example, with varied names (`test-job-${i}`), through every pipeline.
import type { V1Job } from "@kubernetes/client-node";
import type { Workload } from "../harness.js";

const DUMP = { lineWidth: -1, noRefs: true } as const;
const HEALTH_CHECK = "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60";

/** The Job as a plain object literal: exactly what piceli's `build()` returns for `jobBuilder(i)`. */
export function jobLiteral(i: number): V1Job {
  const name = `test-job-${i}`;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, labels: { job_name: name } },
    spec: {
      backoffLimit: 1,
      template: {
        metadata: { name, labels: { pod_name: name } },
        spec: {
          containers: [
            {
              name,
              image: "docker-image",
              command: ["python", "--version"],
              env: [{ name: "K0", value: "V0" }],
              resources: { requests: { cpu: "100m", memory: "250Mi", "ephemeral-storage": "11Mi" } },
              livenessProbe: { exec: { command: ["sh", "-c", HEALTH_CHECK] }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 },
            },
          ],
          restartPolicy: "Never",
          imagePullSecrets: [{ name: "docker-registry-credentials" }],
        },
      },
    },
  };
}

async function piceli() {
  const { job, toYaml } = await import("../../../lib/index.js");
  const jobBuilder = (i: number) =>
    job(`test-job-${i}`)
      .imagePullSecrets("docker-registry-credentials")
      .backoff(1)
      .labels({ job_name: `test-job-${i}` })
      .templateLabels({ pod_name: `test-job-${i}` })
      .container((c) =>
        c.image("docker-image")
          .command("python", "--version")
          .env({ K0: "V0" })
          .livenessCommand("sh", "-c", HEALTH_CHECK)
          .requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" }),
      );
  return { jobBuilder, toYaml };
}

async function cdk8sPlus() {
  const { App, Chart, Duration, Size } = await import("cdk8s");
  const kplus = await import("cdk8s-plus-33");
  /** N Jobs in one chart, synthesized to YAML (one string, one document per Job). */
  return (n: number): string => {
    const app = new App();
    const chart = new Chart(app, "bench", { disableResourceNameHashes: true });
    const registry = kplus.Secret.fromSecretName(chart, "docker-registry-credentials", "docker-registry-credentials");
    for (let i = 0; i < n; i++) {
      const name = `test-job-${i}`;
      new kplus.Job(chart, name, {
        metadata: { name, labels: { job_name: name } },
        podMetadata: { labels: { pod_name: name } },
        backoffLimit: 1,
        restartPolicy: kplus.RestartPolicy.NEVER,
        dockerRegistryAuth: registry,
        containers: [
          {
            name,
            image: "docker-image",
            command: ["python", "--version"],
            envVariables: { K0: kplus.EnvValue.fromValue("V0") },
            liveness: kplus.Probe.fromCommand(["sh", "-c", HEALTH_CHECK], {
              initialDelaySeconds: Duration.seconds(30),
              periodSeconds: Duration.seconds(30),
              failureThreshold: 3,
            }),
            // cdk8s-plus writes ephemeral storage in whole GiB only: 1Gi instead of 11Mi.
            resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(250) }, ephemeralStorage: { request: Size.gibibytes(1) } },
          },
        ],
      });
    }
    return app.synthYaml();
  };
}

export const jobWorkload: Workload = {
  id: "job",
  title: "Jobs like the Piceli example",
  unit: "Jobs",
  sizes: [1_000, 10_000, 100_000],
  baseline: "literal-dump",
  pipelines: [
    {
      id: "literal",
      label: "plain object literals",
      group: "baseline",
      load: async () => (n) => Array.from({ length: n }, (_, i) => jobLiteral(i)),
    },
    {
      id: "literal-json",
      label: "literals + JSON.stringify (serialization floor)",
      group: "baseline",
      load: async () => (n) => Array.from({ length: n }, (_, i) => JSON.stringify(jobLiteral(i))),
    },
    {
      id: "literal-dump",
      label: "literals + js-yaml dump (YAML floor, baseline)",
      group: "baseline",
      load: async () => {
        const { dump } = await import("js-yaml");
        return (n) => Array.from({ length: n }, (_, i) => dump(jobLiteral(i), DUMP));
      },
    },
    {
      id: "piceli-chain",
      label: "piceli builder chain only (no build)",
      group: "piceli",
      load: async () => {
        const { jobBuilder } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => jobBuilder(i));
      },
    },
    {
      id: "piceli-build",
      label: "piceli chain + build()",
      group: "piceli",
      load: async () => {
        const { jobBuilder } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => jobBuilder(i).build());
      },
    },
    {
      id: "piceli-yaml-each",
      label: "piceli chain + build() + toYaml, one call per object",
      group: "piceli",
      load: async () => {
        const { jobBuilder, toYaml } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => toYaml(jobBuilder(i)));
      },
    },
    {
      id: "piceli-yaml-all",
      label: "piceli chain + build() + toYaml, one call for all",
      group: "piceli",
      load: async () => {
        const { jobBuilder, toYaml } = await piceli();
        return (n) => toYaml(Array.from({ length: n }, (_, i) => jobBuilder(i)));
      },
    },
    {
      id: "piceli-yaml-stream",
      label: "piceli chain + build() + toYamlDocuments, streamed to /dev/null",
      group: "piceli",
      load: async () => {
        const { closeSync, openSync, writeSync } = await import("node:fs");
        const { toYamlDocuments } = await import("../../../lib/index.js");
        const { jobBuilder } = await piceli();
        return (n) => {
          const fd = openSync("/dev/null", "w");
          let bytes = 0;
          try {
            for (const document of toYamlDocuments(Array.from({ length: n }, (_, i) => jobBuilder(i)))) bytes += writeSync(fd, document);
          } finally {
            closeSync(fd);
          }
          return bytes;
        };
      },
    },
    {
      id: "kubernetes-models",
      label: "kubernetes-models new Job() + validate()",
      group: "peer",
      load: async () => {
        const { Job } = await import("kubernetes-models/batch/v1");
        return (n) =>
          Array.from({ length: n }, (_, i) => {
            const job = new Job(jobLiteral(i) as ConstructorParameters<typeof Job>[0]);
            job.validate();
            return job;
          });
      },
    },
    {
      id: "cdk8s-plus",
      label: "cdk8s-plus-33 Job + app.synthYaml()",
      group: "peer",
      slow: true,
      load: cdk8sPlus,
    },
  ],
  check: async () => {
    const { isDeepStrictEqual } = await import("node:util");
    const { dump, load, loadAll } = await import("js-yaml");
    const { jobBuilder, toYaml } = await piceli();
    const notes: string[] = [];
    if (!isDeepStrictEqual(jobBuilder(7).build(), jobLiteral(7))) notes.push("WARNING: piceli's build() differs from the plain literal");
    if (toYaml(jobBuilder(7)) !== dump(jobLiteral(7), DUMP)) notes.push("WARNING: piceli's toYaml differs from js-yaml's dump of the literal");
    const synth = loadAll((await cdk8sPlus())(2)) as V1Job[];
    if (synth.length !== 2 || synth[1]?.metadata?.name !== "test-job-1") notes.push("WARNING: cdk8s-plus did not synthesize the Jobs");
    if (!isDeepStrictEqual(load(toYaml(jobBuilder(1))), jobLiteral(1))) notes.push("WARNING: piceli's YAML does not load back");
    const { toYamlDocuments } = await import("../../../lib/index.js");
    const three = [jobBuilder(1), jobBuilder(2), jobBuilder(3)];
    if ([...toYamlDocuments(three)].join("") !== toYaml(three)) notes.push("WARNING: toYamlDocuments differs from toYaml");
    return notes;
  },
  notes: [
    "piceli's `build()` output is checked to equal the plain literal, and its `toYaml` output to equal js-yaml's `dump` of it, byte for byte.",
    "cdk8s-plus writes more than the others: its defaults (`securityContext`, `dnsPolicy`, `hostNetwork`, `imagePullPolicy`, `terminationGracePeriodSeconds`, ...) and a `cdk8s.io/metadata.addr` label; it accepts ephemeral storage in whole GiB only (1Gi instead of 11Mi).",
    "kubernetes-models validates against the OpenAPI schema (ajv) and produces objects, not YAML.",
  ],
};
