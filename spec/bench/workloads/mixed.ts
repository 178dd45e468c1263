// N mixed apps: each uses every kind piceli has (20 manifests: a Namespace, StorageClass, PersistentVolume, RBAC,
// ConfigMap, Secret, PVC, Deployment with Service and autoscalers, StatefulSet with Service, DaemonSet, Job, CronJob),
// with per-app names, images, env values, labels and quantities.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Workload } from "../harness.js";
import { mixedLiterals } from "./mixed-literals.js";

const DUMP = { lineWidth: -1, noRefs: true } as const;

async function piceli() {
  const [{ mixedApp }, { manifestsOf, toYaml }] = await Promise.all([import("./mixed-app.js"), import("../../../lib/output/yaml.js")]);
  return { app: (i: number) => mixedApp(String(i)), manifestsOf, toYaml };
}

/** kubernetes-models' class for each apiVersion and kind it has (all but the VerticalPodAutoscaler, a CRD). */
async function models(): Promise<Map<string, new (data: never) => { validate(): void }>> {
  const modules = ["v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1", "storage.k8s.io/v1", "autoscaling/v2"];
  const byType = new Map<string, new (data: never) => { validate(): void }>();
  for (const apiVersion of modules) {
    const exports = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, new (data: never) => { validate(): void }>;
    for (const [kind, model] of Object.entries(exports)) byType.set(`${apiVersion}/${kind}`, model);
  }
  return byType;
}

export const mixedWorkload: Workload = {
  id: "mixed",
  title: "Mixed apps: every kind, 20 manifests per app, values differing per app",
  unit: "apps (20 manifests each)",
  sizes: [100, 1_000],
  baseline: "literal-dump",
  pipelines: [
    { id: "literal", label: "plain object literals", group: "baseline", load: async () => (n) => Array.from({ length: n }, (_, i) => mixedLiterals(i)) },
    {
      id: "literal-json",
      label: "literals + JSON.stringify (serialization floor)",
      group: "baseline",
      load: async () => (n) => Array.from({ length: n }, (_, i) => mixedLiterals(i).map((m) => JSON.stringify(m))),
    },
    {
      id: "literal-dump",
      label: "literals + js-yaml dump (YAML floor, baseline)",
      group: "baseline",
      load: async () => {
        const { dump } = await import("js-yaml");
        return (n) => Array.from({ length: n }, (_, i) => mixedLiterals(i).map((m) => dump(m, DUMP)).join("---\n"));
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
        const { app, manifestsOf } = await piceli();
        return (n) => Array.from({ length: n }, (_, i) => manifestsOf(app(i)));
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
      id: "kubernetes-models",
      label: "kubernetes-models new <Kind>() + validate() (19 of the 20: no VPA model)",
      group: "peer",
      load: async () => {
        const byType = await models();
        return (n) =>
          Array.from({ length: n }, (_, i) =>
            mixedLiterals(i).flatMap((m) => {
              const Model = byType.get(`${m.apiVersion}/${m.kind}`);
              if (!Model) return [];
              const model = new Model(m as never);
              model.validate();
              return [model];
            }));
      },
    },
    {
      id: "cdk8s-plus",
      label: "cdk8s-plus-33",
      group: "peer",
      pending: "not written: cdk8s-plus has no StorageClass, PersistentVolume NFS source nor autoscalers; compared on the Job and Deployment workloads",
    },
  ],
  check: async () => {
    const { isDeepStrictEqual } = await import("node:util");
    const { dump } = await import("js-yaml");
    const { app, manifestsOf, toYaml } = await piceli();
    const notes: string[] = [];
    for (const i of [0, 42]) {
      if (!isDeepStrictEqual(manifestsOf(app(i)), mixedLiterals(i))) notes.push(`WARNING: piceli's manifests differ from the plain literals (app ${i}): run mixed-generate.ts`);
      if (toYaml(app(i)) !== mixedLiterals(i).map((m) => dump(m, DUMP)).join("---\n")) notes.push(`WARNING: piceli's toYaml differs from js-yaml's dump of the literals (app ${i})`);
    }
    const byType = await models();
    const missing = mixedLiterals(0).filter((m) => !byType.has(`${m.apiVersion}/${m.kind}`)).map((m) => m.kind);
    if (missing.join() !== "VerticalPodAutoscaler") notes.push(`WARNING: kubernetes-models lacks ${missing.join(", ")}`);
    return notes;
  },
  notes: [
    "The literals are generated from piceli's output (`mixed-generate.ts`) and checked to equal it; piceli's `toYaml` is checked to equal js-yaml's `dump` of them, byte for byte.",
    "Per-object costs in this section are per app (20 manifests).",
  ],
};
