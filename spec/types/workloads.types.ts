// Compile-only type specs for Deployments, StatefulSets, DaemonSets, CronJobs, Jobs' policies, and what pods
// hold (containers, probes, volumes, env). Each `@ts-expect-error` line must fail to compile; its twin compiles.
import {
  claimTemplate, configMap, configMapKeyRef, container, cronJob, daemonSet, deployment, emptyDir, exec, fieldRef, grpc, hostPath, httpGet, job,
  resourceFieldRef, secret, secretKeyRef, serviceAccount, sleep, statefulSet, tcpSocket, toYaml,
  type CronJobManifest, type DaemonSetManifest, type DeploymentBuilder, type DeploymentManifest, type StatefulSetManifest,
} from "../../lib/index.js";

// ---- Long-running workloads: restart policy Always only
deployment("x").restartPolicy("Always");
// @ts-expect-error a Deployment's pods restart always: "Never" is not "Always"
deployment("x").restartPolicy("Never");
statefulSet("x").restartPolicy("Always");
// @ts-expect-error a StatefulSet's pods restart always
statefulSet("x").restartPolicy("OnFailure");
daemonSet("x").restartPolicy("Always");
// @ts-expect-error a DaemonSet's pods restart always
daemonSet("x").restartPolicy("Never");

// ---- They build, and give their manifests, only with a container that has an image
export const d: DeploymentManifest = deployment("x").image("a").build();
// @ts-expect-error no container yet: "call .image() or .container()"
deployment("x").build();
export const s: StatefulSetManifest = statefulSet("x").container((c) => c.image("a")).build();
// @ts-expect-error the main container has no image
statefulSet("x").container((c) => c.command("run")).build();
export const ds: DaemonSetManifest = daemonSet("x").container("agent", (c) => c.image("a")).build();
// @ts-expect-error no container yet
daemonSet("x").build();
deployment("x").image("a").service().manifests();
// @ts-expect-error manifests() builds the workload too: it needs a container with an image
deployment("x").service().manifests();
toYaml(deployment("x").image("a").manifests());
// @ts-expect-error toYaml takes only workloads that can build
toYaml(statefulSet("x"));

// ---- The main container: named in the factory; never added beside containers added by name
deployment("cart", { container: "server" }).image("cart:1").build();
deployment("cart").image("cart:1").container("proxy", (c) => c.image("envoy:1")).image("cart:2").build();
// @ts-expect-error no main container: edit a named one with .container(name, …), or name it in the factory
deployment("cart").container("server", (c) => c.image("cart:1")).image("cart:2");
// @ts-expect-error no main container to edit with .container(c => …) either
job("x").container("server", (c) => c.image("a")).container((c) => c.image("b"));
cronJob("x", "@daily", { container: "task" }).image("a").build();
// naming the main container edits it: a callback without .image() is fine once it has one
deployment("cart", { container: "server" }).image("cart:1").container("server", (c) => c.port(7070)).build();
deployment("cart", { container: "server" }).container("server", (c) => c.image("cart:1")).container("proxy", (c) => c.image("envoy:1")).container("server", (c) => c.port(7070)).build();
// @ts-expect-error naming the main container before it has an image: it still needs one before build()
deployment("cart", { container: "server" }).container("server", (c) => c.port(7070)).build();
// @ts-expect-error another name is another container, which needs an image
deployment("cart", { container: "server" }).image("cart:1").container("proxy", (c) => c.port(7070));
const mainName: string = "server";
// @ts-expect-error a main container name the types can't read (a string variable) is taken as another container's
deployment("cart", { container: mainName }).image("cart:1").container("server", (c) => c.port(7070));

