import { applyPlan } from "../apply/apply-plan.js";
import { findPruneCandidates } from "../apply/prune.js";
import { renderApplyReport } from "../apply/render-report.js";
import { Cluster } from "../cluster/cluster.js";
import { findMissingNamespaces, missingNamespacesError, namespaceObjects } from "../apply/missing-namespaces.js";
import { previewPlan } from "../diff/preview.js";
import { clusterStatus, renderStatus, statusExitCode } from "../diff/status.js";
import { diffExitCode, renderDiff, summarize } from "../diff/render-diff.js";
import type { LoadResult } from "../load/load-sources.js";
import { checkSetName } from "../ownership.js";
import { planApply, type Plan } from "../plan/plan.js";
import { lineProgress, spinnerProgress, type Progress } from "../progress.js";
import { resolveObjects } from "../resolve-objects.js";
import type { Scope, ScopeLookup } from "../scope.js";
import { colorWanted } from "../terminal.js";
import { redactorFor, type CliIo } from "./commands.js";
import type { CliOptions } from "./options.js";

/**
 * Connects, and plans with namespaces settled by what the cluster serves. Namespaces the objects need that neither
 * the input declares nor the cluster has are an error before anything is sent, or with `--create-namespace`
 * (`check: "create"`), Namespace objects added to the plan (created first, deleted again by a rollback).
 */
async function clusterPlan(options: CliOptions, io: CliIo, loaded: LoadResult, check: "namespaces" | "none" = "namespaces"): Promise<{ cluster: Cluster; plan: Plan; added: string[] }> {
  const cluster = await Cluster.connect({
    ...(options.kubeconfig !== undefined && { kubeconfig: options.kubeconfig }),
    ...(options.context !== undefined && { context: options.context }),
    ...(options.namespace !== undefined && { namespace: options.namespace }),
  });
  const scopes = new Map<string, Scope | undefined>();
  for (const { manifest } of loaded.objects) {
    const key = `${manifest.apiVersion}\u0000${manifest.kind}`;
    if (!scopes.has(key)) scopes.set(key, await cluster.scopeOf(manifest.apiVersion, manifest.kind));
  }
  const scope: ScopeLookup = (apiVersion, kind) => scopes.get(`${apiVersion}\u0000${kind}`);
  const { objects, warnings } = resolveObjects(loaded.objects, { namespace: cluster.defaultNamespace, scope });
  for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
  const missing = check === "none" ? [] : await findMissingNamespaces(cluster, objects);
  if (missing.length > 0 && !options.createNamespace) throw missingNamespacesError(missing);
  return { cluster, plan: planApply([...namespaceObjects(missing), ...objects]), added: missing.map((m) => m.name) };
}

/** `piceli diff`: previews the plan on the cluster and prints the changes; exit 0, 2 (changes) or 1 (refusals). */
export async function diff(options: CliOptions, io: CliIo, loaded: LoadResult): Promise<number> {
  const redactor = redactorFor(loaded);
  const set = options.set === undefined ? undefined : checkSetName(options.set);
  const { cluster, plan, added } = await clusterPlan(options, io, loaded);
  for (const name of added) io.stderr.write(`note: Namespace ${name} is not in the code and objects need it: --create-namespace would create it\n`);
  const previews = await previewPlan(cluster, plan, { fieldManager: options.fieldManager, force: options.forceConflicts, ...(set !== undefined && { set }) });
  redactor.learn(previews.flatMap((p) => ("before" in p.change ? [p.change.before] : [])));
  const prune = options.prune && set !== undefined ? await findPruneCandidates(cluster, plan, set, { fieldManager: options.fieldManager, allow: options.pruneAllow }) : undefined;
  const color = colorWanted(options.color, io.stdout);
  io.stdout.write(redactor.redact(renderDiff(previews, { color, ...(prune && { prune }) })));
  for (const u of prune?.unsearched ?? []) io.stderr.write(`note: not searched for pruning: ${u}\n`);
  return diffExitCode(summarize(previews, prune?.delete.length ?? 0));
}

/** `piceli apply`: applies the plan (or dry-runs it) and prints the report; exit 0 or 1. */
export async function apply(options: CliOptions, io: CliIo, loaded: LoadResult): Promise<number> {
  const redactor = redactorFor(loaded);
  const set = options.set === undefined ? undefined : checkSetName(options.set);
  const { cluster, plan, added } = await clusterPlan(options, io, loaded);
  // What is done goes to stdout as it happens (the record); what is awaited, to stderr (a spinner on a terminal).
  const status = io.stderr.isTTY === true && "columns" in io.stderr ? spinnerProgress(io.stderr as NodeJS.WriteStream) : lineProgress(io.stderr);
  const progress: Progress = {
    line: (text) => {
      status.clear();
      io.stdout.write(`${redactor.redact(text)}\n`);
    },
    status: (text, seconds) => status.status(redactor.redact(text), seconds),
    clear: () => status.clear(),
  };
  for (const name of added) {
    progress.line(`Namespace ${name} is not in the code and objects need it: --create-namespace creates it first${options.dryRun ? "" : " (and deletes it again if the run fails)"}.`);
  }
  const report = await applyPlan(cluster, plan, {
    fieldManager: options.fieldManager,
    force: options.forceConflicts,
    dryRun: options.dryRun,
    wait: options.wait,
    timeoutMs: options.timeoutMs,
    timeouts: options.timeouts,
    rerunJobs: options.rerunJobs,
    replace: options.replace,
    rollback: options.rollback,
    ...(set !== undefined && { set }),
    prune: options.prune,
    pruneAllow: options.pruneAllow,
    progress,
    ...(io.signal && { signal: io.signal }),
  });
  redactor.learn(report.previews.flatMap((p) => ("before" in p.change ? [p.change.before] : [])));
  io.stdout.write(redactor.redact(renderApplyReport(report, { color: colorWanted(options.color, io.stdout), live: true })));
  return report.ok ? 0 : 1;
}

/** `piceli status`: what of the code is in the cluster, what differs, what is missing, what is extra; exit 0, 2 or 1. */
export async function status(options: CliOptions, io: CliIo, loaded: LoadResult): Promise<number> {
  const redactor = redactorFor(loaded);
  const set = options.set === undefined ? undefined : checkSetName(options.set);
  const { cluster, plan } = await clusterPlan(options, io, loaded, "none");
  const report = await clusterStatus(cluster, plan, { fieldManager: options.fieldManager, ...(set !== undefined && { set }) });
  io.stdout.write(redactor.redact(renderStatus(report, { color: colorWanted(options.color, io.stdout), ...(set !== undefined && { set }) })));
  return statusExitCode(report);
}
