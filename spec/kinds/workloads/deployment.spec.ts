import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  claimTemplate, container, deployment, serviceAccount, toYaml,
  type DeploymentManifest, type HorizontalPodAutoscalerManifest, type ServiceManifest,
} from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

/** Builds, checks the manifest against the Kubernetes schema, and returns it. */
function built(builder: { build(): DeploymentManifest }): DeploymentManifest {
  const manifest = builder.build();
  assertSchemaValid(manifest);
  return manifest;
}

const INT_OR_PERCENT_100 = 'an integer >= 0 or a percentage from "0%" to "100%"';

test("a minimal Deployment: pods labelled app.kubernetes.io/name, selected by that label: no template name, no restartPolicy (Kubernetes' defaults are not written)", () => {
  const expected: DeploymentManifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": "web" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  };
  assert.equal(built(deployment("web").image("nginx:1.27")), expected);
});

test("every Deployment method sets its field", () => {
  const manifest = built(deployment("web")
    .namespace("shop")
    .labels({ "app.kubernetes.io/part-of": "shop" })
    .annotations({ "example.com/owner": "team web" })
    .templateLabels({ app: "web", tier: "front" })
    .templateAnnotations({ "prometheus.io/scrape": "true" })
    .selector({ app: "web" })
    .image("nginx:1.27")
    .container("exporter", (c) => c.image("nginx-exporter:1").port("metrics", 9113))
    .initContainer("config", (c) => c.image("busybox:1.36").command("cp", "/a", "/b"))
    .replicas(3)
    .recreate()
    .minReadySeconds(5)
    .revisionHistoryLimit(2)
    .progressDeadlineSeconds(120)
    .restartPolicy("Always")
    .serviceAccountName("web")
    .automountServiceAccountToken(false)
    .imagePullSecrets("registry")
    .terminationGracePeriodSeconds(45)
    .nodeSelector({ "kubernetes.io/os": "linux" }));
  const expected: DeploymentManifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "shop",
      labels: { "app.kubernetes.io/part-of": "shop" },
      annotations: { "example.com/owner": "team web" },
    },
    spec: {
      replicas: 3,
      strategy: { type: "Recreate" },
      minReadySeconds: 5,
      revisionHistoryLimit: 2,
      progressDeadlineSeconds: 120,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web", tier: "front" }, annotations: { "prometheus.io/scrape": "true" } },
        spec: {
          initContainers: [{ name: "config", image: "busybox:1.36", command: ["cp", "/a", "/b"] }],
          containers: [
            { name: "web", image: "nginx:1.27" },
            { name: "exporter", image: "nginx-exporter:1", ports: [{ name: "metrics", containerPort: 9113 }] },
          ],
          restartPolicy: "Always",
          serviceAccountName: "web",
          automountServiceAccountToken: false,
          imagePullSecrets: [{ name: "registry" }],
          nodeSelector: { "kubernetes.io/os": "linux" },
          terminationGracePeriodSeconds: 45,
        },
      },
    },
  };
  assert.equal(manifest, expected);
});

test("strategies: recreate, rolling update with limits, and Kubernetes' default rolling update", () => {
  const web = deployment("web").image("nginx");
  const strategy = (d: typeof web) => built(d).spec.strategy;
  assert.equal(strategy(web), undefined);
  assert.equal(strategy(web.recreate()), { type: "Recreate" });
  assert.equal(strategy(web.strategy("Recreate")), { type: "Recreate" });
  assert.equal(strategy(web.rollingUpdate()), { type: "RollingUpdate" });
  assert.equal(strategy(web.strategy("RollingUpdate")), { type: "RollingUpdate" });
  assert.equal(strategy(web.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 })), { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  assert.equal(strategy(web.rollingUpdate({ maxSurge: "150%", maxUnavailable: "100%" })), { type: "RollingUpdate", rollingUpdate: { maxSurge: "150%", maxUnavailable: "100%" } });
  assert.equal(strategy(web.rollingUpdate({ maxUnavailable: 0 })), { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } }, "maxSurge defaults to 25%");
  assert.equal(strategy(web.recreate().rollingUpdate({ maxSurge: 2 })), { type: "RollingUpdate", rollingUpdate: { maxSurge: 2 } }, "the last strategy wins");
});

