// Workload numbers and strategies, containers (names, images, env, security), tolerations and selectors.
import { configMap, configMapKeyRef, container, cronJob, daemonSet, deployment, emptyDir, exec, fieldRef, job, secret, secretKeyRef, statefulSet } from "../../../lib/index.js";
import type { CompleteContainer, CompleteInitContainer, Toleration } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { NAMES } from "./names.js";
import { COUNTS, IMAGE } from "./values.js";

const PERCENTS = [0, 1, "0%", "1%", "25%", "100%", "101%", "1000%", "1.5%", "-1%", "25 %", " 25%", "%", "25", -1];
const web = () => deployment("d").image(IMAGE);
const work = () => job("j").image(IMAGE);
const cron = () => cronJob("c", "0 * * * *").image(IMAGE);

const TOLERATIONS: unknown[] = [
  { operator: "Exists" }, { key: "a", operator: "Exists" }, { key: "a", operator: "Exists", value: "x" }, { key: "a", value: "x" }, { key: "a" },
  { value: "x" }, { key: "a", operator: "Equal", value: "" }, { key: "A/b", operator: "Exists" }, { key: "a", operator: "exists" },
  { key: "a", operator: "Exists", effect: "NoSchedule" }, { key: "a", operator: "Exists", effect: "noschedule" }, { key: "a", operator: "Exists", effect: "" },
  { key: "a", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }, { key: "a", operator: "Exists", effect: "NoExecute", tolerationSeconds: -1 },
  { key: "a", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 60 }, { key: "a", operator: "Exists", tolerationSeconds: 60 },
  { key: "a", operator: "Equal", value: "a b" }, { key: "", operator: "Exists" },
];
const ENV_NAMES = ["A", "a", "A_B", "1A", "A-B", "A.B", "A B", "A=B", "=", "", "ä", " A", "$A", "A\tB"];
const FIELD_PATHS = [
  "metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels", "metadata.labels['app']", "metadata.labels['A b']", "metadata.annotations['a/b']",
  "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs", "status.hostIPs", "spec.hostname", "metadata.generateName", "status.phase",
];

