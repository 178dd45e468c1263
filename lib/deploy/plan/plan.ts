import { applyRank } from "../../output/apply-order.js";
import { PlanCycleError } from "../errors.js";
import type { LoadedObject, Source } from "../load/source.js";
import { stringAt, type Manifest } from "../manifest.js";
import { groupOf, idOf, keyOf, type ObjectId } from "../object-id.js";
import { referencesOf, type ReferenceTarget } from "./references.js";

/** An edge of the plan: `from` must exist before `to`, because `to` refers to it through `via`. */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  readonly via: string;
}

/** One object in the plan. */
export interface PlannedObject {
  readonly id: ObjectId;
  /** {@link keyOf} the id: what dependencies name. */
  readonly key: string;
  readonly manifest: Manifest;
  readonly source?: Source;
  /** Its step (1-based): everything it depends on is in earlier steps. */
  readonly step: number;
  /** The kind's rank ({@link applyRank}); raised to that of what it refers to when that ranks later. */
  readonly rank: number;
}

/** Objects in steps: each step only after the previous one; within a step, no object depends on another. */
export interface Plan {
  /** Every object, in apply order (by step, then rank, then input order). */
  readonly objects: readonly PlannedObject[];
  /** `steps[0]` is step 1. */
  readonly steps: readonly (readonly PlannedObject[])[];
  /** Dependencies from references between the objects (kind order adds no edges here: it is what steps are). */
  readonly dependencies: readonly Dependency[];
}

/**
 * Orders objects for applying. Two kinds of constraint:
 * - references: an object comes after every object it names (a workload after its ConfigMaps, Secrets, claims and
 *   ServiceAccount, a RoleBinding after its Role and ServiceAccounts, an autoscaler after its target, a custom
 *   resource after its CustomResourceDefinition, a namespaced object after its Namespace);
 * - kind order ({@link applyRank}, as Piceli orders kinds; unknown kinds are placed safely before workloads, never
 *   dropped): an object comes after every object of a lower rank. An object that refers to one of a higher rank is
 *   raised to that rank first, so the two constraints never contradict each other.
 * Steps are longest-path levels (Kahn's algorithm). A reference cycle is a {@link PlanCycleError} naming the objects.
 * @example planApply((await loadSources(["app.ts"])).objects).steps
 */
export function planApply(input: readonly (LoadedObject | Manifest)[]): Plan {
  const nodes = input.map((item, index) => {
    const loaded = isLoaded(item) ? item : undefined;
    const manifest = loaded?.manifest ?? (item as Manifest);
    const source = loaded?.source;
    const id = idOf(manifest);
    return { index, id, key: keyOf(id), manifest, source, rank: applyRank(manifest.kind) };
  });
  const dependencies = referenceEdges(nodes);
  const incoming = new Map<string, Dependency[]>(nodes.map((n) => [n.key, []]));
  const outgoing = new Map<string, Dependency[]>(nodes.map((n) => [n.key, []]));
  for (const d of dependencies) {
    incoming.get(d.to)!.push(d);
    outgoing.get(d.from)!.push(d);
  }
  const byKey = new Map(nodes.map((n) => [n.key, n]));

  // Topological order over references (Kahn), which also finds cycles.
  const order = kahn(nodes.map((n) => n.key), incoming, outgoing);
  if (order.length < nodes.length) {
    const done = new Set(order);
    throw new PlanCycleError(findCycle(nodes.filter((n) => !done.has(n.key)).map((n) => n.key), outgoing, done).map((k) => byKey.get(k)!.id));
  }
  // Effective rank: at least that of everything referred to.
  const rank = new Map<string, number>();
  for (const key of order) {
    rank.set(key, Math.max(byKey.get(key)!.rank, ...incoming.get(key)!.map((d) => rank.get(d.from)!)));
  }
  // Longest-path levels: rank groups in ascending order, each starting after the previous group's last level;
  // within a group, references push an object one level past what it refers to (Kahn order keeps this one pass).
  const level = new Map<string, number>();
  let groupStart = 0;
  for (const groupRank of [...new Set(rank.values())].sort((a, b) => a - b)) {
    let groupEnd = groupStart;
    for (const key of order) {
      if (rank.get(key) !== groupRank) continue;
      const value = Math.max(groupStart, ...incoming.get(key)!.map((d) => level.get(d.from)! + 1));
      level.set(key, value);
      groupEnd = Math.max(groupEnd, value);
    }
    groupStart = groupEnd + 1;
  }
  const planned: PlannedObject[] = nodes
    .map((n) => ({ n, level: level.get(n.key)!, effective: rank.get(n.key)! }))
    .sort((a, b) => a.level - b.level || a.effective - b.effective || a.n.index - b.n.index)
    .map(({ n, level: l, effective }) => ({
      id: n.id, key: n.key, manifest: n.manifest, step: l + 1, rank: effective, ...(n.source !== undefined && { source: n.source }),
    }));
  const steps: PlannedObject[][] = [];
  for (const object of planned) (steps[object.step - 1] ??= []).push(object);
  // Levels are dense by construction; keep steps numbered 1..n anyway.
  const dense = steps.filter((s) => s !== undefined);
  return {
    objects: dense.flatMap((s, i) => s.map((o) => ({ ...o, step: i + 1 }))),
    steps: dense.map((s, i) => s.map((o) => ({ ...o, step: i + 1 }))),
    dependencies,
  };
}

