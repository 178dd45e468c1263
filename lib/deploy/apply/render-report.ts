import { idOf } from "../object-id.js";
import { styles } from "../terminal.js";
import type { ApplyReport, ObjectOutcome } from "./apply-plan.js";
import { rollbackAction } from "./rollback.js";
import { ACTION_WIDTH, failureLine, reportLine } from "./report-line.js";

/** Options of {@link renderApplyReport}. */
export interface RenderReportOptions {
  readonly color?: boolean;
  /**
   * The per-object lines, wait results, rollback steps and prune deletions were already printed as they happened
   * (the CLI prints them live): leave them out, keep the rest. @default false
   */
  readonly live?: boolean;
}

/**
 * The report of an apply run: what was done to each object (with how waiting ended), why the run stopped, what
 * rollback did step by step, what prune deleted, and one closing line saying what is left changed on the cluster.
 */
export function renderApplyReport(report: ApplyReport, options: RenderReportOptions = {}): string {
  const s = styles(options.color ?? false);
  const live = options.live ?? false;
  const out: string[] = [];
  const line = (o: ObjectOutcome, width = ACTION_WIDTH) => {
    // A failure's message is printed once, in the "Apply failed" line.
    const detail = [o.message && o.action !== "failed" ? o.message : "", o.wait ? `${o.wait.ok ? "ready" : "not ready"}: ${o.wait.message} (${o.wait.seconds}s)` : ""]
      .filter((t) => t !== "").join("; ");
    return reportLine(o.action, o.id, detail, colorAction(o.action, s), width);
  };

  if (report.failure?.phase === "preflight") {
    out.push(s.red(s.bold("Nothing was applied: the server-side dry run refused:")));
    for (const text of report.failure.message.split("\n")) out.push(`  ${text}`);
    out.push(`Result: the cluster was not changed.`);
    return `${out.join("\n")}\n`;
  }
  if (report.dryRun) {
    out.push(s.bold(`Dry run on ${report.server} (server side): nothing was changed.`));
    for (const o of report.outcomes) out.push(line(o, 13));
    if (report.prune) {
      for (const m of report.prune.delete) out.push(reportLine("would prune", idOf(m), report.prune.proof, s.red, 13));
      for (const k of report.prune.kept) out.push(reportLine("kept", idOf(k.manifest), k.reason, s.dim, 13));
    }
    out.push(`Result: ${counts(report.outcomes.map((o) => o.action)) || "nothing would change"}.`);
    return `${out.join("\n")}\n`;
  }

  if (!live) {
    out.push(s.bold(`Applied to ${report.server}:`));
    for (const o of report.outcomes) out.push(line(o));
  }
  if (report.failure) {
    if (!live) out.push(s.red(s.bold(failureLine(report.failure))));
    if (report.rollback.length === 0) {
      out.push(changedBy(report) > 0 ? "Rollback: off (--no-rollback): what this run changed stays as it is." : "Rollback: nothing to undo, this run had changed nothing.");
    } else if (!live) {
      out.push(s.bold("Rolled back, in reverse order:"));
      for (const r of report.rollback) out.push(reportLine(rollbackAction(r), r.id, r.message, r.ok ? s.green : s.red));
    }
  }
  if (report.prune) {
    if (!live) for (const d of report.prune.deleted) out.push(reportLine(d.ok ? "pruned" : "not pruned", d.id, d.ok ? "" : d.message, d.ok ? s.red : s.yellow));
    if (!live) for (const k of report.prune.kept) out.push(reportLine("kept", idOf(k.manifest), k.reason));
    for (const u of report.prune.unsearched) out.push(`  not searched for pruning: ${u}`);
    if (report.failure && report.prune.delete.length > 0) out.push(`Prune skipped (the apply failed): ${report.prune.delete.length} object(s) were not deleted.`);
  }
  out.push(resultLine(report));
  return `${out.join("\n")}\n`;
}

function resultLine(report: ApplyReport): string {
  const done = counts(report.outcomes.map((o) => o.action));
  if (!report.failure) return `Result: ${done || "nothing to do"}${report.prune?.deleted.length ? `, ${report.prune.deleted.filter((d) => d.ok).length} pruned` : ""}.`;
  const failedRollback = report.rollback.filter((r) => !r.ok);
  if (report.rollback.length === 0) {
    const changed = changedBy(report);
    return changed === 0 ? "Result: the cluster was not changed." : `Result: ${changed} change${changed === 1 ? "" : "s"} made by this run remain${changed === 1 ? "s" : ""} (${done}).`;
  }
  const rerun = report.outcomes.filter((o) => o.action === "rerun").length;
  if (failedRollback.length === 0 && rerun > 0) return `Result: rolled back (${report.rollback.length} change${report.rollback.length === 1 ? "" : "s"} undone), except that the ${rerun} finished Job${rerun === 1 ? "" : "s"} this run re-ran stay${rerun === 1 ? "s" : ""} deleted.`;
  if (failedRollback.length === 0) return `Result: rolled back; nothing this run changed remains (${report.rollback.length} change${report.rollback.length === 1 ? "" : "s"} undone).`;
  return `Result: ${failedRollback.length} change${failedRollback.length === 1 ? "" : "s"} could NOT be rolled back (see above); the rest was undone.`;
}

/** How many objects this run created, updated or replaced. */
function changedBy(report: ApplyReport): number {
  return report.outcomes.filter((o) => o.action === "created" || o.action === "updated" || o.action === "replaced" || o.action === "rerun").length;
}

function counts(actions: readonly string[]): string {
  const order = ["created", "updated", "replaced", "rerun", "would create", "would update", "would replace", "would rerun", "unchanged", "failed", "not applied"];
  const tally = new Map<string, number>();
  for (const a of actions) tally.set(a, (tally.get(a) ?? 0) + 1);
  return order.filter((a) => tally.has(a)).map((a) => `${tally.get(a)} ${a}`).join(", ");
}

function colorAction(action: string, s: ReturnType<typeof styles>): (text: string) => string {
  if (action === "created" || action === "would create") return s.green;
  if (["updated", "would update", "replaced", "would replace", "rerun", "would rerun"].includes(action)) return s.yellow;
  if (action === "failed") return s.red;
  return s.dim;
}