// ---- Helpers: a builder class without type arguments takes any state; a named container edited in one needs an image
export function scaled<D extends DeploymentBuilder>(d: D): D {
  return d.replicas(2);
}
scaled(deployment("x")).image("a").build();
scaled(deployment("cart", { container: "server" }).image("cart:1").container("proxy", (c) => c.image("envoy:1"))).build();
export function withProxy(d: DeploymentBuilder<"ready">) {
  return d.container("proxy", (c) => c.image("envoy:1").port(9901));
}
// @ts-expect-error in a helper, the builder's container names are unknown: a named container's edit must give it an image
export const withProxyPort = (d: DeploymentBuilder<"ready">) => d.container("proxy", (c) => c.port(9901));
// a helper typed after a ready builder takes one like it; one with a container added by name is another type
const ready = () => deployment("x").image("a");
export const scaledReady = (d: ReturnType<typeof ready>) => d.replicas(2);
scaledReady(deployment("x").image("b"));
// @ts-expect-error "proxy" is not assignable to NoNamedContainer, whose text says to type the helper's parameter DeploymentBuilder
scaledReady(deployment("x").image("b").container("proxy", (c) => c.image("envoy:1")));
// @ts-expect-error a ready builder's type does not take a new one
export const notReady: DeploymentBuilder<"ready"> = deployment("x");
// @ts-expect-error the options name the main container, nothing else
deployment("x", { image: "a" });

// ---- Strategies
deployment("x").rollingUpdate({ maxSurge: 1, maxUnavailable: "25%" }).recreate().strategy("RollingUpdate");
// @ts-expect-error a percentage needs its "%"
deployment("x").rollingUpdate({ maxSurge: "25" });
// @ts-expect-error strategies are Recreate or RollingUpdate
deployment("x").strategy("BlueGreen");
statefulSet("x").updateStrategy("RollingUpdate", 2).updateStrategy("OnDelete").podManagementPolicy("Parallel");
// @ts-expect-error a partition belongs to RollingUpdate only
statefulSet("x").updateStrategy("OnDelete", 2);
// @ts-expect-error pod management is OrderedReady or Parallel
statefulSet("x").podManagementPolicy("AllAtOnce");
daemonSet("x").rollingUpdate({ maxUnavailable: 2 }).rollingUpdate({ maxUnavailable: 0, maxSurge: "10%" }).onDelete();
// @ts-expect-error a DaemonSet surges only with maxUnavailable: 0 (it defaults to 1)
daemonSet("x").rollingUpdate({ maxSurge: 1 });

// ---- Companions: a Service everywhere, an autoscaler for Deployments and StatefulSets
deployment("x").autoscale({ min: 2, max: 5, cpu: 70 }).service((svc) => svc.type("NodePort"));
statefulSet("x").autoscale({ max: 3, memory: 80 }).service();
daemonSet("x").service();
// @ts-expect-error one pod per node: a DaemonSet has nothing to autoscale
daemonSet("x").autoscale({ max: 3 });
// @ts-expect-error an autoscaler needs max
deployment("x").autoscale({ min: 2 });

// ---- Shared methods keep the builder's type and state
export const kept: DeploymentBuilder<"ready"> = deployment("x").image("a").replicas(2).selector({ a: "b" }).serviceAccount(serviceAccount("sa"));

// ---- CronJobs: a schedule first
cronJob("x", "*/5 * * * *").image("a").build();
cronJob("x").schedule("@daily").image("a").build();
// @ts-expect-error cronJob(name) has only .schedule() until it is called
cronJob("x").image("a");
// @ts-expect-error "every day" is not a CronSchedule (five fields or a macro)
cronJob("x", "every day");
// @ts-expect-error a CronJob's pods may not restart always
cronJob("x", "@daily").restartPolicy("Always");
cronJob("x", "@daily").concurrencyPolicy("Forbid");
// @ts-expect-error concurrency policies are Allow, Forbid or Replace
cronJob("x", "@daily").concurrencyPolicy("Queue");
export const cj: CronJobManifest = cronJob("x", "@hourly").image("a").cleanupAfter("1h").backoff(1).build();
// @ts-expect-error no container yet
cronJob("x", "@hourly").build();