test("run time: maxSurge and maxUnavailable may not both be 0; maxUnavailable is at most 100%", () => {
  const web = deployment("web").image("nginx");
  for (const [maxSurge, maxUnavailable] of [[0, 0], ["0%", 0], [0, "0%"]] as const) {
    assertProblems(() => web.rollingUpdate({ maxSurge, maxUnavailable }).build(), [
      { path: "spec.strategy.rollingUpdate.maxUnavailable", expected: "more than 0 when maxSurge is 0", received: maxUnavailable },
    ]);
  }
  assertProblems(() => web.rollingUpdate({ maxUnavailable: "101%" }).build(), [
    { path: "spec.strategy.rollingUpdate.maxUnavailable", expected: INT_OR_PERCENT_100, received: "101%" },
  ]);
  assertProblems(() => web.rollingUpdate({ maxSurge: -1 as any, maxUnavailable: "lots" as any }).build(), [
    { path: "spec.strategy.rollingUpdate.maxSurge", expected: 'an integer >= 0 or a percentage such as "25%"', received: -1 },
    { path: "spec.strategy.rollingUpdate.maxUnavailable", expected: INT_OR_PERCENT_100, received: "lots" },
  ]);
  assertProblems(() => web.strategy("BlueGreen" as any).build(), [
    { path: "spec.strategy.type", expected: 'one of "Recreate", "RollingUpdate"', received: "BlueGreen" },
  ]);
});

test("run time: counts and the progress deadline", () => {
  assertProblems(() => deployment("web").image("nginx").replicas(-1).minReadySeconds(1.5).revisionHistoryLimit(-2).build(), [
    { path: "spec.replicas", expected: "an integer >= 0", received: -1 },
    { path: "spec.minReadySeconds", expected: "an integer >= 0", received: 1.5 },
    { path: "spec.revisionHistoryLimit", expected: "an integer >= 0", received: -2 },
  ]);
  assertProblems(() => deployment("web").image("nginx").minReadySeconds(30).progressDeadlineSeconds(30).build(), [
    { path: "spec.progressDeadlineSeconds", expected: "more than minReadySeconds (30)", received: 30 },
  ]);
  assert.is(built(deployment("web").image("nginx").minReadySeconds(30).progressDeadlineSeconds(31)).spec.progressDeadlineSeconds, 31);
  assert.is(built(deployment("web").image("nginx").replicas(0)).spec.replicas, 0, "a Deployment scaled to zero");
});

test("an explicit selector must select a subset of the pods' labels", () => {
  const web = deployment("web").image("nginx").templateLabels({ app: "web", tier: "front" });
  assert.equal(built(web.selector({ app: "web" })).spec.selector, { matchLabels: { app: "web" } });
  assert.equal(built(web).spec.selector, { matchLabels: { app: "web", tier: "front" } }, "by default all of them");
  assertProblems(() => web.selector({ app: "api" }).build(), [
    { path: 'spec.selector.matchLabels["app"]', expected: 'a label the pod template has (spec.template.metadata.labels: {"app":"web","tier":"front"})', received: "api" },
  ]);
  assertProblems(() => deployment("web").image("nginx").selector({ app: "web" }).build(), [
    { path: 'spec.selector.matchLabels["app"]', expected: 'a label the pod template has (spec.template.metadata.labels: {"app.kubernetes.io/name":"web"})', received: "web" },
  ]);
  assertProblems(() => web.selector({}).build(), [
    { path: "spec.selector.matchLabels", expected: "at least one label", received: {} },
  ]);
});

