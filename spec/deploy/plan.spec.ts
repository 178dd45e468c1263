import { test } from "uvu";
import * as assert from "uvu/assert";
import { PlanCycleError } from "../../lib/deploy/errors.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { describe } from "../../lib/deploy/object-id.js";
import { planApply, type Plan } from "../../lib/deploy/plan/plan.js";
import { referencesOf } from "../../lib/deploy/plan/references.js";
import { renderPlan } from "../../lib/deploy/plan/render-plan.js";
import { resolveObjects } from "../../lib/deploy/resolve-objects.js";

/** A manifest in namespace `shop` (`null`: none). */
const m = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, namespace: string | null = "shop"): Manifest => ({
  apiVersion, kind, metadata: { name, ...(namespace !== null && { namespace }) }, ...rest,
});
const pod = (spec: Record<string, unknown>) => ({ template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "c", image: "i" }], ...spec } } });

const namespace = m("v1", "Namespace", "shop", {}, null);
const config = m("v1", "ConfigMap", "settings");
const secret = m("v1", "Secret", "db");
const claim = m("v1", "PersistentVolumeClaim", "data");
const account = m("v1", "ServiceAccount", "web");
const role = m("rbac.authorization.k8s.io/v1", "Role", "reader");
const binding = m("rbac.authorization.k8s.io/v1", "RoleBinding", "web-reader", {
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
  subjects: [{ kind: "ServiceAccount", name: "web" }],
});
const web = m("apps/v1", "Deployment", "web", {
  spec: pod({
    serviceAccountName: "web",
    volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }],
    containers: [{ name: "c", image: "i", envFrom: [{ configMapRef: { name: "settings" } }], env: [{ name: "P", valueFrom: { secretKeyRef: { name: "db", key: "p" } } }] }],
  }),
});
const hpa = m("autoscaling/v2", "HorizontalPodAutoscaler", "web", { spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } } });
const limits = m("v1", "LimitRange", "defaults");
const pdb = m("policy/v1", "PodDisruptionBudget", "web");
const crd = m("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", {
  spec: { group: "example.com", names: { kind: "Widget", plural: "widgets" }, scope: "Namespaced", versions: [{ name: "v1", served: true, storage: true }] },
}, null);
const widget = m("example.com/v1", "Widget", "w1");

const steps = (plan: Plan) => plan.steps.map((s) => s.map((o) => describe(o.id)));

test("references: what a workload, a binding, an autoscaler and a claim name", () => {
  assert.equal(referencesOf(web).map((r) => `${r.kind}/${r.name} (${r.via})`), [
    "Namespace/shop (namespace)", "ServiceAccount/web (serviceAccountName)", "PersistentVolumeClaim/data (volume)",
    "ConfigMap/settings (envFrom)", "Secret/db (env)",
  ]);
  assert.equal(referencesOf(binding).map((r) => `${r.kind}/${r.namespace}/${r.name} (${r.via})`), [
    "Namespace/undefined/shop (namespace)", "Role/shop/reader (roleRef)", "ServiceAccount/shop/web (subject)",
  ]);
  const cron = m("batch/v1", "CronJob", "backup", { spec: { jobTemplate: { spec: pod({ imagePullSecrets: [{ name: "registry" }] }) } } });
  assert.equal(referencesOf(cron).map((r) => r.name), ["shop", "registry"]);
  const pvc = m("v1", "PersistentVolumeClaim", "c", { spec: { storageClassName: "fast", volumeName: "pv-1" } });
  assert.equal(referencesOf(pvc).map((r) => `${r.kind}/${r.name}/${r.namespace ?? "-"}`), ["Namespace/shop/-", "StorageClass/fast/-", "PersistentVolume/pv-1/-"]);
});

test("a whole app: kind order as Piceli's, references as edges, longest-path steps", () => {
  const plan = planApply([hpa, web, binding, role, account, claim, secret, config, namespace]);
  assert.equal(steps(plan), [
    ["Namespace shop"],
    ["Role shop/reader", "ServiceAccount shop/web"],
    ["RoleBinding shop/web-reader"],
    ["Secret shop/db", "ConfigMap shop/settings"],
    ["PersistentVolumeClaim shop/data"],
    ["Deployment shop/web"],
    ["HorizontalPodAutoscaler shop/web"],
  ]);
  const edges = plan.dependencies.filter((d) => d.via !== "namespace").map((d) => `${d.from.split("/")[1]}/${d.from.split("/")[3]} -> ${d.to.split("/")[1]}/${d.to.split("/")[3]} (${d.via})`);
  assert.equal(edges.sort(), [
    "ConfigMap/settings -> Deployment/web (envFrom)", "Deployment/web -> HorizontalPodAutoscaler/web (scaleTargetRef)",
    "PersistentVolumeClaim/data -> Deployment/web (volume)", "Role/reader -> RoleBinding/web-reader (roleRef)",
    "Secret/db -> Deployment/web (env)", "ServiceAccount/web -> Deployment/web (serviceAccountName)",
    "ServiceAccount/web -> RoleBinding/web-reader (subject)",
  ]);
});

test("kinds piceli does not know are placed safely, never dropped: custom resources after their definition", () => {
  const plan = planApply([pdb, widget, web, limits, crd, config]);
  assert.equal(steps(plan), [
    ["CustomResourceDefinition widgets.example.com"],
    ["ConfigMap shop/settings"],
    ["Widget shop/w1", "LimitRange shop/defaults"],
    ["Deployment shop/web"],
    ["PodDisruptionBudget shop/web"],
  ]);
  assert.equal(plan.objects.length, 6);
  assert.ok(plan.dependencies.some((d) => d.via === "definition"));
});

