// N web apps: each a ConfigMap, a Deployment with two containers mounting it, and a Service.
import type { KubernetesObject, V1ConfigMap, V1Deployment, V1Service } from "@kubernetes/client-node";
import type { Workload } from "../harness.js";

const DUMP = { lineWidth: -1, noRefs: true } as const;
const APP_CONF = "listen 8080\nworkers 4\n";

/** One app as plain object literals: exactly what the piceli chain below builds (ConfigMap, Deployment, Service). */
export function appLiterals(i: number): [V1ConfigMap, V1Deployment, V1Service] {
  const name = `web-${i}`;
  const labels = { app: name };
  return [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-config`, labels }, data: { "app.conf": APP_CONF } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "app",
                image: "nginx:1.25",
                ports: [{ name: "http", containerPort: 8080 }],
                resources: { limits: { memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
                volumeMounts: [{ name: "app-data-0", mountPath: "/etc/app", readOnly: true }],
                readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 5 },
              },
              {
                name: "sidecar",
                image: "envoyproxy/envoy:v1.30",
                ports: [{ name: "admin", containerPort: 9901 }],
                resources: { requests: { cpu: "50m", memory: "64Mi" } },
              },
            ],
            volumes: [{ name: "app-data-0", configMap: { name: `${name}-config` } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, labels },
      spec: {
        selector: labels,
        ports: [
          { name: "http", port: 8080 },
          { name: "admin", port: 9901 },
        ],
      },
    },
  ];
}

async function piceli() {
  const { configMap, deployment, httpGet, toYaml } = await import("../../../lib/index.js");
  /** One app: its ConfigMap, and its Deployment with the Service as a companion (`.service()`). */
  const app = (i: number) => {
    const name = `web-${i}`;
    const config = configMap(`${name}-config`).labels({ app: name }).data({ "app.conf": APP_CONF });
    const web = deployment(name)
      .labels({ app: name })
      .templateLabels({ app: name })
      .replicas(2)
      .container("app", (c) =>
        c.image("nginx:1.25")
          .port("http", 8080)
          .mount("/etc/app", config, { readOnly: true })
          .requests({ cpu: "100m", memory: "128Mi" })
          .limits({ memory: "256Mi" })
          .readinessProbe(httpGet("/healthz", "http"), { periodSeconds: 5 }),
      )
      .container("sidecar", (c) => c.image("envoyproxy/envoy:v1.30").port("admin", 9901).requests({ cpu: "50m", memory: "64Mi" }))
      .service((s) => s.labels({ app: name }));
    return [config, web] as const;
  };
  return { app, toYaml };
}

async function cdk8sPlus() {
  const { App, Chart, Duration, Size } = await import("cdk8s");
  const kplus = await import("cdk8s-plus-33");
  return (n: number): string => {
    const app = new App();
    const chart = new Chart(app, "bench", { disableResourceNameHashes: true });
    for (let i = 0; i < n; i++) {
      const name = `web-${i}`;
      const config = new kplus.ConfigMap(chart, `${name}-config`, { metadata: { name: `${name}-config`, labels: { app: name } }, data: { "app.conf": APP_CONF } });
      const volume = kplus.Volume.fromConfigMap(chart, `${name}-volume`, config, { name: "config" });
      const deployment = new kplus.Deployment(chart, name, {
        metadata: { name, labels: { app: name } },
        replicas: 2,
        podMetadata: { labels: { app: name } },
        containers: [
          {
            name: "app",
            image: "nginx:1.25",
            ports: [{ name: "http", number: 8080 }],
            volumeMounts: [{ volume, path: "/etc/app", readOnly: true }],
            resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
            readiness: kplus.Probe.fromHttpGet("/healthz", { port: 8080, periodSeconds: Duration.seconds(5) }),
          },
          {
            name: "sidecar",
            image: "envoyproxy/envoy:v1.30",
            ports: [{ name: "admin", number: 9901 }],
            resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64) } },
          },
        ],
      });
      new kplus.Service(chart, `${name}-service`, {
        metadata: { name, labels: { app: name } },
        selector: deployment,
        ports: [
          { name: "http", port: 8080, targetPort: 8080 },
          { name: "admin", port: 9901, targetPort: 9901 },
        ],
      });
    }
    return app.synthYaml();
  };
}

export const deploymentWorkload: Workload = {
  id: "deployment",
  title: "Web apps: ConfigMap + Deployment (two containers, ConfigMap volume) + Service",
  unit: "apps (a ConfigMap, a Deployment and a Service each)",
  // 100k apps (300k manifests) take cdk8s-plus several minutes: add them with --sizes=1000,10000,100000.
  sizes: [1_000, 10_000],
  baseline: "literal-dump",
  pipelines: [
    { id: "literal", label: "plain object literals", group: "baseline", load: async () => (n) => Array.from({ length: n }, (_, i) => appLiterals(i)) },
    {
      id: "literal-json",
      label: "literals + JSON.stringify (serialization floor)",
      group: "baseline",
      load: async () => (n) => Array.from({ length: n }, (_, i) => appLiterals(i).map((m) => JSON.stringify(m))),
    },
    {
      id: "literal-dump",
      label: "literals + js-yaml dump (YAML floor, baseline)",
      group: "baseline",
      load: async () => {
        const { dump } = await import("js-yaml");
        return (n) => Array.from({ length: n }, (_, i) => appLiterals(i).map((m) => dump(m, DUMP)).join("---\n"));
      },
    },
    {
      id: "piceli-literal-yaml",
      label: "literals + piceli toYaml (the YAML writer alone)",
      group: "piceli",
      load: async () => {
        const { toYaml } = await import("../../../lib/index.js");
        return (n) => Array.from({ length: n }, (_, i) => toYaml(appLiterals(i) as KubernetesObject[]));
      },
    },
    {
      id: "piceli-chain",
      label: "piceli builder chains only (no build)",
      group: "piceli",
      load: async () => {
        const { app } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => app(i));
      },
    },
    {
      id: "piceli-build",
      label: "piceli chains + build() / manifests()",
      group: "piceli",
      load: async () => {
        const { app } = await piceli();
        return (n) =>
          Array.from({ length: n }, (_, i) => {
            const [config, web] = app(i);
            return [config.build(), ...web.manifests()];
          });
      },
    },
    {
      id: "piceli-yaml-each",
      label: "piceli chains + build() + toYaml, one call per app",
      group: "piceli",
      load: async () => {
        const { app, toYaml } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => toYaml(app(i)));
      },
    },
    {
      id: "piceli-yaml-all",
      label: "piceli chains + build() + toYaml, one call for all",
      group: "piceli",
      load: async () => {
        const { app, toYaml } = await piceli();
        return (n) => toYaml(Array.from({ length: n }, (_, i) => app(i)));
      },
    },
    {
      id: "kubernetes-models",
      label: "kubernetes-models new ConfigMap/Deployment/Service() + validate()",
      group: "peer",
      load: async () => {
        const { ConfigMap, Service } = await import("kubernetes-models/v1");
        const { Deployment } = await import("kubernetes-models/apps/v1");
        return (n) =>
          Array.from({ length: n }, (_, i) => {
            const [c, d, s] = appLiterals(i);
            const models = [
              new ConfigMap(c as ConstructorParameters<typeof ConfigMap>[0]),
              new Deployment(d as ConstructorParameters<typeof Deployment>[0]),
              new Service(s as ConstructorParameters<typeof Service>[0]),
            ];
            for (const model of models) model.validate();
            return models;
          });
      },
    },
    { id: "cdk8s-plus", label: "cdk8s-plus-33 ConfigMap/Deployment/Service + app.synthYaml()", group: "peer", slow: true, load: cdk8sPlus },
  ],
  check: async () => {
    const { isDeepStrictEqual } = await import("node:util");
    const { dump, loadAll } = await import("js-yaml");
    const { app, toYaml } = await piceli();
    const notes: string[] = [];
    const [config, web] = app(7);
    if (!isDeepStrictEqual([config.build(), ...web.manifests()], appLiterals(7))) notes.push("WARNING: piceli's manifests differ from the plain literals");
    if (toYaml(app(7)) !== appLiterals(7).map((m) => dump(m, DUMP)).join("---\n")) notes.push("WARNING: piceli's toYaml differs from js-yaml's dump of the literals");
    const synth = loadAll((await cdk8sPlus())(1)) as KubernetesObject[];
    const kinds = synth.map((m) => m.kind).sort().join(",");
    if (kinds !== "ConfigMap,Deployment,Service") notes.push(`WARNING: cdk8s-plus synthesized ${kinds}`);
    return notes;
  },
  notes: [
    "piceli's manifests (`configMap(...)`, `deployment(...).container(...).service()`) are checked to equal the plain literals, and its `toYaml` output to equal js-yaml's `dump` of them, byte for byte.",
    "cdk8s-plus adds its defaults (security contexts, `dnsPolicy`, `cdk8s.io/metadata.addr` labels, ...) and names volumes its own way; kubernetes-models produces validated objects, not YAML.",
  ],
};
