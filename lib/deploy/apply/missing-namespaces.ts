import type { Cluster } from "../cluster/cluster.js";
import { ClusterApiError, DeployError } from "../errors.js";
import type { LoadedObject } from "../load/source.js";
import { describe, idOf } from "../object-id.js";

/** A namespace objects need that neither the input declares nor the cluster has, and the objects in it. */
export interface MissingNamespace {
  readonly name: string;
  readonly objects: readonly LoadedObject[];
}

/**
 * The namespaces the objects are in (their namespaces settled, see `resolveObjects`) that the input does not declare
 * as a `Namespace` and the cluster does not have, in order of first use. Asks the cluster once per namespace (one the
 * identity may not read counts as there).
 */
export async function findMissingNamespaces(cluster: Cluster, objects: readonly LoadedObject[]): Promise<MissingNamespace[]> {
  const declared = new Set(objects.filter((o) => o.manifest.kind === "Namespace" && o.manifest.apiVersion === "v1").map((o) => o.manifest.metadata.name));
  const used = new Map<string, LoadedObject[]>();
  for (const object of objects) {
    const namespace = object.manifest.metadata.namespace;
    if (namespace === undefined || declared.has(namespace)) continue;
    used.set(namespace, [...(used.get(namespace) ?? []), object]);
  }
  const missing: MissingNamespace[] = [];
  for (const [name, inIt] of used) {
    if (!(await mayExist(cluster, name))) missing.push({ name, objects: inIt });
  }
  return missing;
}

/**
 * Whether the namespace exists, or may: an identity confined to namespaces (a Role, not a ClusterRole) may not read
 * Namespace objects. Then it is taken as there; if it is not, the dry run of each object in it says so.
 */
async function mayExist(cluster: Cluster, name: string): Promise<boolean> {
  try {
    return (await cluster.get({ apiVersion: "v1", kind: "Namespace", name })) !== undefined;
  } catch (error) {
    if (error instanceof ClusterApiError && error.forbidden) return true;
    throw error;
  }
}

/** The error for namespaces that are missing without `--create-namespace`: each namespace and what is in it. */
export function missingNamespacesError(missing: readonly MissingNamespace[]): DeployError {
  const list = missing.map((m) => {
    const shown = m.objects.slice(0, 3).map((o) => describe(idOf(o.manifest))).join(", ");
    return `  ${m.name}: needed by ${shown}${m.objects.length > 3 ? ` and ${m.objects.length - 3} more` : ""}`;
  });
  const one = missing.length === 1;
  return new DeployError(
    `${one ? "a namespace does" : `${missing.length} namespaces do`} not exist in the cluster and the input does not declare ${one ? "it" : "them"}:\n${list.join("\n")}\n` +
      `nothing was sent. Declare ${one ? "it" : "them"} (a Namespace object in the code), or pass --create-namespace: piceli then creates ${one ? "it" : "them"} first, and deletes ${one ? "it" : "them"} again if the run fails`,
  );
}

/** Namespace objects for `--create-namespace`, marked as added by that option. */
export function namespaceObjects(missing: readonly MissingNamespace[]): LoadedObject[] {
  return missing.map((m) => ({
    manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: m.name } },
    source: { type: "option", option: "--create-namespace" },
  }));
}
