// N Jobs, and N Deployments, whose names, images, args, env values, labels and resources all differ per object,
// as generated manifests do (shards, tenants, versions): no two objects share their values, so no cache of
// strings seen before helps, and numbers written as strings ("17", "2") must be quoted in YAML.
import type { V1Deployment, V1Job } from "@kubernetes/client-node";
import type { ReadyBuilder } from "../../../lib/index.js";
import type { Pipeline, Workload } from "../harness.js";

const DUMP = { lineWidth: -1, noRefs: true } as const;

/** The per-object values of object `i`. */
export function variation(i: number) {
  const tenant = `tenant-${i % 97}`;
  const version = `1.${i % 13}.${i % 101}`;
  return {
    tenant,
    version,
    image: `registry.example.com/${tenant}/worker:${version}`,
    args: ["--shard", String(i), "--tenant", tenant, `--batch-size=${(i % 50) + 1}00`],
    env: { SHARD: String(i), TENANT: tenant, VERSION: version, INPUT: `s3://bucket-${i % 7}/input/part-${i}.csv` },
    labels: { app: "worker", shard: String(i), tenant, version },
    requests: { cpu: `${100 + (i % 900)}m`, memory: `${128 + (i % 384)}Mi` } as const,
    limits: { cpu: `${1 + (i % 4)}`, memory: `${512 + (i % 512)}Mi` } as const,
  };
}

const envList = (env: Record<string, string>) => Object.entries(env).map(([name, value]) => ({ name, value }));

/** Job `i` as a plain object literal: exactly what `variedJob(i).build()` returns. */
export function variedJobLiteral(i: number): V1Job {
  const name = `shard-${i}`;
  const v = variation(i);
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, labels: v.labels },
    spec: {
      backoffLimit: i % 4,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { name, labels: v.labels },
        spec: {
          containers: [{ name, image: v.image, args: v.args, env: envList(v.env), resources: { limits: v.limits, requests: v.requests } }],
          restartPolicy: "Never",
          imagePullSecrets: [{ name: "registry-credentials" }],
        },
      },
    },
  };
}

