import type { Cluster } from "../cluster/cluster.js";
import { KindNotServedError } from "../cluster/cluster.js";
import { ClusterApiError } from "../errors.js";
import type { Manifest } from "../manifest.js";
import { groupOf, idOf, keyOf } from "../object-id.js";
import { SET_LABEL } from "../ownership.js";
import type { Plan } from "../plan/plan.js";

/**
 * Kinds never searched: what controllers keep in step with other objects, copying their labels without owner
 * references (a Service's Endpoints), or that nobody applies (Events, Leases).
 */
const NOT_SEARCHED = new Set(["/Endpoints", "discovery.k8s.io/EndpointSlice", "/Event", "events.k8s.io/Event", "coordination.k8s.io/Lease"]);

/** Kinds never deleted by prune: deleting one deletes everything in it (a namespace's objects, a definition's resources). */
const NEVER_PRUNED = new Set(["Namespace", "CustomResourceDefinition"]);

/** What `--prune` found. */
export interface PruneCandidates {
  /** Objects to delete: applied earlier with this set, not in the plan. */
  readonly delete: Manifest[];
  /** Objects gone from the code that are not deleted, with why. */
  readonly kept: { readonly manifest: Manifest; readonly reason: string }[];
  /** Kinds that could not be searched (not served, or not allowed to list). */
  readonly unsearched: string[];
}

/**
 * Finds objects labelled with this set (`piceli/set=<set>`) that the plan no longer has: in every kind the server
 * serves that can be listed and deleted, in the plan's namespaces (cluster-scoped kinds cluster-wide). Namespaces
 * and CustomResourceDefinitions are reported but never deleted; objects owned by another object are left to their
 * owner; kinds that may not be listed are reported as not searched.
 */
export async function findPruneCandidates(cluster: Cluster, plan: Plan, set: string): Promise<PruneCandidates> {
  const planned = new Set(plan.objects.map((o) => o.key));
  const kinds = new Map<string, readonly [string, string]>();
  for (const k of await cluster.discovery.listableKinds()) {
    if (!NOT_SEARCHED.has(`${groupOf(k[0])}/${k[1]}`)) kinds.set(`${groupOf(k[0])}/${k[1]}`, k);
  }
  const namespaces = new Set(plan.objects.map((o) => o.id.namespace).filter((n): n is string => n !== undefined));
  if (namespaces.size === 0) namespaces.add(cluster.defaultNamespace);

  const found = new Map<string, Manifest>();
  const unsearched: string[] = [];
  for (const [apiVersion, kind] of kinds.values()) {
    let scope;
    try {
      scope = await cluster.scopeOf(apiVersion, kind);
    } catch (error) {
      if (error instanceof ClusterApiError && error.status === 403) { unsearched.push(`${kind} (${error.serverMessage})`); continue; }
      throw error;
    }
    if (scope === undefined) continue;
    const where = scope === "Cluster" ? [undefined] : [...namespaces];
    for (const namespace of where) {
      try {
        const items = await cluster.list(apiVersion, kind, { ...(namespace !== undefined && { namespace }), labelSelector: `${SET_LABEL}=${set}` });
        for (const item of items) found.set(keyOf(idOf(item)), item);
      } catch (error) {
        if (error instanceof KindNotServedError) continue;
        if (error instanceof ClusterApiError && error.status === 403) {
          unsearched.push(`${kind}${namespace === undefined ? "" : ` in ${namespace}`} (${error.serverMessage})`);
          continue;
        }
        throw error;
      }
    }
  }
  const candidates: PruneCandidates = { delete: [], kept: [], unsearched };
  for (const [key, manifest] of found) {
    if (planned.has(key)) continue;
    const owners = manifest.metadata["ownerReferences"];
    if (NEVER_PRUNED.has(manifest.kind)) candidates.kept.push({ manifest, reason: `a ${manifest.kind} is never pruned (deleting it deletes everything in it): delete it yourself if you mean to` });
    else if (Array.isArray(owners) && owners.length > 0) candidates.kept.push({ manifest, reason: "owned by another object, which manages it" });
    else candidates.delete.push(manifest);
  }
  return candidates;
}
