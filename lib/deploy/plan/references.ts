import { arrayAt, at, isObject, stringAt, type Manifest } from "../manifest.js";
import { groupOf } from "../object-id.js";

/** An object another object names: matched against the objects being applied by kind, namespace and name. */
export interface ReferenceTarget {
  /** The target's API group, when the reference says (`""` for core); unset matches any group. */
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
  /** Unset for cluster-scoped targets. */
  readonly namespace?: string;
  /** Which field refers to it, for plans and graphs: `envFrom`, `roleRef`, `scaleTargetRef`, … */
  readonly via: string;
}

const RBAC = "rbac.authorization.k8s.io";

/**
 * What `manifest` refers to by name and must therefore come after: for pods (of any workload) the ConfigMaps,
 * Secrets, PersistentVolumeClaims, ServiceAccount, PriorityClass and RuntimeClass they use; a StatefulSet's Service
 * and storage classes; a (Cluster)RoleBinding's role and ServiceAccounts; an autoscaler's target; an Ingress's
 * Services, TLS Secrets and class; a claim's StorageClass and volume; a namespaced object's Namespace.
 * (A custom resource's CustomResourceDefinition is matched by the planner, which sees all definitions.)
 */
export function referencesOf(manifest: Manifest): ReferenceTarget[] {
  const namespace = manifest.metadata.namespace;
  const out: ReferenceTarget[] = [];
  const add = (kind: string, name: unknown, via: string, options: { group?: string; namespace?: string | undefined; cluster?: boolean } = {}): void => {
    if (typeof name !== "string" || name === "") return;
    const ns = options.cluster ? undefined : (options.namespace ?? namespace);
    out.push({ kind, name, via, ...(options.group !== undefined && { group: options.group }), ...(ns !== undefined && { namespace: ns }) });
  };
  if (namespace !== undefined) add("Namespace", namespace, "namespace", { group: "", cluster: true });

  const podSpec = podSpecOf(manifest);
  if (podSpec !== undefined) podReferences(podSpec, add);

  switch (`${groupOf(manifest.apiVersion)}/${manifest.kind}`) {
    case "apps/StatefulSet":
      add("Service", at(manifest, "spec", "serviceName"), "serviceName", { group: "" });
      for (const claim of arrayAt(manifest, "spec", "volumeClaimTemplates")) {
        add("StorageClass", at(claim, "spec", "storageClassName"), "volumeClaimTemplates", { group: "storage.k8s.io", cluster: true });
      }
      break;
    case "/PersistentVolumeClaim":
      add("StorageClass", at(manifest, "spec", "storageClassName"), "storageClassName", { group: "storage.k8s.io", cluster: true });
      add("PersistentVolume", at(manifest, "spec", "volumeName"), "volumeName", { group: "", cluster: true });
      break;
    case "/PersistentVolume":
      add("StorageClass", at(manifest, "spec", "storageClassName"), "storageClassName", { group: "storage.k8s.io", cluster: true });
      break;
    case `${RBAC}/RoleBinding`:
    case `${RBAC}/ClusterRoleBinding`: {
      const roleKind = stringAt(manifest, "roleRef", "kind");
      if (roleKind === "Role") add("Role", at(manifest, "roleRef", "name"), "roleRef", { group: RBAC });
      if (roleKind === "ClusterRole") add("ClusterRole", at(manifest, "roleRef", "name"), "roleRef", { group: RBAC, cluster: true });
      for (const subject of arrayAt(manifest, "subjects")) {
        if (stringAt(subject, "kind") !== "ServiceAccount") continue;
        const subjectNamespace = stringAt(subject, "namespace") ?? namespace;
        if (subjectNamespace !== undefined) add("ServiceAccount", at(subject, "name"), "subject", { group: "", namespace: subjectNamespace });
      }
      break;
    }
    case "autoscaling/HorizontalPodAutoscaler":
      targetRef(at(manifest, "spec", "scaleTargetRef"), "scaleTargetRef", add);
      break;
    case "autoscaling.k8s.io/VerticalPodAutoscaler":
      targetRef(at(manifest, "spec", "targetRef"), "targetRef", add);
      break;
    case "networking.k8s.io/Ingress": {
      add("IngressClass", at(manifest, "spec", "ingressClassName"), "ingressClassName", { group: "networking.k8s.io", cluster: true });
      add("Service", at(manifest, "spec", "defaultBackend", "service", "name"), "backend", { group: "" });
      for (const rule of arrayAt(manifest, "spec", "rules")) {
        for (const path of arrayAt(rule, "http", "paths")) add("Service", at(path, "backend", "service", "name"), "backend", { group: "" });
      }
      for (const tls of arrayAt(manifest, "spec", "tls")) add("Secret", at(tls, "secretName"), "tls", { group: "" });
      break;
    }
    case "/ServiceAccount":
      for (const secret of arrayAt(manifest, "imagePullSecrets")) add("Secret", at(secret, "name"), "imagePullSecrets", { group: "" });
      break;
    case "/Secret":
      if (manifest["type"] === "kubernetes.io/service-account-token") {
        add("ServiceAccount", manifest.metadata.annotations?.["kubernetes.io/service-account.name"], "service-account.name", { group: "" });
      }
      break;
  }
  return out;
}