/** Deployment `i` as a plain object literal: exactly what `variedDeployment(i).build()` returns. */
export function variedDeploymentLiteral(i: number): V1Deployment {
  const name = `api-${i}`;
  const v = variation(i);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: v.labels },
    spec: {
      replicas: 1 + (i % 5),
      selector: { matchLabels: v.labels },
      template: {
        metadata: { labels: v.labels },
        spec: {
          containers: [
            {
              name,
              image: v.image,
              args: v.args,
              ports: [{ name: "http", containerPort: 8080 }],
              env: envList(v.env),
              resources: { limits: v.limits, requests: v.requests },
              readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  };
}

async function piceli() {
  const { deployment, httpGet, job, toYaml } = await import("../../../lib/index.js");
  const variedJob = (i: number) => {
    const v = variation(i);
    return job(`shard-${i}`)
      .labels(v.labels)
      .templateLabels(v.labels)
      .imagePullSecrets("registry-credentials")
      .backoff(i % 4)
      .cleanupAfter("1h")
      .container((c) => c.image(v.image).args(...v.args).env(v.env).requests(v.requests).limits(v.limits));
  };
  const variedDeployment = (i: number) => {
    const v = variation(i);
    return deployment(`api-${i}`)
      .labels(v.labels)
      .templateLabels(v.labels)
      .replicas(1 + (i % 5))
      .container((c) =>
        c.image(v.image)
          .args(...v.args)
          .port("http", 8080)
          .env(v.env)
          .requests(v.requests)
          .limits(v.limits)
          .readinessProbe(httpGet("/healthz", "http"), { periodSeconds: 5 }));
  };
  return { variedJob, variedDeployment, toYaml };
}

/** cdk8s-plus-33: the same objects in one chart, synthesized to YAML. */
async function cdk8sPlus(kind: "job" | "deployment") {
  const { App, Chart, Duration, Size } = await import("cdk8s");
  const kplus = await import("cdk8s-plus-33");
  return (n: number): string => {
    const app = new App();
    const chart = new Chart(app, "bench", { disableResourceNameHashes: true });
    const registry = kplus.Secret.fromSecretName(chart, "registry-credentials", "registry-credentials");
    for (let i = 0; i < n; i++) {
      const v = variation(i);
      const name = kind === "job" ? `shard-${i}` : `api-${i}`;
      const container = {
        name,
        image: v.image,
        args: v.args,
        envVariables: Object.fromEntries(Object.entries(v.env).map(([k, value]) => [k, kplus.EnvValue.fromValue(value)])),
        resources: {
          cpu: { request: kplus.Cpu.millis(100 + (i % 900)), limit: kplus.Cpu.units(1 + (i % 4)) },
          memory: { request: Size.mebibytes(128 + (i % 384)), limit: Size.mebibytes(512 + (i % 512)) },
        },
      };
      if (kind === "job") {
        new kplus.Job(chart, name, {
          metadata: { name, labels: v.labels },
          podMetadata: { labels: v.labels },
          backoffLimit: i % 4,
          ttlAfterFinished: Duration.hours(1),
          restartPolicy: kplus.RestartPolicy.NEVER,
          dockerRegistryAuth: registry,
          containers: [container],
        });
      } else {
        new kplus.Deployment(chart, name, {
          metadata: { name, labels: v.labels },
          podMetadata: { labels: v.labels },
          replicas: 1 + (i % 5),
          containers: [{ ...container, ports: [{ name: "http", number: 8080 }], readiness: kplus.Probe.fromHttpGet("/healthz", { port: 8080, periodSeconds: Duration.seconds(5) }) }],
        });
      }
    }
    return app.synthYaml();
  };
}

function variedWorkload(kind: "job" | "deployment"): Workload {
  const Kind = kind === "job" ? "Job" : "Deployment";
  const literal = kind === "job" ? variedJobLiteral : variedDeploymentLiteral;
  const builder = async () => {
    const p = await piceli();
    // One signature for both kinds: the builder of object `i`, and what the pipelines call on it.
    const build: (i: number) => { build(): object } & ReadyBuilder = kind === "job" ? p.variedJob : p.variedDeployment;
    return { build, toYaml: p.toYaml };
  };
  const pipelines: Pipeline[] = [
    { id: "literal", label: "plain object literals", group: "baseline", load: async () => (n) => Array.from({ length: n }, (_, i) => literal(i)) },
    {
      id: "literal-json",
      label: "literals + JSON.stringify (serialization floor)",
      group: "baseline",
      load: async () => (n) => Array.from({ length: n }, (_, i) => JSON.stringify(literal(i))),
    },
    {
      id: "literal-dump",
      label: "literals + js-yaml dump (YAML floor, baseline)",
      group: "baseline",
      load: async () => {
        const { dump } = await import("js-yaml");
        return (n) => Array.from({ length: n }, (_, i) => dump(literal(i), DUMP));
      },
    },
    {
      id: "piceli-chain",
      label: "piceli builder chain only (no build)",
      group: "piceli",
      load: async () => {
        const { build } = await builder();
        return (n) => Array.from({ length: n }, (_, i) => build(i));
      },
    },
    {
      id: "piceli-build",
      label: "piceli chain + build()",
      group: "piceli",
      load: async () => {
        const { build } = await builder();
        return (n) => Array.from({ length: n }, (_, i) => build(i).build());
      },
    },
    {
      id: "piceli-yaml-each",
      label: "piceli chain + build() + toYaml, one call per object",
      group: "piceli",
      load: async () => {
        const { build, toYaml } = await builder();
        return (n) => Array.from({ length: n }, (_, i) => toYaml(build(i)));
      },
    },
    {
      id: "kubernetes-models",
      label: `kubernetes-models new ${Kind}() + validate()`,
      group: "peer",
      load: async () => {
        const Model = kind === "job" ? (await import("kubernetes-models/batch/v1")).Job : (await import("kubernetes-models/apps/v1")).Deployment;
        return (n) =>
          Array.from({ length: n }, (_, i) => {
            const model = new Model(literal(i) as never);
            model.validate();
            return model;
          });
      },
    },
    { id: "cdk8s-plus", label: `cdk8s-plus-33 ${Kind} + app.synthYaml()`, group: "peer", slow: true, load: () => cdk8sPlus(kind) },
  ];
  return {
    id: `${kind}-varied`,
    title: `${Kind}s whose names, images, args, env values, labels and resources differ per object`,
    unit: `${Kind}s`,
    sizes: [1_000, 10_000],
    baseline: "literal-dump",
    pipelines,
    // issue 15: 15 and 30 µs per Job where kubernetes-models' validate() took 15.2 µs
    goals: { buildVsModels: 15 / 15.2, yamlVsModels: 30 / 15.2, cdk8sFactor: 20 },
    check: async () => {
      const { isDeepStrictEqual } = await import("node:util");
      const { dump, load, loadAll } = await import("js-yaml");
      const { build, toYaml } = await builder();
      const notes: string[] = [];
      for (const i of [0, 7, 12_345]) {
        if (!isDeepStrictEqual(build(i).build(), literal(i))) notes.push(`WARNING: piceli's build() differs from the plain literal (object ${i})`);
        if (toYaml(build(i)) !== dump(literal(i), DUMP)) notes.push(`WARNING: piceli's toYaml differs from js-yaml's dump of the literal (object ${i})`);
        if (!isDeepStrictEqual(load(toYaml(build(i))), literal(i))) notes.push(`WARNING: piceli's YAML does not load back (object ${i})`);
      }
      const synth = loadAll((await cdk8sPlus(kind))(2)) as { kind?: string }[];
      if (synth.filter((o) => o.kind === Kind).length !== 2) notes.push(`WARNING: cdk8s-plus did not synthesize the ${Kind}s`);
      return notes;
    },
    notes: [
      "Object `i` has its own name, image (`registry.example.com/tenant-<i mod 97>/worker:<version>`), args, env values, labels, requests and limits; numeric strings (`shard: \"17\"`, `cpu: \"2\"`) must be quoted in YAML.",
      "piceli's `build()` output is checked to equal the plain literal, and its `toYaml` output to equal js-yaml's `dump` of it, byte for byte (objects 0, 7 and 12345).",
      "cdk8s-plus writes more than the others: its defaults (`securityContext`, `dnsPolicy`, `imagePullPolicy`, ...) and a `cdk8s.io/metadata.addr` label.",
    ],
  };
}

export const variedJobWorkload = variedWorkload("job");
export const variedDeploymentWorkload = variedWorkload("deployment");
