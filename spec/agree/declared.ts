// Where build() is deliberately stricter than the API server: the object would be stored, but its pods are certain
// to fail. Each entry is listed in the README ("Stricter than the API server") with the same reason. The suite
// accepts a refusal the server doesn't share only when every problem build() found is one of these, and fails
// when an entry is never needed (it would be a claim nothing shows).
import type { Problem } from "../../lib/internal/errors.js";

/** One deliberate over-strictness: the kind and field (problem path) it applies to, and why. */
export interface Declared {
  readonly kind: RegExp;
  readonly path: RegExp;
  readonly rule: string;
  readonly reason: string;
}

export const DECLARED: readonly Declared[] = [
  {
    kind: /^StatefulSet$/,
    path: /^metadata\.name$/,
    rule: "StatefulSet names: a DNS-1123 label of at most 52 characters",
    reason: "its pods are named <name>-<ordinal> (a hostname: a DNS label) and labelled controller-revision-hash: <name>-<10-character hash>, which must fit in 63 characters; past 52 the controller never creates a pod",
  },
  {
    kind: /./,
    path: /(Probe|lifecycle\.postStart)\.(httpGet|tcpSocket)\.port$/,
    rule: "a probe's or postStart hook's named port must be a port of its container",
    reason: "the kubelet finds no such port, so the probe or hook fails every time: the container is never ready, or restarted without end",
  },
  {
    kind: /./,
    path: /lifecycle\.postStart\.tcpSocket$/,
    rule: "no tcpSocket postStart hook",
    reason: "the kubelet runs only exec, httpGet and sleep hooks: a tcpSocket postStart hook fails, and the container is killed each time it starts",
  },
  {
    kind: /^PersistentVolume$/,
    path: /^spec\.capacity\.storage$/,
    rule: "a PersistentVolume's capacity in plain digits: at most 2^63-1",
    reason: "not a pod failure, but a silent change: the API server reads the digits as an int64 that wraps around, so 20000000000000000000 is accepted and stored as another size",
  },
  {
    kind: /^LimitRange$/,
    path: /^metadata\.name$/,
    rule: "a LimitRange has a name",
    reason: "not a failure but a surprise: the API server gives a LimitRange without a name a random one (a UUID), so every apply would create another",
  },
  {
    kind: /^PersistentVolumeClaim$/,
    path: /^spec\.volumeName$/,
    rule: "a claim's volumeName: a DNS-1123 subdomain",
    reason: "it names a PersistentVolume, and no PersistentVolume can have another name: the claim would never bind, and its pods never start",
  },
  {
    kind: /^StatefulSet$/,
    path: /^spec\.volumeClaimTemplates\[\d+\]\.metadata\.(labels|annotations)/,
    rule: "a claim template's labels and annotations are valid ones",
    reason: "the API server doesn't check a claim template's metadata, but the StatefulSet controller makes each pod's claim from it and the server refuses such a claim: the pods never start",
  },
  {
    kind: /./,
    path: /\.projected\.sources\[\d+\]\.(configMap|secret|serviceAccountToken|downwardAPI|clusterTrustBundle)(\.items\[\d+\])?\.path$/,
    rule: "each file path of a projected volume once",
    reason: "the server refuses a path given twice only among items, and warns otherwise; the kubelet writes one file per path, so one source's file is silently lost",
  },
  {
    kind: /./,
    path: /\.downwardAPI\.items\[\d+\]\.resourceFieldRef\.containerName$/,
    rule: "a downwardAPI file's containerName is a DNS-1123 label",
    reason: "it must name a container of the pod, and container names are DNS-1123 labels: the kubelet finds no such container and the pod never starts",
  },
  {
    kind: /./,
    path: /\.topologySpreadConstraints\[\d+\]\.topologyKey$/,
    rule: "a topology spread constraint's topologyKey is a label key",
    reason: "the server only requires one, but nodes have no other keys: with DoNotSchedule no node qualifies and the pods are never scheduled, with ScheduleAnyway the constraint does nothing",
  },
  {
    kind: /^Service$/,
    path: /^spec\.sessionAffinityConfig$/,
    rule: 'sessionAffinityConfig only with sessionAffinity "ClientIP"',
    reason: "not a failure but a silent loss: the server drops the timeout of a Service without ClientIP affinity",
  },
  {
    kind: /./,
    path: /(^|\.)spec\.resources\.limits\.[^.]+$/,
    rule: "a pod-level limit without a pod-level request is at least the containers' aggregate request",
    reason: "the server checks it only in a Pod: it defaults the pod's request to the containers' aggregate one, then refuses a request above the limit, so a workload's controller never creates a pod",
  },
];

/** The declarations covering `problem` of an object of `kind`. */
export function declarationFor(kind: string, problem: Problem): Declared | undefined {
  return DECLARED.find((d) => d.kind.test(kind) && d.path.test(problem.path));
}