type Add = (kind: string, name: unknown, via: string, options?: { group?: string; namespace?: string; cluster?: boolean }) => void;

function targetRef(ref: unknown, via: string, add: Add): void {
  const apiVersion = stringAt(ref, "apiVersion");
  add(stringAt(ref, "kind") ?? "", at(ref, "name"), via, apiVersion === undefined ? {} : { group: groupOf(apiVersion) });
}

/** The pod spec of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, PodTemplate). */
export function podSpecOf(manifest: Manifest): Record<string, unknown> | undefined {
  const spec = manifest.kind === "Pod" ? at(manifest, "spec")
    : manifest.kind === "CronJob" ? at(manifest, "spec", "jobTemplate", "spec", "template", "spec")
    : manifest.kind === "PodTemplate" ? at(manifest, "template", "spec")
    : at(manifest, "spec", "template", "spec");
  return isObject(spec) && Array.isArray(spec["containers"]) ? spec : undefined;
}

function podReferences(pod: Record<string, unknown>, add: Add): void {
  add("ServiceAccount", pod["serviceAccountName"] ?? pod["serviceAccount"], "serviceAccountName", { group: "" });
  for (const secret of arrayAt(pod, "imagePullSecrets")) add("Secret", at(secret, "name"), "imagePullSecrets", { group: "" });
  add("PriorityClass", pod["priorityClassName"], "priorityClassName", { group: "scheduling.k8s.io", cluster: true });
  add("RuntimeClass", pod["runtimeClassName"], "runtimeClassName", { group: "node.k8s.io", cluster: true });
  for (const volume of arrayAt(pod, "volumes")) {
    add("ConfigMap", at(volume, "configMap", "name"), "volume", { group: "" });
    add("Secret", at(volume, "secret", "secretName"), "volume", { group: "" });
    add("PersistentVolumeClaim", at(volume, "persistentVolumeClaim", "claimName"), "volume", { group: "" });
    for (const source of arrayAt(volume, "projected", "sources")) {
      add("ConfigMap", at(source, "configMap", "name"), "volume", { group: "" });
      add("Secret", at(source, "secret", "name"), "volume", { group: "" });
    }
  }
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const container of arrayAt(pod, list)) {
      for (const from of arrayAt(container, "envFrom")) {
        add("ConfigMap", at(from, "configMapRef", "name"), "envFrom", { group: "" });
        add("Secret", at(from, "secretRef", "name"), "envFrom", { group: "" });
      }
      for (const env of arrayAt(container, "env")) {
        add("ConfigMap", at(env, "valueFrom", "configMapKeyRef", "name"), "env", { group: "" });
        add("Secret", at(env, "valueFrom", "secretKeyRef", "name"), "env", { group: "" });
      }
    }
  }
}
