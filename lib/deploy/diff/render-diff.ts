import { toYaml } from "../../output/yaml.js";
import type { PruneCandidates } from "../apply/prune.js";
import { holdsData, holdsDataReason } from "../data-kinds.js";
import { isObject, type Manifest } from "../manifest.js";
import { describe, idOf } from "../object-id.js";
import { maskSecretPair } from "../secrets.js";
import { styles } from "../terminal.js";
import { describeOwners } from "./classify.js";
import type { ObjectPreview } from "./preview.js";
import { unifiedDiff } from "./line-diff.js";
import { comparable } from "./normalize.js";

/** Counts of a preview, by what would happen. */
export interface DiffSummary {
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly replace: number;
  readonly conflict: number;
  readonly rejected: number;
  /** Objects `--prune` would delete. */
  readonly prune: number;
}

/** Counts the previews by change. */
export function summarize(previews: readonly ObjectPreview[], prune = 0): DiffSummary {
  const count = (action: string) => previews.filter((p) => p.change.action === action).length;
  return {
    create: count("create"), update: count("update"), unchanged: count("unchanged"), replace: count("replace"),
    conflict: count("conflict"), rejected: count("rejected"), prune,
  };
}

/** `kubectl diff`'s convention, as the issue asks: 0 nothing would change, 2 something would, 1 something is refused. */
export function diffExitCode(summary: DiffSummary): 0 | 1 | 2 {
  if (summary.conflict > 0 || summary.rejected > 0) return 1;
  return summary.create + summary.update + summary.replace + summary.prune > 0 ? 2 : 0;
}

/** Options for {@link renderDiff}. */
export interface RenderDiffOptions {
  readonly color?: boolean;
  /** Lines of context around changes. @default 3 */
  readonly context?: number;
  /** What `--prune` decided: the objects it would delete and those it keeps, listed after the changes. */
  readonly prune?: Pick<PruneCandidates, "delete" | "kept" | "proof">;
}

/**
 * Prints what applying would do: per object a header line (`+ create`, `~ update`, `= unchanged`, `! replace`,
 * `! conflict`, `x rejected`, `- prune`, `= keep`) and, for creates and updates (and conflicts: what
 * `--force-conflicts` would change, below the fields other managers own), a unified diff of the stored object before and after
 * (server defaults on both sides, `status` and server metadata left out, Secret values masked), then a summary.
 */
export function renderDiff(previews: readonly ObjectPreview[], options: RenderDiffOptions = {}): string {
  const s = styles(options.color ?? false);
  const out: string[] = [];
  const diffText = (before: Manifest | undefined, after: Manifest | undefined, name: string, afterWhat = "after apply") => {
    const [a, b] = maskSecretPair(before && comparable(before), after && comparable(after));
    const text = unifiedDiff(a ? yamlOf(a) : "", b ? yamlOf(b) : "", `${name} (live)`, `${name} (${afterWhat})`, options.context ?? 3);
    return text.replace(/\n$/, "").split("\n").map((line) => colorLine(line, s)).join("\n");
  };
  for (const { object, change } of previews) {
    const name = describe(object.id);
    switch (change.action) {
      case "create":
        out.push(s.green(s.bold(`+ create ${name}`)) + (change.unverified ? s.dim(` (not checked by the server: ${change.unverified})`) : ""));
        out.push(diffText(undefined, change.after, name));
        break;
      case "update":
        out.push(s.yellow(s.bold(`~ update ${name}`)));
        out.push(diffText(change.before, change.after, name));
        break;
      case "unchanged":
        out.push(s.dim(`= unchanged ${name}${change.takesOwnership ? " (no change in content; the apply takes over fields another field manager owns)" : ""}`));
        break;
      case "replace":
        out.push(s.red(s.bold(`! replace needed ${name}`)) + `: ${change.fields.join(", ")} cannot change in place${
          holdsData(object.id) ? `; ${holdsDataReason(object.id.kind)}, not even with --replace` : ""}`);
        out.push(`    ${change.message}`);
        break;
      case "conflict":
        out.push(s.red(s.bold(`! conflict ${name}`)) + ": other field managers own fields this apply changes (--force-conflicts takes them over)");
        for (const line of describeOwners(change)) out.push(`    ${line}`);
        if (change.forced !== undefined && change.before !== undefined) out.push(diffText(change.before, change.forced, name, "after apply --force-conflicts"));
        break;
      case "rejected":
        out.push(s.red(s.bold(`x rejected ${name}`)) + `: ${change.message}`);
        break;
    }
  }
  for (const manifest of options.prune?.delete ?? []) {
    out.push(s.red(s.bold(`- prune ${describe(idOf(manifest))}`)) + ` (${options.prune!.proof}, gone from the code)`);
  }
  for (const { manifest, reason } of options.prune?.kept ?? []) out.push(s.dim(`= keep ${describe(idOf(manifest))} (not pruned: ${reason})`));
  out.push(summaryLine(summarize(previews, options.prune?.delete.length ?? 0)));
  return `${out.join("\n")}\n`;
}

/** `Diff: 1 to create, 2 to update, 5 unchanged, 1 needs replacement`. */
export function summaryLine(summary: DiffSummary): string {
  const parts = [
    [summary.create, "to create"], [summary.update, "to update"], [summary.replace, "need replacement"], [summary.prune, "to prune"],
    [summary.conflict, "with conflicts"], [summary.rejected, "rejected"], [summary.unchanged, "unchanged"],
  ].filter(([n]) => (n as number) > 0).map(([n, text]) => `${n as number} ${text as string}`);
  return `Diff: ${parts.length === 0 ? "nothing to apply" : parts.join(", ")}`;
}

function colorLine(line: string, s: ReturnType<typeof styles>): string {
  if (line.startsWith("+++") || line.startsWith("---")) return s.bold(line);
  if (line.startsWith("@@")) return s.cyan(line);
  if (line.startsWith("+")) return s.green(line);
  if (line.startsWith("-")) return s.red(line);
  return line;
}

/** YAML with keys sorted (after apiVersion, kind, metadata), so both sides list fields alike. */
export function yamlOf(manifest: Manifest): string {
  return toYaml(sortKeys(manifest) as Manifest);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}