test("run time: an untyped caller's restart policy other than Always is rejected", () => {
  assertProblems(() => deployment("web").image("nginx").restartPolicy("Never" as any).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "Always"', received: "Never" },
  ]);
  assert.is(built(deployment("web").image("nginx").restartPolicy("Always")).spec.template.spec!.restartPolicy, "Always");
});

test(".service(): a Service named like the Deployment, selecting its pods, exposing every container port", () => {
  const web = deployment("web")
    .namespace("shop")
    .templateLabels({ app: "web" })
    .container((c) => c.image("nginx").port("http", 80).port("dns", 53, { protocol: "UDP" }))
    .container("exporter", (c) => c.image("exporter:1").port("metrics", 9113))
    .service();
  const service: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "shop" },
    spec: {
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80 },
        { name: "dns", port: 53, protocol: "UDP" },
        { name: "metrics", port: 9113 },
      ],
    },
  };
  const manifests = web.manifests();
  assert.equal(manifests, [web.build(), service]);
  assert.equal(web.companions.map((c) => c.build()), [service]);
  manifests.forEach(assertSchemaValid);
  assert.is(web.build().kind, "Deployment", "build() returns the workload alone");
  assert.is(toYaml(web.manifests()), toYaml(web.build(), service));
});

test(".service(configure) adjusts the Service; an unnamed single port stays unnamed", () => {
  const web = deployment("web").container((c) => c.image("nginx").port(8080)).service((s) => s.type("NodePort").labels({ a: "b" }));
  assert.equal(web.companions[0]!.build(), {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", labels: { a: "b" } },
    spec: { selector: { "app.kubernetes.io/name": "web" }, ports: [{ port: 8080 }], type: "NodePort" },
  });
});

test(".service(s => s.port(…)) replaces the port made for the container port it targets: the Services real apps write", () => {
  // online-boutique's frontend: an unnamed container port 8080, a Service port "http" 80 → 8080
  const frontend = deployment("frontend", { container: "server" }).image("frontend:1").container((c) => c.port(8080))
    .service((s) => s.port("http", 80, { targetPort: 8080 }));
  assert.equal((frontend.manifests()[1] as ServiceManifest).spec.ports, [{ name: "http", port: 80, targetPort: 8080 }]);
  // a public Service: type, annotations, the target by the container port's name
  const external = deployment("frontend", { container: "server" }).image("frontend:1").container((c) => c.port("http", 8080))
    .service((s) => s.type("LoadBalancer").annotations({ "cloud.google.com/l4-rbs": "enabled" }).port("web", 80, { targetPort: "http" }));
  const built = external.companions[0]!.build();
  assert.equal(built, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "frontend", annotations: { "cloud.google.com/l4-rbs": "enabled" } },
    spec: { selector: { "app.kubernetes.io/name": "frontend" }, ports: [{ name: "web", port: 80, targetPort: "http" }], type: "LoadBalancer" },
  });
  assertSchemaValid(built);
  // naming an unnamed port in place; a port targeting no container port is added
  const redis = deployment("redis-cart", { container: "redis" }).image("redis:alpine").container((c) => c.port(6379))
    .service((s) => s.port("tcp-redis", 6379).port("metrics", 9121));
  assert.equal((redis.manifests()[1] as ServiceManifest).spec.ports, [{ name: "tcp-redis", port: 6379 }, { name: "metrics", port: 9121 }]);
  // another protocol is another port
  const dns = deployment("dns").image("dns:1").container((c) => c.port("dns", 53, { protocol: "UDP" }))
    .service((s) => s.port("dns-tcp", 53, { targetPort: 53 }));
  assert.equal((dns.manifests()[1] as ServiceManifest).spec.ports, [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53, targetPort: 53 }]);
});

test("run time: a companion Service's named targetPort must be one of the pods' container ports", () => {
  const web = deployment("web").image("web:1").container((c) => c.port("http", 8080)).service((s) => s.port("web", 80, { targetPort: "htp" }));
  assertProblems(() => web.manifests(), [
    { path: "spec.ports[1].targetPort", expected: `a port number, or the name of one of the pods' container ports (["http"])`, received: "htp" },
  ]);
});

