import type { Cluster } from "../cluster/cluster.js";
import { findPruneCandidates } from "../apply/prune.js";
import { reportLine } from "../apply/report-line.js";
import { isObject, jsonEqual, type Manifest } from "../manifest.js";
import { idOf, type ObjectId } from "../object-id.js";
import { SET_LABEL } from "../ownership.js";
import type { Plan } from "../plan/plan.js";
import { styles } from "../terminal.js";
import { describeOwners } from "./classify.js";
import { comparable } from "./normalize.js";
import { previewPlan } from "./preview.js";

/** Where one object of the code stands in the cluster. */
export interface ObjectStatus {
  readonly id: ObjectId;
  /** `in sync`: applying would change nothing; `differs`: it exists and applying would change it; `missing`; `refused`: the server rejects it. */
  readonly state: "in sync" | "differs" | "missing" | "refused";
  /** For `differs`, the fields that differ (`spec.replicas`, `data.MODE`); for `refused`, why. */
  readonly detail: string;
}

/** What `piceli status` found. */
export interface StatusReport {
  readonly server: string;
  readonly objects: readonly ObjectStatus[];
  /**
   * Objects labelled with the set (`--set`) in the cluster that the code no longer has, and why `--prune` would keep
   * one (`undefined` when it would delete it); `undefined` when no set is given.
   */
  readonly extra?: readonly { readonly manifest: Manifest; readonly kept?: string }[];
  /** Kinds that could not be searched for extra objects. */
  readonly unsearched: readonly string[];
}

/**
 * Compares the code with the cluster, object by object, from the same server-side dry run `diff` uses (so server
 * defaults are no difference), and with a `set`, lists the objects labelled with it that the code no longer has.
 * Changes nothing.
 */
export async function clusterStatus(cluster: Cluster, plan: Plan, options: { readonly fieldManager: string; readonly set?: string }): Promise<StatusReport> {
  const previews = await previewPlan(cluster, plan, { fieldManager: options.fieldManager, ...(options.set !== undefined && { set: options.set }) });
  const objects = previews.map(({ object, change }): ObjectStatus => {
    switch (change.action) {
      case "create":
        return { id: object.id, state: "missing", detail: "" };
      case "unchanged":
        return { id: object.id, state: "in sync", detail: "" };
      case "update":
        return { id: object.id, state: "differs", detail: changedPaths(comparable(change.before), comparable(change.after)).join(", ") };
      case "replace":
        return { id: object.id, state: "differs", detail: `${change.fields.join(", ")} (cannot change in place: needs --replace)` };
      case "conflict":
        return { id: object.id, state: "differs", detail: `fields other field managers own: ${describeOwners(change).join("; ")}` };
      case "rejected":
        return { id: object.id, state: "refused", detail: change.message };
    }
  });
  if (options.set === undefined) return { server: cluster.server, objects, unsearched: [] };
  const found = await findPruneCandidates(cluster, plan, options.set, { fieldManager: options.fieldManager });
  const extra = [...found.delete.map((manifest) => ({ manifest })), ...found.kept.map((k) => ({ manifest: k.manifest, kept: k.reason }))];
  return { server: cluster.server, objects, extra, unsearched: found.unsearched };
}

/** Paths of the fields that differ (`spec.template.spec.containers`, `data.MODE`); a list that differs is one path. */
export function changedPaths(before: unknown, after: unknown, path = ""): string[] {
  if (jsonEqual(before, after)) return [];
  if (!isObject(before) || !isObject(after)) return [path || "(the whole object)"];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => changedPaths(before[key], after[key], path === "" ? key : `${path}.${key}`));
}

/** `status`'s exit code: 0 everything in sync and nothing extra, 2 something differs, is missing or extra, 1 something is refused. */
export function statusExitCode(report: StatusReport): 0 | 1 | 2 {
  if (report.objects.some((o) => o.state === "refused")) return 1;
  return report.objects.every((o) => o.state === "in sync") && (report.extra?.length ?? 0) === 0 ? 0 : 2;
}

/** One line per object (`in sync`, `differs`, `missing`, `refused`), then the extra objects, then the counts. */
export function renderStatus(report: StatusReport, options: { readonly color?: boolean; readonly set?: string } = {}): string {
  const s = styles(options.color ?? false);
  const style = { "in sync": s.green, differs: s.yellow, missing: s.red, refused: s.red } as const;
  const out = [`Status of ${report.objects.length} object${report.objects.length === 1 ? "" : "s"} on ${report.server}:`];
  for (const o of report.objects) out.push(reportLine(o.state, o.id, o.detail, style[o.state]));
  for (const { manifest, kept } of report.extra ?? []) {
    const detail = `labelled ${SET_LABEL}=${options.set ?? ""}, gone from the code; --prune ${kept === undefined ? "deletes it" : `keeps it: ${kept}`}`;
    out.push(reportLine("extra", idOf(manifest), detail, s.red));
  }
  for (const u of report.unsearched) out.push(`  not searched for extra objects: ${u}`);
  const counts = (["in sync", "differs", "missing", "refused"] as const)
    .map((state) => [state, report.objects.filter((o) => o.state === state).length] as const)
    .filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`);
  if (report.extra !== undefined) counts.push(`${report.extra.length} extra`);
  else counts.push("extra objects not searched (--set names the set to search)");
  out.push(`Status: ${counts.join(", ")}.`);
  return `${out.join("\n")}\n`;
}