// ---- Jobs: a pod failure policy only with restartPolicy Never
const podFailurePolicy = { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }] } as const;
job("x").restartPolicy("Never", { podFailurePolicy });
// @ts-expect-error restartPolicy OnFailure takes no podFailurePolicy
job("x").restartPolicy("OnFailure", { podFailurePolicy });
cronJob("x", "@daily").restartPolicy("Never", { podFailurePolicy });
// @ts-expect-error the same for a CronJob's jobs
cronJob("x", "@daily").restartPolicy("OnFailure", { podFailurePolicy });
job("x").restartPolicy("Never", { podFailurePolicy: { rules: [{ action: "Count", onExitCodes: { operator: "NotIn", values: [0] } }] } });
// @ts-expect-error a rule's action is FailJob, FailIndex, Ignore or Count
job("x").restartPolicy("Never", { podFailurePolicy: { rules: [{ action: "Retry", onExitCodes: { operator: "In", values: [1] } }] } });
// @ts-expect-error a rule matches exit codes or pod conditions, not both
job("x").restartPolicy("Never", { podFailurePolicy: { rules: [{ action: "Ignore", onExitCodes: { operator: "In", values: [1] }, onPodConditions: [{ type: "A", status: "True" }] }] } });

// ---- Jobs: backoffLimitPerIndex, maxFailedIndexes and successPolicy only when Indexed
job("x").completions(5).completionMode("Indexed", { backoffLimitPerIndex: 1, maxFailedIndexes: 2, successPolicy: { rules: [{ succeededCount: 3 }] } });
job("x").completionMode("NonIndexed");
// @ts-expect-error NonIndexed Jobs have no per-index backoff
job("x").completionMode("NonIndexed", { backoffLimitPerIndex: 1 });
// @ts-expect-error nor a success policy
cronJob("x", "@daily").completionMode("NonIndexed", { successPolicy: { rules: [{ succeededCount: 1 }] } });

// ---- Containers in pods: sidecars only as init containers
const sidecar = container("proxy").image("envoy").restartPolicy("Always");
deployment("x").image("a").initContainer(sidecar);
deployment("x").image("a").initContainer("proxy", (c) => c.image("envoy").restartPolicy("Always"));
// @ts-expect-error a sidecar (restartPolicy Always) cannot go in containers
deployment("x").image("a").container(sidecar);
// @ts-expect-error nor be made one inside .container()
job("x").image("a").container("proxy", (c) => c.image("envoy").restartPolicy("Always"));
// @ts-expect-error the main container cannot be a sidecar either
job("x").container((c) => c.image("a").restartPolicy("Always"));

// ---- Probes and lifecycle hooks: on containers and sidecars, not on plain init containers
job("x").container((c) => c.image("a").livenessCommand("true").readinessCommand("true").postStartCommand("true").preStopCommand("true"));
job("x").image("a").container(container("side").image("b").startupProbe(exec("true")).preStop(sleep(3)));
job("x").image("a").initContainer("init", (c) => c.image("b").restartPolicy("Always").livenessProbe(exec("true")).preStopCommand("x"));
job("x").image("a").initContainer("init", (c) => c.image("b").readinessProbe(exec("true")).restartPolicy("Always"));
// @ts-expect-error a plain init container has no liveness probe
job("x").image("a").initContainer("init", (c) => c.image("b").livenessProbe(exec("true")));
// @ts-expect-error nor a readiness probe
job("x").image("a").initContainer("init", (c) => c.image("b").readinessCommand("true"));
// @ts-expect-error nor a startup probe
job("x").image("a").initContainer(container("init").image("b").startupProbe(exec("true")));
// @ts-expect-error nor a postStart hook
job("x").image("a").initContainer(container("init").image("b").postStartCommand("true"));
// @ts-expect-error nor a preStop hook
job("x").image("a").initContainer("init", (c) => c.image("b").preStop(sleep(1)));

// ---- Probe and hook handlers
container("c").livenessProbe(httpGet("/", 80)).readinessProbe(tcpSocket("http")).startupProbe(grpc(9090));
container("c").postStart(httpGet("/started", 80)).preStop(sleep(5)).preStop(exec("drain"));
// @ts-expect-error probes cannot sleep
container("c").livenessProbe(sleep(5));
// @ts-expect-error lifecycle hooks cannot call gRPC
container("c").preStop(grpc(9090));
// @ts-expect-error lifecycle hooks cannot open a TCP socket (Kubernetes never runs it)
container("c").postStart(tcpSocket(80));
container("c").livenessProbe(exec("a"), { successThreshold: 1, terminationGracePeriodSeconds: 5 });
// @ts-expect-error "periodSecond" is not a probe timing
container("c").livenessProbe(exec("a"), { periodSecond: 5 });
httpGet("/", 80, { scheme: "HTTPS" });
// @ts-expect-error schemes are HTTP or HTTPS
httpGet("/", 80, { scheme: "FTP" });