test(".autoscale(): an autoscaling/v2 HPA named like the Deployment, in its namespace, targeting apps/v1 Deployment", () => {
  const web = deployment("web").namespace("shop").image("nginx").autoscale({ min: 2, max: 10, cpu: 70, memory: 80 });
  const hpa: HorizontalPodAutoscalerManifest = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "shop" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
      ],
    },
  };
  assert.equal(web.manifests(), [web.build(), hpa]);
  assertSchemaValid(hpa);
  assert.equal(web.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
  assert.equal(deployment("web").image("nginx").autoscale({ max: 3 }).companions[0]!.build().spec, {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    maxReplicas: 3,
  });
});

test("run time: an untyped caller's autoscaler without max", () => {
  assertProblems(() => deployment("web").image("nginx").autoscale({ min: 2 } as any).manifests(), [
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (2) to 2147483647", received: undefined },
  ]);
});

test("companions come in order [Service, HPA] and are built from the Deployment as it is when asked", () => {
  const base = deployment("web").image("nginx").autoscale({ max: 5 }).service();
  const withPort = base.container((c) => c.port("http", 80));
  assert.equal(withPort.manifests().map((m) => m.kind), ["Deployment", "Service", "HorizontalPodAutoscaler"]);
  assert.equal(base.companions.length, 2);
  assert.throws(() => base.manifests(), /spec\.ports: expected at least one port/, "a Service without ports is still checked");
});

test("run time: a claimTemplate() mount works only in a StatefulSet", () => {
  assertProblems(() => deployment("db").container((c) => c.image("postgres").mount("/data", claimTemplate("data", "1Gi"))).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[0]", expected: "a volume the pod can have: claimTemplate() mounts only work in a StatefulSet", received: "data" },
  ]);
});

test("pod level: tolerations, affinity, securityContext, service account", () => {
  const runner = serviceAccount("runner");
  const affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/arch", operator: "In", values: ["amd64"] }] }],
      },
    },
  };
  const manifest = built(deployment("web").image("nginx")
    .tolerations({ key: "dedicated", value: "web", effect: "NoSchedule" })
    .tolerations({ operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }, { key: "gpu", operator: "Exists" })
    .affinity(affinity)
    .securityContext({ fsGroup: 2000 })
    .securityContext({ runAsNonRoot: true, supplementalGroups: [3000] })
    .serviceAccount(runner));
  assert.equal(manifest.spec.template.spec, {
    containers: [{ name: "web", image: "nginx" }],
    serviceAccountName: "runner",
    tolerations: [
      { key: "dedicated", value: "web", effect: "NoSchedule" },
      { operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 },
      { key: "gpu", operator: "Exists" },
    ],
    affinity,
    securityContext: { fsGroup: 2000, runAsNonRoot: true, supplementalGroups: [3000] },
  });
});

test("securityContextUid(uid): runAsUser, runAsGroup and fsGroup = uid, non-root, RuntimeDefault seccomp", () => {
  assert.equal(built(deployment("web").image("nginx").securityContextUid(1001)).spec.template.spec!.securityContext, {
    runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" },
  });
  const ID = "an integer from 0 to 2147483647";
  assertProblems(() => deployment("web").image("nginx").securityContextUid(-1).build(), [
    { path: "spec.template.spec.securityContext.runAsUser", expected: ID, received: -1 },
    { path: "spec.template.spec.securityContext.runAsGroup", expected: ID, received: -1 },
    { path: "spec.template.spec.securityContext.fsGroup", expected: ID, received: -1 },
  ]);
});

test("run time: a pod securityContext has only pod fields", () => {
  assertProblems(() => deployment("web").image("nginx").securityContext({ readOnlyRootFilesystem: true } as any).build(), [
    {
      path: "spec.template.spec.securityContext",
      expected: "a field of a pod securityContext (appArmorProfile, fsGroup, fsGroupChangePolicy, runAsGroup, runAsNonRoot, runAsUser, seLinuxChangePolicy, seLinuxOptions, seccompProfile, supplementalGroups, supplementalGroupsPolicy, sysctls, windowsOptions)",
      received: "readOnlyRootFilesystem",
    },
  ]);
});

