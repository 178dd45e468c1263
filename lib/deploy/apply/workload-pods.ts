import { KindNotServedError, type Cluster } from "../cluster/cluster.js";
import { ClusterApiError } from "../errors.js";
import { arrayAt, at, isObject, stringAt, type Manifest } from "../manifest.js";

/** The ReplicaSet annotation a Deployment controller writes: which revision of the Deployment it belongs to. */
const REVISION = "deployment.kubernetes.io/revision";

/**
 * The pods of a workload's current rollout: for a Deployment, the pods of its ReplicaSet of the current revision;
 * for a StatefulSet, DaemonSet or Job, the pods it owns. Found by the workload's selector and owner references
 * (a pod of another workload that happens to match the selector is not counted). Empty while the controller has
 * not made them, or when the user may not list pods or ReplicaSets (403): the wait then goes on without them.
 */
export async function podsOf(cluster: Cluster, workload: Manifest): Promise<Manifest[]> {
  const selector = labelSelector(at(workload, "spec", "selector"));
  const namespace = workload.metadata.namespace;
  if (selector === undefined || namespace === undefined) return [];
  try {
    let owner = workload.metadata["uid"];
    if (workload.kind === "Deployment") {
      const revision = workload.metadata.annotations?.[REVISION];
      const sets = await cluster.list("apps/v1", "ReplicaSet", { namespace, labelSelector: selector });
      const current = sets.find((rs) => ownedBy(rs, owner) && rs.metadata.annotations?.[REVISION] === revision);
      if (revision === undefined || current === undefined) return [];
      owner = current.metadata["uid"];
    }
    const pods = await cluster.list("v1", "Pod", { namespace, labelSelector: selector });
    return pods.filter((pod) => ownedBy(pod, owner));
  } catch (error) {
    if ((error instanceof ClusterApiError && error.status === 403) || error instanceof KindNotServedError) return [];
    throw error;
  }
}

function ownedBy(object: Manifest, uid: unknown): boolean {
  return typeof uid === "string" && arrayAt(object, "metadata", "ownerReferences").some((ref) => isObject(ref) && ref["uid"] === uid);
}

/**
 * A `spec.selector` (`matchLabels` and `matchExpressions`) as the `labelSelector` query parameter:
 * `app=web,tier in (a,b),!legacy`. `undefined` when there is none.
 */
export function labelSelector(selector: unknown): string | undefined {
  if (!isObject(selector)) return undefined;
  const parts: string[] = [];
  const labels = selector["matchLabels"];
  if (isObject(labels)) for (const [key, value] of Object.entries(labels)) parts.push(`${key}=${String(value)}`);
  for (const expression of arrayAt(selector, "matchExpressions")) {
    const key = stringAt(expression, "key");
    const values = arrayAt(expression, "values").map(String).join(",");
    switch (stringAt(expression, "operator")) {
      case "In":
        parts.push(`${key} in (${values})`);
        break;
      case "NotIn":
        parts.push(`${key} notin (${values})`);
        break;
      case "Exists":
        parts.push(`${key}`);
        break;
      case "DoesNotExist":
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.length === 0 ? undefined : parts.join(",");
}