// ---- Security contexts: fsGroup is the pod's
deployment("x").securityContext({ fsGroup: 2000, runAsUser: 1000 }).securityContextUid(1000);
container("c").securityContext({ runAsUser: 1000, readOnlyRootFilesystem: true });
// @ts-expect-error a container's securityContext (V1SecurityContext) has no fsGroup
container("c").securityContext({ fsGroup: 2000 });
// @ts-expect-error a pod's securityContext has no readOnlyRootFilesystem
deployment("x").securityContext({ readOnlyRootFilesystem: true });

// ---- Tolerations
daemonSet("x").tolerations({ operator: "Exists" }, { key: "k", value: "v", effect: "NoSchedule" }, { key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 });
// @ts-expect-error "Exists" matches any value: a value makes no sense
daemonSet("x").tolerations({ key: "k", operator: "Exists", value: "v" });
// @ts-expect-error tolerationSeconds only with effect NoExecute
daemonSet("x").tolerations({ key: "k", effect: "NoSchedule", tolerationSeconds: 30 });
// @ts-expect-error without a key, only "Exists" (tolerate everything)
daemonSet("x").tolerations({ value: "v" });
// @ts-expect-error effects are NoSchedule, PreferNoSchedule or NoExecute
daemonSet("x").tolerations({ key: "k", effect: "NoRun" });

// ---- Volumes
const settings = configMap("settings").data({ "app.yaml": "a: 1", "log.yaml": "b: 2" });
const tls = secret("tls").stringData({ "tls.crt": "c", "tls.key": "k" });
container("c").mount("/etc/app", settings, { items: ["app.yaml"], defaultMode: 0o444, readOnly: true });
container("c").mount("/etc/tls", tls, { items: ["tls.crt", "tls.key"] });
// @ts-expect-error "missing.yaml" is not a key of the ConfigMap
container("c").mount("/etc/app", settings, { items: ["missing.yaml"] });
// @ts-expect-error "ca.crt" is not a key of the Secret
container("c").mount("/etc/tls", tls, { items: ["tls.crt", "ca.crt"] });
container("c").mount("/data", claimTemplate("data", "1Gi")).mount("/tmp", emptyDir("tmp", { medium: "Memory" })).mount("/logs", hostPath("/var/log", "Directory"));
// @ts-expect-error items belong to ConfigMap and Secret mounts
container("c").mount("/tmp", emptyDir("tmp"), { items: ["a"] });
// @ts-expect-error emptyDir media: "Memory" (or the node's disk by default)
emptyDir("tmp", { medium: "Disk" });
// @ts-expect-error hostPath types are Kubernetes' list
hostPath("/var/log", "Folder");
// @ts-expect-error "10 GB" is not a Quantity
claimTemplate("data", "10 GB");

// ---- Env
container("c").env({ A: "1", B: settings.key("app.yaml"), C: tls.key("tls.key"), D: fieldRef("metadata.labels['app']") });
// @ts-expect-error "missing" is not a key of the ConfigMap
container("c").env({ A: settings.key("missing") });
// @ts-expect-error "password" is not a key of the Secret
container("c").env({ A: tls.key("password") });
container("c").env({ A: configMapKeyRef("cluster-info", "region", { optional: true }), B: secretKeyRef("db-credentials", "password") });
// @ts-expect-error optional is true or false, not a string
secretKeyRef("db-credentials", "password", { optional: "true" });
// @ts-expect-error "spec.hostname" is not a field the downward API gives env variables
fieldRef("spec.hostname");
resourceFieldRef("limits.cpu", { divisor: "1m" });
resourceFieldRef("requests.memory", { divisor: "1Mi" });
// @ts-expect-error "1Mi" is not a CPU divisor (1m or 1)
resourceFieldRef("limits.cpu", { divisor: "1Mi" });
// @ts-expect-error "gpu" is not a resource the downward API gives
resourceFieldRef("limits.gpu");
container("c").envFrom(settings, "APP_").envFrom(tls).envFromKeys(settings);
// @ts-expect-error envFrom takes a ConfigMap or Secret builder, not a name
container("c").envFrom("settings");