test("run time: tolerations follow Kubernetes' rules", () => {
  const at = "spec.template.spec.tolerations";
  const web = deployment("web").image("nginx");
  assertProblems(() => web.tolerations({ value: "x" } as any).build(), [
    { path: `${at}[0].operator`, expected: '"Exists" when there is no key (a toleration of every taint)', received: undefined },
  ]);
  assertProblems(() => web.tolerations({ key: "a", operator: "Exists", value: "x" } as any).build(), [
    { path: `${at}[0].value`, expected: 'nothing when operator is "Exists"', received: "x" },
  ]);
  assertProblems(() => web.tolerations({ key: "a", effect: "NoSchedule", tolerationSeconds: 5 } as any).build(), [
    { path: `${at}[0].effect`, expected: '"NoExecute" when tolerationSeconds is set', received: "NoSchedule" },
  ]);
  assertProblems(() => web.tolerations({ key: "bad key", operator: "Equals", value: "a b", effect: "Never", seconds: 1 } as any).build(), [
    { path: `${at}[0]`, expected: "a field of a toleration (key, operator, value, effect, tolerationSeconds)", received: "seconds" },
    { path: `${at}[0].key`, expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "bad key" },
    { path: `${at}[0].operator`, expected: 'one of "Exists", "Equal"', received: "Equals" },
    { path: `${at}[0].value`, expected: 'a label value (empty, or at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit)', received: "a b" },
    { path: `${at}[0].effect`, expected: 'one of "NoSchedule", "PreferNoSchedule", "NoExecute"', received: "Never" },
  ]);
});

test("immutability: deriving never changes the base; build() returns fresh objects", () => {
  const base = deployment("web").image("nginx");
  const scaled = base.replicas(3).service().autoscale({ max: 4 }).templateLabels({ app: "web" });
  assert.equal(base.build().spec.replicas, undefined);
  assert.equal(base.companions, []);
  assert.equal(base.podLabels, { "app.kubernetes.io/name": "web" });
  assert.equal(scaled.podLabels, { app: "web" });
  const first = scaled.build();
  first.spec.selector.matchLabels!.app = "changed";
  first.spec.template.metadata!.labels!.app = "changed";
  assert.equal(scaled.build().spec.selector, { matchLabels: { app: "web" } });
  assert.equal(scaled.build().spec.template.metadata!.labels, { app: "web" });
});

test("a standalone container joins a Deployment; duplicate names are rejected", () => {
  const sidecar = container("proxy").image("envoy:1");
  assert.equal(built(deployment("web").image("nginx").container(sidecar)).spec.template.spec!.containers.map((c) => c.name), ["web", "proxy"]);
  assert.is(validationError(() => deployment("web").image("nginx").container(container("web").image("x")).build()).problems[0]!.path, "spec.template.spec.containers[1].name");
});


test("run time: minReadySeconds must stay below progressDeadlineSeconds, Kubernetes' 600 when unset", () => {
  assert.ok(deployment("web").image("a").minReadySeconds(599).build());
  assertProblems(() => deployment("web").image("a").minReadySeconds(600).build(), [
    { path: "spec.progressDeadlineSeconds", expected: "more than minReadySeconds (600)", received: "600 (Kubernetes' default)" },
  ]);
  assert.ok(deployment("web").image("a").minReadySeconds(600).progressDeadlineSeconds(601).build());
});

test("run time: an untyped caller's strategy type is written as given, for the server and the error to show", () => {
  const error = validationError(() => deployment("web").image("a").strategy("recreate" as any).build());
  assert.equal(error.problems, [{ path: "spec.strategy.type", expected: 'one of "Recreate", "RollingUpdate"', received: "recreate" }]);
});

test.run();