function isLoaded(item: LoadedObject | Manifest): item is LoadedObject {
  return "manifest" in item && "source" in item && typeof (item as { kind?: unknown }).kind !== "string";
}

interface Node {
  readonly key: string;
  readonly id: ObjectId;
  readonly manifest: Manifest;
}

/** Edges from each object to what it refers to, when that is among the objects. */
function referenceEdges(nodes: readonly Node[]): Dependency[] {
  const byName = new Map<string, Node[]>();
  const nameKey = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? ""}/${name}`;
  for (const node of nodes) {
    const k = nameKey(node.id.kind, node.id.namespace, node.id.name);
    byName.set(k, [...(byName.get(k) ?? []), node]);
  }
  const definitions = new Map<string, Node>();
  for (const node of nodes) {
    if (node.id.kind !== "CustomResourceDefinition") continue;
    const group = stringAt(node.manifest, "spec", "group");
    const kind = stringAt(node.manifest, "spec", "names", "kind");
    if (group !== undefined && kind !== undefined) definitions.set(`${group}/${kind}`, node);
  }
  const out: Dependency[] = [];
  const seen = new Set<string>();
  const push = (from: Node, to: Node, via: string) => {
    const k = `${from.key}\u0000${to.key}`;
    if (from.key === to.key || seen.has(k)) return;
    seen.add(k);
    out.push({ from: from.key, to: to.key, via });
  };
  for (const node of nodes) {
    for (const target of referencesOf(node.manifest)) {
      for (const candidate of byName.get(nameKey(target.kind, target.namespace, target.name)) ?? []) {
        if (matchesGroup(candidate, target)) push(candidate, node, target.via);
      }
    }
    const definition = definitions.get(`${groupOf(node.id.apiVersion)}/${node.id.kind}`);
    if (definition !== undefined) push(definition, node, "definition");
  }
  return out;
}

function matchesGroup(node: Node, target: ReferenceTarget): boolean {
  return target.group === undefined || groupOf(node.id.apiVersion) === target.group;
}

/** Kahn's algorithm: keys in an order where every edge goes forward; keys on or behind a cycle are left out. */
function kahn(keys: readonly string[], incoming: Map<string, Dependency[]>, outgoing: Map<string, Dependency[]>): string[] {
  const remaining = new Map(keys.map((k) => [k, incoming.get(k)!.length]));
  const queue = keys.filter((k) => remaining.get(k) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const key = queue.shift()!;
    order.push(key);
    for (const d of outgoing.get(key)!) {
      const left = remaining.get(d.to)! - 1;
      remaining.set(d.to, left);
      if (left === 0) queue.push(d.to);
    }
  }
  return order;
}

/** One cycle among `candidates` (keys Kahn could not order), as the keys along it. */
function findCycle(candidates: readonly string[], outgoing: Map<string, Dependency[]>, ordered: Set<string>): string[] {
  const state = new Map<string, "open" | "closed">();
  const stack: string[] = [];
  const visit = (key: string): string[] | undefined => {
    state.set(key, "open");
    stack.push(key);
    for (const d of outgoing.get(key)!) {
      if (ordered.has(d.to)) continue;
      if (state.get(d.to) === "open") return stack.slice(stack.indexOf(d.to));
      if (state.get(d.to) === undefined) {
        const found = visit(d.to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(key, "closed");
    return undefined;
  };
  for (const key of candidates) {
    if (state.get(key) === undefined) {
      const found = visit(key);
      if (found) return found;
    }
  }
  return [...candidates];
}