export const workloadCases: Case[] = [
  ...each("workload counts", "Deployment", "spec.replicas", COUNTS, (n) => web().replicas(n)),
  ...each("workload counts", "Deployment", "spec.minReadySeconds", COUNTS, (n) => web().minReadySeconds(n)),
  ...each("workload counts", "Deployment", "spec.revisionHistoryLimit", COUNTS, (n) => web().revisionHistoryLimit(n)),
  ...each("workload counts", "Deployment", "spec.progressDeadlineSeconds", COUNTS, (n) => web().progressDeadlineSeconds(n)),
  ...each("workload counts", "Deployment", "minReadySeconds/progressDeadlineSeconds", [[10, 10], [10, 11], [11, 10], [0, 1]], ([ready, deadline]) => web().minReadySeconds(ready!).progressDeadlineSeconds(deadline!)),
  ...each("workload counts", "Deployment", "spec.template.spec.terminationGracePeriodSeconds", COUNTS, (n) => web().terminationGracePeriodSeconds(n)),
  ...each("workload counts", "StatefulSet", "spec.replicas", COUNTS, (n) => statefulSet("s").image(IMAGE).replicas(n)),
  ...each("workload counts", "StatefulSet", "spec.updateStrategy.rollingUpdate.partition", COUNTS, (n) => statefulSet("s").image(IMAGE).updateStrategy("RollingUpdate", n)),
  ...each("workload counts", "StatefulSet", "spec.minReadySeconds", COUNTS, (n) => statefulSet("s").image(IMAGE).minReadySeconds(n)),
  ...each("workload counts", "StatefulSet", "spec.serviceName", ["db", "", "DB", "db.x", "1db"], (n) => statefulSet("s").image(IMAGE).serviceName(n)),
  ...each("workload counts", "DaemonSet", "spec.minReadySeconds", COUNTS, (n) => daemonSet("ds").image(IMAGE).minReadySeconds(n)),
  ...each("workload counts", "Job", "spec.parallelism", COUNTS, (n) => work().parallelism(n)),
  ...each("workload counts", "Job", "spec.completions", COUNTS, (n) => work().completions(n)),
  ...each("workload counts", "Job", "spec.backoffLimit", COUNTS, (n) => work().backoff(n)),
  ...each("workload counts", "Job", "spec.activeDeadlineSeconds", COUNTS, (n) => work().activeDeadlineSeconds(n)),
  ...each("workload counts", "Job", "spec.ttlSecondsAfterFinished", [...COUNTS, "90s", "1.5m", "1d", "0s", "1h", "2147483648s", "1w", "-1s"], (n) => work().cleanupAfter(untyped(n))),
  ...each("workload counts", "Job", "Indexed: completions/parallelism", [[1, 1], [0, 0], [100000, 100000], [100001, 1], [1, 100001]], ([completions, parallelism]) =>
    work().completionMode("Indexed").completions(completions!).parallelism(parallelism!)),
  ...each("workload counts", "Job", "Indexed: backoffLimitPerIndex/maxFailedIndexes (completions 5)", [[0, 0], [1, 5], [1, 6], [1, -1], [-1, undefined]], ([perIndex, maxFailed]) =>
    work().completions(5).completionMode("Indexed", { backoffLimitPerIndex: perIndex!, ...(maxFailed !== undefined && { maxFailedIndexes: maxFailed }) })),
  ...each("workload counts", "CronJob", "spec.startingDeadlineSeconds", COUNTS, (n) => cron().startingDeadlineSeconds(n)),
  ...each("workload counts", "CronJob", "spec.successfulJobsHistoryLimit", COUNTS, (n) => cron().historyLimits(n, 1)),
  ...each("workload counts", "CronJob", "spec.concurrencyPolicy", ["Allow", "Forbid", "Replace", "allow", ""], (p) => cron().concurrencyPolicy(untyped(p))),
  ...each("workload strategies", "Deployment", "spec.strategy.rollingUpdate.maxSurge", PERCENTS, (v) => web().rollingUpdate({ maxSurge: untyped(v) })),
  ...each("workload strategies", "Deployment", "spec.strategy.rollingUpdate.maxUnavailable", PERCENTS, (v) => web().rollingUpdate({ maxUnavailable: untyped(v) })),
  ...each("workload strategies", "Deployment", "maxSurge/maxUnavailable both", [[0, 0], ["0%", 0], [0, "0%"], [0, 1], ["0%", "1%"]], ([s, u]) => web().rollingUpdate({ maxSurge: untyped(s), maxUnavailable: untyped(u) })),
  ...each("workload strategies", "Deployment", "spec.strategy.type", ["Recreate", "RollingUpdate", "recreate"], (t) => web().strategy(untyped(t))),
  ...each("workload strategies", "DaemonSet", "spec.updateStrategy.rollingUpdate.maxUnavailable", PERCENTS, (v) => daemonSet("ds").image(IMAGE).rollingUpdate({ maxUnavailable: untyped(v) })),
  ...each("workload strategies", "DaemonSet", "maxUnavailable/maxSurge both", [[0, 1], [1, 1], [0, 0], ["0%", "10%"], [1, 0]], ([u, s]) => daemonSet("ds").image(IMAGE).rollingUpdate(untyped({ maxUnavailable: u, maxSurge: s }))),
  ...each("workload strategies", "StatefulSet", "spec.podManagementPolicy", ["OrderedReady", "Parallel", "parallel"], (p) => statefulSet("s").image(IMAGE).podManagementPolicy(untyped(p))),
  ...each("workload strategies", "Job", "spec.template.spec.restartPolicy", ["OnFailure", "Never", "Always"], (p) => work().restartPolicy(untyped(p))),
  ...each("containers", "Deployment", "containers[].name", NAMES.filter((n) => n.length < 100), (n) => web().container(n, (c) => c.image(IMAGE))),
  ...each("containers", "Job", "initContainers[].name", ["init", "Init", "a.b", "j"], (n) => work().initContainer(n, (c) => c.image(IMAGE))),
  ...each("containers", "Deployment", "containers[].image", ["busybox", "busybox:1.36", "", " ", " busybox", "busybox ", "Busybox", "a b", "localhost:5000/x@sha256:abc"], (i) => deployment("d").image(i)),
  ...each("containers", "Deployment", "containers[].imagePullPolicy", ["Always", "IfNotPresent", "Never", "always", ""], (p) => deployment("d").container((c) => c.image(IMAGE).imagePullPolicy(untyped(p)))),
  ...each("containers", "Deployment", "containers[].command", [["sh"], [], [""]], (cmd) => deployment("d").container((c) => c.image(IMAGE).command(...cmd))),
  ...each("containers", "Deployment", "containers[].args", [["x"], [], [""]], (args) => deployment("d").container((c) => c.image(IMAGE).args(...args))),
  ...each("containers", "Deployment", "container restartPolicy", ["Always"] as const, (p) => deployment("d").container(untyped<CompleteContainer>(container("side").image(IMAGE).restartPolicy(p))),
    "the ContainerRestartRules feature gate: restart rules of regular containers"),
  ...each("containers", "Job", "initContainers[] sidecar with probe", ["sidecar", "plain"], (kind) => work().initContainer(untyped<CompleteInitContainer>(
    kind === "sidecar" ? container("init").image(IMAGE).restartPolicy("Always").readinessProbe(exec("true")) : container("init").image(IMAGE).readinessProbe(exec("true"))))),
  ...each("containers", "Deployment", "emptyDir name", ["cache", "Cache", "a.b", "", "a".repeat(63), "a".repeat(64)], (n) => deployment("d").container((c) => c.image(IMAGE).mount("/x", emptyDir(n)))),
  ...each("containers", "Deployment", "imagePullSecrets[].name", ["reg", "Reg", "a.b", "", "a_b"], (n) => web().imagePullSecrets(n)),
  ...each("containers", "Deployment", "serviceAccountName", ["sa", "SA", "a.b", "a_b", ""], (n) => web().serviceAccountName(n)),
  ...each("security", "Deployment", "container securityContext.runAsUser", COUNTS, (n) => deployment("d").container((c) => c.image(IMAGE).securityContext({ runAsUser: n }))),
  ...each("security", "Deployment", "pod securityContext.fsGroup", COUNTS, (n) => web().securityContext({ fsGroup: n })),
  ...each("security", "Deployment", "privileged/allowPrivilegeEscalation", [[true, false], [true, true], [false, false]], ([privileged, allowPrivilegeEscalation]) =>
    deployment("d").container((c) => c.image(IMAGE).securityContext({ privileged: privileged!, allowPrivilegeEscalation: allowPrivilegeEscalation! }))),
  ...each("security", "Deployment", "container securityContext field", [{ fsGroup: 1 }, { runAsNonRoot: true }, { capabilities: { add: ["NET_ADMIN"] } }, { procMount: "Default" }, { procMount: "foo" }], (sc) =>
    deployment("d").container((c) => c.image(IMAGE).securityContext(untyped(sc)))),
  ...each("tolerations", "Deployment", "spec.template.spec.tolerations[]", TOLERATIONS, (t) => web().tolerations(untyped<Toleration>(t))),
  ...each("env", "Deployment", "env[].name", ENV_NAMES, (n) => deployment("d").container((c) => c.image(IMAGE).env({ [n]: "v" }))),
  ...each("env", "Deployment", "env fieldRef fieldPath", FIELD_PATHS, (p) => deployment("d").container((c) => c.image(IMAGE).env({ X: fieldRef(untyped(p)) }))),
  ...each("env", "Deployment", "envFrom prefix", ["", "APP_", "1", "a=", "A B", "ä"], (p) => deployment("d").container((c) => c.image(IMAGE).envFrom(configMap("cfg"), p))),
  ...each("env", "Deployment", "env secretKeyRef key", ["a", "a.b", "A_b-c", "a/b", "..", ""], (k) => deployment("d").container((c) => c.image(IMAGE).env({ X: secret("db").stringData({ [k]: "v" }).key(k) }))),
  ...each("env", "Deployment", "env configMapKeyRef/secretKeyRef of another's object", [["cfg", "a", true], ["db", "a.b", false], ["Db", "a", undefined], ["db", "a/b", true], ["db", "a", "yes"]] as [string, string, unknown][],
    ([name, key, optional]) => deployment("d").container((c) => c.image(IMAGE).env({ X: configMapKeyRef(name, key, untyped({ optional })), Y: secretKeyRef(name, key, untyped({ optional })) }))),
  ...each("selectors", "Deployment", "spec.selector.matchLabels against template labels", [
    [{ app: "web" }, { app: "web" }], [{ app: "web" }, { app: "web", tier: "front" }], [{ app: "web", tier: "front" }, { app: "web" }], [{ app: "api" }, { app: "web" }], [{}, { app: "web" }],
  ] as Record<string, string>[][], ([selector, labels]) => web().templateLabels(labels!).selector(selector!)),
  ...each("selectors", "StatefulSet", "spec.selector.matchLabels against template labels", [[{ app: "db" }, { app: "db" }], [{ app: "x" }, { app: "db" }]], ([selector, labels]) =>
    statefulSet("s").image(IMAGE).templateLabels(labels!).selector(selector!)),
  ...each("selectors", "DaemonSet", "spec.selector.matchLabels against template labels", [[{ app: "ds" }, { app: "ds" }], [{ app: "x" }, { app: "ds" }]], ([selector, labels]) =>
    daemonSet("ds").image(IMAGE).templateLabels(labels!).selector(selector!)),
  ...each("selectors", "Deployment", "affinity nodeSelectorTerms operator", ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "in", "Foo"], (operator) =>
    web().affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator, ...(["In", "NotIn", "in", "Foo"].includes(operator) && { values: ["a"] }), ...(operator === "Gt" && { values: ["1"] }) }] }] } } })),
  ...each("selectors", "Deployment", "affinity matchExpressions operator/values", [
    ["In", []], ["NotIn", undefined], ["Exists", ["a"]], ["DoesNotExist", []], ["Gt", ["1", "2"]], ["Lt", ["x"]], ["Lt", ["-3"]], ["In", ["a", "b"]],
  ] as [string, string[] | undefined][], ([operator, values]) =>
    web().affinity({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: "zone", operator, ...(values && { values }) }] } }] } })),
  ...each("selectors", "Deployment", "affinity matchExpressions key", ["zone", "a/b", "A/b", "", "a b"], (key) =>
    web().affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: "Exists" }] }] } } })),
];