test("an object that refers to a later-ranked kind is raised after it (a ServiceAccount after its pull Secret)", () => {
  const pulling = m("v1", "ServiceAccount", "builder", { imagePullSecrets: [{ name: "registry" }] });
  const registry = m("v1", "Secret", "registry");
  const plan = planApply([pulling, registry, role]);
  assert.equal(steps(plan), [["Role shop/reader"], ["Secret shop/registry"], ["ServiceAccount shop/builder"]]);
});

test("references within one rank make extra steps (longest path)", () => {
  const pulling = m("v1", "ServiceAccount", "builder", { imagePullSecrets: [{ name: "registry" }] });
  const registry = m("v1", "Secret", "registry");
  const builderBinding = m("rbac.authorization.k8s.io/v1", "RoleBinding", "builder", {
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "ServiceAccount", name: "builder" }],
  });
  const plan = planApply([builderBinding, pulling, registry, config, web]);
  assert.equal(steps(plan), [
    ["Secret shop/registry", "ConfigMap shop/settings"], ["ServiceAccount shop/builder"], ["RoleBinding shop/builder"], ["Deployment shop/web"],
  ]);
});

test("a reference cycle is an error naming the objects on it", () => {
  const sa = m("v1", "ServiceAccount", "web", { imagePullSecrets: [{ name: "token" }] });
  const token = m("v1", "Secret", "token", { type: "kubernetes.io/service-account-token", metadata: { name: "token", namespace: "shop", annotations: { "kubernetes.io/service-account.name": "web" } } });
  try {
    planApply([config, sa, token]);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, PlanCycleError);
    assert.is((error as Error).message, "these objects depend on each other in a cycle, so no apply order exists: ServiceAccount shop/web -> Secret shop/token -> ServiceAccount shop/web");
  }
});

test("objects in other namespaces or of other groups are not matched", () => {
  const elsewhere = m("v1", "ConfigMap", "settings", {}, "other");
  const plan = planApply([web, elsewhere]);
  assert.equal(plan.dependencies.filter((d) => d.via !== "namespace"), []);
});

test("rendered as text, DOT and Mermaid", () => {
  const plan = planApply([web, config, namespace]);
  assert.is(renderPlan(plan), [
    "Plan: 3 objects in 3 steps", "Step 1:", "  Namespace shop", "Step 2:", "  ConfigMap shop/settings",
    "Step 3:", "  Deployment shop/web  after ConfigMap shop/settings (envFrom)", "",
  ].join("\n"));
  assert.is(renderPlan(plan, "mermaid"), [
    "flowchart TB", '  subgraph step1["Step 1"]', '    n0["Namespace<br/>shop"]', "  end", '  subgraph step2["Step 2"]',
    '    n1["ConfigMap<br/>shop/settings"]', "  end", '  subgraph step3["Step 3"]', '    n2["Deployment<br/>shop/web"]', "  end",
    "  step1 ~~~ step2", "  step2 ~~~ step3", "  n1 -->|envFrom| n2", "",
  ].join("\n"));
  const dot = renderPlan(plan, "dot");
  assert.ok(dot.startsWith("digraph plan {\n"));
  assert.ok(dot.includes('  subgraph cluster_step3 {\n    label="Step 3";'));
  assert.ok(dot.includes('    n2 [label="Deployment\\nshop/web"];'));
  assert.ok(dot.includes('  n1 -> n2 [label="envFrom"];'));
});

test("namespaces: the default goes to namespaced objects without one; explicit ones and cluster-scoped kinds are kept", () => {
  const loaded = [
    { manifest: m("v1", "ConfigMap", "a", {}, null), source: { type: "document", file: "a.yaml", document: 1, line: 1 } as const },
    { manifest: m("v1", "ConfigMap", "b", {}, "explicit"), source: { type: "document", file: "a.yaml", document: 2, line: 5 } as const },
    { manifest: m("rbac.authorization.k8s.io/v1", "ClusterRole", "c", {}, "ignored"), source: { type: "document", file: "a.yaml", document: 3, line: 9 } as const },
    { manifest: m("example.com/v1", "Gadget", "g", {}, null), source: { type: "document", file: "a.yaml", document: 4, line: 13 } as const },
    { manifest: crd, source: { type: "document", file: "a.yaml", document: 5, line: 17 } as const },
    { manifest: m("example.com/v1", "Widget", "w", {}, null), source: { type: "document", file: "a.yaml", document: 6, line: 21 } as const },
  ];
  const clusterWidgets = { ...crd, spec: { ...(crd["spec"] as object), scope: "Cluster" } };
  const { objects, warnings } = resolveObjects(loaded.map((l) => (l.manifest === crd ? { ...l, manifest: clusterWidgets } : l)), { namespace: "team" });
  assert.equal(objects.map((o) => o.manifest.metadata.namespace), ["team", "explicit", undefined, "team", undefined, undefined]);
  assert.equal(warnings, ['a.yaml: document 3: ClusterRole c is cluster-scoped: metadata.namespace "ignored" is ignored']);
});

test("duplicates: the same object twice is kept once; two different objects with one name are an error naming both", () => {
  const source = (document: number) => ({ type: "document", file: "a.yaml", document, line: 1 }) as const;
  assert.is(resolveObjects([{ manifest: config, source: source(1) }, { manifest: { ...config }, source: source(2) }]).objects.length, 1);
  assert.throws(
    () => resolveObjects([{ manifest: config, source: source(1) }, { manifest: { ...config, data: { x: "1" } }, source: source(2) }]),
    (error: Error) => error.message === "ConfigMap shop/settings is defined twice, differently: in a.yaml: document 1 and in a.yaml: document 2",
  );
});

test.run();
