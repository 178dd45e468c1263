import type { Cluster } from "../cluster/cluster.js";
import { KindNotServedError } from "../cluster/cluster.js";
import { ClusterApiError } from "../errors.js";
import type { Manifest } from "../manifest.js";
import { describe, groupOf, idOf, keyOf } from "../object-id.js";
import { holdsData } from "../data-kinds.js";
import { appliedWithSet, PRUNED_WHEN_NAMED, SET_LABEL, setLabelOwners } from "../ownership.js";
import type { Plan } from "../plan/plan.js";

/**
 * Kinds never searched: what controllers keep in step with other objects, copying their labels without owner
 * references (a Service's Endpoints), or that nobody applies (Events, Leases).
 */
const NOT_SEARCHED = new Set(["/Endpoints", "discovery.k8s.io/EndpointSlice", "/Event", "events.k8s.io/Event", "coordination.k8s.io/Lease"]);

/** How {@link findPruneCandidates} decides. */
export interface PruneOptions {
  /** The field manager whose server-side applies prove ownership (`--field-manager`). @default "piceli" */
  readonly fieldManager?: string;
  /** Namespaces and CustomResourceDefinitions that may be deleted, as `Namespace/<name>` (`--prune-allow`). @default [] */
  readonly allow?: readonly string[];
}

/** What `--prune` found. */
export interface PruneCandidates {
  /** Objects to delete: applied earlier by piceli with this set (proven by their `managedFields`), not in the plan. */
  readonly delete: Manifest[];
  /** Objects gone from the code that are not deleted, with why. */
  readonly kept: { readonly manifest: Manifest; readonly reason: string }[];
  /** Kinds that could not be searched (not served, or not allowed to list). */
  readonly unsearched: string[];
  /** Why the objects of `delete` are piceli's: `applied by field manager piceli with --set shop`. */
  readonly proof: string;
}

/**
 * Finds objects labelled with this set (`piceli/set=<set>`) that the plan no longer has, in every kind the server
 * serves that can be listed and deleted, in the plan's namespaces (cluster-scoped kinds cluster-wide), and decides
 * with {@link pruneDecision} which of them to delete. Kinds that may not be listed are reported as not searched.
 */
export async function findPruneCandidates(cluster: Cluster, plan: Plan, set: string, options: PruneOptions = {}): Promise<PruneCandidates> {
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
  const candidates: PruneCandidates = { delete: [], kept: [], unsearched, proof: `applied by field manager ${options.fieldManager ?? "piceli"} with --set ${set}` };
  // Sorted by kind, namespace and name, so the output does not depend on the order of discovery.
  const byName = [...found].sort(([, a], [, b]) => compare(describe(idOf(a)), describe(idOf(b))));
  for (const [key, manifest] of byName) {
    if (planned.has(key)) continue;
    const reason = pruneDecision(manifest, set, options);
    if (reason === undefined) candidates.delete.push(manifest);
    else candidates.kept.push({ manifest, reason });
  }
  return candidates;
}

/**
 * Why an object labelled with the set and gone from the code is kept, or `undefined` when it is deleted. Deleted are
 * only objects piceli can prove it applied ({@link appliedWithSet}), and never PersistentVolumeClaims and
 * PersistentVolumes, objects another object owns, or Namespaces and CustomResourceDefinitions not named in `allow`.
 */
export function pruneDecision(manifest: Manifest, set: string, options: PruneOptions = {}): string | undefined {
  const fieldManager = options.fieldManager ?? "piceli";
  const { kind } = manifest;
  if (holdsData(manifest)) return `a ${kind} is never pruned (deleting it can lose data): delete it yourself if you mean to`;
  if (!appliedWithSet(manifest, set, fieldManager)) {
    const owners = setLabelOwners(manifest).map((o) => `${o.manager} (${o.operation})`);
    const by = owners.length === 0 ? "no field manager owns the label" : `the label is owned by ${owners.join(", ")}`;
    return `not applied by piceli: ${by}, not by a server-side apply of field manager ${fieldManager}`;
  }
  const owners = manifest.metadata["ownerReferences"];
  if (Array.isArray(owners) && owners.length > 0) return "owned by another object, which manages it";
  const named = `${kind}/${manifest.metadata.name}`;
  if (PRUNED_WHEN_NAMED[kind] === groupOf(manifest.apiVersion) && !(options.allow ?? []).includes(named)) {
    return `a ${kind} is pruned only when named with --prune-allow ${named} (deleting it deletes everything in it)`;
  }
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
