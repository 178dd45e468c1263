// Names of every kind: lengths (52, 63, 253 and one past), characters, prefixes and dots.
import {
  clusterRole, clusterRoleBinding, configMap, cronJob, daemonSet, deployment, horizontalPodAutoscaler, ingress, ingressClass, job, limitRange,
  namespace, networkPolicy, persistentVolume, persistentVolumeClaim, pod, podDisruptionBudget, priorityClass, resourceQuota, role, roleBinding,
  secret, service, serviceAccount, statefulSet, storageClass,
} from "../../../lib/index.js";
import { each, type Buildable, type Case } from "../case.js";
import { IMAGE, label, subdomain } from "./values.js";

/** Inputs on both sides of every name rule: DNS label, DNS-1035 label, subdomain, the 52-character workloads, path segments. */
export const NAMES = [
  "a", "0", "1a", "a-b", "a.b", "a..b", ".a", "a.", "-a", "a-", "a.-b", "a-.b", "A", "aB", "a_b", "a b", "a:b", "a%b", "a/b",
  ".", "..", "", "ä", "system:x", label(52), label(53), label(63), label(64), `x.${label(64)}`, subdomain(253), subdomain(254),
];

const RULE = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };
const SUBJECT = { kind: "User", name: "jane" } as const;

/** Each kind's builder with only its name given. */
/** A builder that takes labels, as every kind's does. */
type Labelled = Buildable & { labels(labels: Readonly<Record<string, string>>): Buildable };

export const NAMED: Readonly<Record<string, (name: string) => Labelled>> = {
  Namespace: (n) => namespace(n),
  ConfigMap: (n) => configMap(n),
  Secret: (n) => secret(n),
  ServiceAccount: (n) => serviceAccount(n),
  Service: (n) => service(n).port(80),
  Deployment: (n) => deployment(n).image(IMAGE),
  StatefulSet: (n) => statefulSet(n).image(IMAGE),
  DaemonSet: (n) => daemonSet(n).image(IMAGE),
  Job: (n) => job(n).image(IMAGE),
  CronJob: (n) => cronJob(n, "0 * * * *").image(IMAGE),
  HorizontalPodAutoscaler: (n) => horizontalPodAutoscaler(n, { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, 3),
  Role: (n) => role(n).rule(RULE),
  ClusterRole: (n) => clusterRole(n).rule(RULE),
  RoleBinding: (n) => roleBinding(n).role({ kind: "ClusterRole", name: "view" }).subject(SUBJECT),
  ClusterRoleBinding: (n) => clusterRoleBinding(n).role({ kind: "ClusterRole", name: "view" }).subject(SUBJECT),
  PersistentVolumeClaim: (n) => persistentVolumeClaim(n, "1Gi"),
  PersistentVolume: (n) => persistentVolume(n, "1Gi").hostPath("/data"),
  StorageClass: (n) => storageClass(n, "example.com/fast"),
  Pod: (n) => pod(n).image(IMAGE),
  Ingress: (n) => ingress(n).route({ service: "web", port: 80 }),
  IngressClass: (n) => ingressClass(n, "example.com/ingress"),
  NetworkPolicy: (n) => networkPolicy(n),
  PodDisruptionBudget: (n) => podDisruptionBudget(n, { matchLabels: { app: "web" } }, { minAvailable: 1 }),
  ResourceQuota: (n) => resourceQuota(n).hard({ pods: "10" }),
  LimitRange: (n) => limitRange(n).container({ max: { cpu: "1" } }),
  PriorityClass: (n) => priorityClass(n, 1000),
};

const SERVICE_NAME_GATE = "RelaxedServiceNameValidation (on by default since 1.36; older servers want a Service name to start with a letter)";

export const nameCases: Case[] = Object.entries(NAMED).flatMap(([kind, make]) => kind === "Service"
  ? [...each("names", kind, "metadata.name", NAMES.filter((n) => !/^\d/.test(n)), make), ...each("names", kind, "metadata.name", NAMES.filter((n) => /^\d/.test(n)), make, SERVICE_NAME_GATE)]
  : each("names", kind, "metadata.name", NAMES, make));
