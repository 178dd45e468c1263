import { CONCURRENCY, mapBounded } from "../bounded.js";
import { applyRank } from "../../output/apply-order.js";
import { deniedAccess } from "../cluster/access.js";
import type { Cluster } from "../cluster/cluster.js";
import { describeOwners, type Change } from "../diff/classify.js";
import { comparable } from "../diff/normalize.js";
import { previewPlan, type ObjectPreview } from "../diff/preview.js";
import { ClusterApiError, ClusterUnreachableError, DeployError } from "../errors.js";
import { jsonEqual, type Manifest } from "../manifest.js";
import { holdsData, holdsDataReason } from "../data-kinds.js";
import { describe, idOf, keyOf, type ObjectId } from "../object-id.js";
import type { Plan } from "../plan/plan.js";
import { silentProgress, type Progress } from "../progress.js";
import { findPruneCandidates, type PruneCandidates } from "./prune.js";
import { failureLine, reportLine } from "./report-line.js";
import { waitKindOf } from "./readiness.js";
import { executeRollback, type RollbackResult } from "./rollback.js";
import { planRollback, type JournalEntry } from "./rollback-plan.js";
import { jobFinished, rerunAsked, RERUN_ANNOTATION } from "./rerun-jobs.js";
import { timeoutsFor, type TimeoutOverride } from "./timeouts.js";
import { waitForObjects, type WaitResult } from "./wait.js";

/** How {@link applyPlan} applies. */
export interface ApplyPlanOptions {
  /** Server-side apply's field manager. @default "piceli" */
  readonly fieldManager?: string;
  /** Take over fields other managers own (`--force-conflicts`). @default false */
  readonly force?: boolean;
  /** Server-side dry run only: report what would happen, change nothing. @default false */
  readonly dryRun?: boolean;
  /** Wait for each step's changed objects to be ready before the next step (Services at the end). @default false */
  readonly wait?: boolean;
  /** How long waiting for one object may take. @default 300000 (5 minutes) */
  readonly timeoutMs?: number;
  /** Objects' own timeouts (`--timeout Job/migrate=15m`); the `piceli/timeout` annotation is read as well. */
  readonly timeouts?: readonly TimeoutOverride[];
  /** Time between two readiness checks. @default 2000 */
  readonly intervalMs?: number;
  /** Delete and create again objects whose change the server refuses in place (immutable fields). @default false */
  readonly replace?: boolean;
  /**
   * Delete the code's Jobs that have finished (Complete or Failed) and create them again, so they run once more;
   * without it, only Jobs annotated `piceli/rerun: "true"` are. A Job still running is not re-run. @default false
   */
  readonly rerunJobs?: boolean;
  /** Undo what this run changed when it fails. @default true */
  readonly rollback?: boolean;
  /** Label applied objects with this set name (required by `prune`). */
  readonly set?: string;
  /**
   * After a successful apply, delete the objects this field manager applied with `set` that the plan no longer has
   * (see `pruneDecision` for what is never deleted). @default false
   */
  readonly prune?: boolean;
  /** Namespaces and CustomResourceDefinitions `prune` may delete, as `Namespace/<name>`. @default [] */
  readonly pruneAllow?: readonly string[];
  readonly progress?: Progress;
  /** Aborting it stops the run (between requests and while waiting) and rolls back. */
  readonly signal?: AbortSignal;
}

/** What happened to one object. */
export interface ObjectOutcome {
  readonly id: ObjectId;
  readonly action: "created" | "updated" | "unchanged" | "replaced" | "rerun" | "failed" | "not applied"
    | "would create" | "would update" | "would replace" | "would rerun";
  readonly message?: string;
  readonly wait?: WaitResult;
}

/** Why a run stopped. */
export interface ApplyFailure {
  readonly phase: "preflight" | "apply" | "wait" | "interrupted";
  readonly id?: ObjectId;
  readonly message: string;
}

/** Everything an apply run did, for the report. */
export interface ApplyReport {
  readonly server: string;
  readonly dryRun: boolean;
  /** The preflight: what the server said applying each object would do. */
  readonly previews: readonly ObjectPreview[];
  /** Per object, in plan order. */
  readonly outcomes: readonly ObjectOutcome[];
  readonly failure?: ApplyFailure;
  /** What rollback did (empty when nothing failed or nothing had changed). */
  readonly rollback: readonly RollbackResult[];
  /** What `--prune` found and did. */
  readonly prune?: PruneCandidates & { readonly deleted: readonly { readonly id: ObjectId; readonly ok: boolean; readonly message: string }[] };
  /** Whether everything went as asked. */
  readonly ok: boolean;
}

/**
 * Applies a plan with server-side apply, step by step, the way a careful operator would:
 * 1. preflight: a server-side dry run of every object; if any is rejected (forbidden included), conflicts with
 *    another field manager, or needs replacement (without `replace`), nothing is changed; nor when the server's
 *    authorizer says this identity could not roll back a change (delete what it creates, put back what it updates);
 * 2. with `prune`, the objects to delete (those this field manager applied with `set`) are found and listed before
 *    anything changes;
 * 3. step by step, the objects of a step a few at a time, each changed object is applied (the `resourceVersion` the
 *    preview read as precondition, so what rollback restores is exactly what this run changed; unchanged objects
 *    cost no request); with `wait`, each step's changed objects must become ready;
 * 4. on any failure, what this run changed is undone in reverse order (created objects deleted, updated ones
 *    restored); objects it did not touch are never deleted;
 * 5. after success, `prune` deletes the listed objects.
 */
export async function applyPlan(cluster: Cluster, plan: Plan, options: ApplyPlanOptions = {}): Promise<ApplyReport> {
  const fieldManager = options.fieldManager ?? "piceli";
  const progress = options.progress ?? silentProgress;
  const dryRun = options.dryRun ?? false;
  if (options.prune && options.set === undefined) throw new DeployError("--prune needs --set <name>: only objects piceli applied earlier with the same --set are pruned");
  // Checked before anything is sent: a --timeout naming no object is an error.
  const timeoutFor = timeoutsFor(plan.objects.map((o) => o.manifest), options.timeouts ?? [], options.timeoutMs ?? 300_000);

  progress.status(`checking ${plan.objects.length} object${plan.objects.length === 1 ? "" : "s"} with a server-side dry run on ${cluster.server}`, 0);
  const previews = await previewPlan(cluster, plan, { fieldManager, ...(options.force !== undefined && { force: options.force }), ...(options.set !== undefined && { set: options.set }) });
  const pruneFound = options.prune ? await findPruneCandidates(cluster, plan, options.set!, { fieldManager, ...(options.pruneAllow && { allow: options.pruneAllow }) }) : undefined;
  progress.clear();
  if (pruneFound !== undefined && !dryRun) {
    for (const m of pruneFound.delete) progress.line(reportLine("to prune", idOf(m), `${pruneFound.proof}, gone from the code: deleted after a successful apply`));
    for (const { manifest, reason } of pruneFound.kept) progress.line(reportLine("kept", idOf(manifest), reason));
  }
  const base = { server: cluster.server, dryRun, previews };

  const reruns = jobsToRerun(previews, options.rerunJobs ?? false);
  const refused = previews.filter((p) => p.change.action === "rejected" || p.change.action === "conflict" || (p.change.action === "replace" && (!options.replace || holdsData(p.object.id)) && !reruns.has(p.object.key)));
  if (refused.length > 0) {
    const message = refused.map((p) => `${describe(p.object.id)}: ${refusal(p.change, p.object.id)}`).join("\n");
    return {
      ...base,
      outcomes: previews.map((p) => ({ id: p.object.id, action: "not applied" })),
      failure: { phase: "preflight", ...(refused.length === 1 && { id: refused[0]!.object.id }), message },
      rollback: [],
      ...(pruneFound && { prune: { ...pruneFound, deleted: [] } }),
      ok: false,
    };
  }
  const unsafe = dryRun || options.rollback === false ? [] : await rollbackNotAllowed(cluster, previews, reruns);
  if (unsafe.length > 0) {
    return {
      ...base,
      outcomes: previews.map((p) => ({ id: p.object.id, action: "not applied" })),
      failure: { phase: "preflight", ...(unsafe.length === 1 && { id: unsafe[0]!.id }), message: unsafe.map((u) => `${describe(u.id)}: ${u.message}`).join("\n") },
      rollback: [],
      ...(pruneFound && { prune: { ...pruneFound, deleted: [] } }),
      ok: false,
    };
  }
  if (dryRun) {
    return {
      ...base,
      outcomes: previews.map((p) => reruns.has(p.object.key)
        ? { id: p.object.id, action: "would rerun", message: reruns.get(p.object.key)! }
        : { id: p.object.id, action: wouldDo(p.change), ...(p.change.action === "create" && p.change.unverified && { message: `not checked by the server: ${p.change.unverified}` }) }),
      rollback: [],
      ...(pruneFound && { prune: { ...pruneFound, deleted: [] } }),
      ok: true,
    };
  }

  const journal: JournalEntry[] = [];
  const outcomes = new Map<string, ObjectOutcome>();
  const previewOf = new Map(previews.map((p) => [p.object.key, p]));
  const deferredServices: ObjectId[] = [];
  let failure: ApplyFailure | undefined;
  const waitFor = async (ids: readonly ObjectId[]): Promise<ApplyFailure | undefined> => {
    if (ids.length === 0) return undefined;
    const results = await waitForObjects(cluster, ids, {
      timeoutMs: options.timeoutMs ?? 300_000, timeoutOf: (id) => timeoutFor(previewOf.get(keyOf(id))!.object.manifest), progress,
      ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }), ...(options.signal && { signal: options.signal }),
    });
    for (const r of results) {
      const outcome = outcomes.get(keyOf(r.id));
      if (outcome) outcomes.set(keyOf(r.id), { ...outcome, wait: r });
    }
    const bad = results.find((r) => !r.ok);
    if (bad === undefined) return undefined;
    return { phase: options.signal?.aborted ? "interrupted" : "wait", id: bad.id, message: bad.message };
  };

  progress.line(`Applying ${plan.objects.length} object${plan.objects.length === 1 ? "" : "s"} to ${cluster.server}, in ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}:`);
  for (const step of plan.steps) {
    const changed: ObjectId[] = [];
    const entries: JournalEntry[] = [];
    // The objects of one step do not depend on each other: a few at a time; after a failure, no new one starts.
    await mapBounded(step, CONCURRENCY, async (object, index) => {
      if (failure) return;
      if (options.signal?.aborted) {
        failure = { phase: "interrupted", message: "interrupted before everything was applied" };
        return;
      }
      try {
        const preview = previewOf.get(object.key)!;
        const rerun = reruns.get(object.key);
        const entry = rerun === undefined ? await applyOne(cluster, preview, fieldManager, options.force ?? false) : await rerunJob(cluster, preview, fieldManager, options.force ?? false);
        entries[index] = entry;
        outcomes.set(object.key, { id: object.id, action: entry.action, ...(rerun !== undefined && { message: rerun }) });
        progress.line(reportLine(entry.action, object.id, rerun));
        if (entry.action !== "unchanged") changed.push(object.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Without an answer, the change may have been made: rollback looks, and undoes it if it was.
        if (error instanceof ClusterUnreachableError || (error instanceof ClusterApiError && error.status >= 500)) entries[index] = uncertainEntry(previewOf.get(object.key)!);
        outcomes.set(object.key, { id: object.id, action: "failed", message });
        progress.line(reportLine("failed", object.id, message));
        failure ??= { phase: "apply", id: object.id, message };
      }
    });
    // In plan order, so rollback's order does not depend on which request finished first.
    journal.push(...entries.filter((e) => e !== undefined));
    if (failure) break;
    if (options.wait) {
      // A Service's endpoints come from pods of workloads in later steps: wait for Services at the end.
      deferredServices.push(...changed.filter((id) => waitKindOf(id) === "Service"));
      failure = await waitFor(changed.filter((id) => waitKindOf(id) !== "Service"));
      if (failure) break;
    }
  }
  if (!failure && options.wait) failure = await waitFor(deferredServices);

  if (failure) progress.line(failureLine(failure));
  let rollback: RollbackResult[] = [];
  if (failure && options.rollback !== false) {
    const steps = planRollback(journal);
    if (steps.length > 0) {
      progress.line(`Rolling back the ${steps.length} change${steps.length === 1 ? "" : "s"} this run made, in reverse order:`);
      rollback = await executeRollback(cluster, steps, { fieldManager, progress });
    }
  }

  let prune: ApplyReport["prune"];
  if (pruneFound !== undefined) {
    const deleted: { id: ObjectId; ok: boolean; message: string }[] = [];
    if (!failure) {
      // Reverse apply order: what uses others goes first.
      for (const manifest of [...pruneFound.delete].sort((a, b) => applyRank(b.kind) - applyRank(a.kind))) {
        const id = idOf(manifest);
        try {
          const outcome = await cluster.delete(id, { ...(typeof manifest.metadata["uid"] === "string" && { uid: manifest.metadata["uid"] }) });
          deleted.push({ id, ok: true, message: outcome === "gone" ? "already gone" : "deleted" });
          progress.line(reportLine("pruned", id));
        } catch (error) {
          deleted.push({ id, ok: false, message: (error as Error).message });
          progress.line(reportLine("not pruned", id, (error as Error).message));
        }
      }
    }
    prune = { ...pruneFound, deleted };
  }

  const ordered = plan.objects.map((o) => outcomes.get(o.key) ?? { id: o.id, action: "not applied" as const });
  const ok = !failure && (prune?.deleted.every((d) => d.ok) ?? true);
  return { ...base, outcomes: ordered, ...(failure && { failure }), rollback, ...(prune && { prune }), ok };
}

/**
 * The Jobs to delete and create again, with why: those a re-run is asked for (`--rerun-jobs`, `piceli/rerun`) that
 * exist and have finished. A Job still running is left alone (its change, if any, is then refused as usual).
 */
function jobsToRerun(previews: readonly ObjectPreview[], all: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const { object, manifest, change } of previews) {
    if (!rerunAsked(manifest, all) || !("before" in change) || change.before === undefined) continue;
    const finished = jobFinished(change.before);
    const how = all ? "--rerun-jobs" : `annotation ${RERUN_ANNOTATION}`;
    if (finished !== undefined) out.set(object.key, `it had finished (${finished}): deleted and created again, so it runs once more (${how})`);
  }
  return out;
}

/**
 * The changes this identity could not undo if the run failed (or, for a replacement, not even make): rollback deletes
 * what the run creates, puts back (`update`) what it updates, and deletes and creates again what it replaces. Asked
 * of the server's authorizer before anything is changed, so a run never stops half-way with no way back.
 */
async function rollbackNotAllowed(cluster: Cluster, previews: readonly ObjectPreview[], reruns: ReadonlyMap<string, string>): Promise<{ id: ObjectId; message: string }[]> {
  const needs = ({ object, change }: ObjectPreview): [verb: string, why: string][] => {
    if (reruns.has(object.key)) return [];
    if (change.action === "create") return holdsData(object.id) ? [] : [["delete", "rollback could not delete it if the run failed (--no-rollback applies without a way back)"]];
    if (change.action === "update") return [["update", "rollback could not put it back if the run failed (--no-rollback applies without a way back)"]];
    const replacing = "--replace deletes it and creates it again, and so would rollback";
    return change.action === "replace" ? [["delete", replacing], ["create", replacing]] : [];
  };
  const questions = previews.flatMap((p) => needs(p).map(([verb, why]) => ({ verb, why, id: p.object.id })));
  const denied = await deniedAccess(cluster, questions);
  const out = new Map<string, { id: ObjectId; message: string }>();
  questions.forEach(({ why, id }, n) => {
    if (denied[n] !== undefined && !out.has(keyOf(id))) out.set(keyOf(id), { id, message: `forbidden (missing permission): ${denied[n]}: ${why}` });
  });
  return [...out.values()];
}

/** Re-runs a finished Job: deletes it (only that one: uid precondition), waits until it is gone, applies it anew. */
async function rerunJob(cluster: Cluster, preview: ObjectPreview, fieldManager: string, force: boolean): Promise<JournalEntry> {
  const id = preview.object.id;
  const previous = (preview.change as { before: Manifest }).before;
  await cluster.delete(id, { uid: String(previous.metadata["uid"]) });
  await cluster.waitUntilGone(id);
  const created = await cluster.apply(preview.manifest, { fieldManager, force });
  return { action: "rerun", id, previous, ...uidOf(created) };
}

/**
 * Applies one object with server-side apply (or delete and create, for a replacement), from what the preview read:
 * an object the dry run found unchanged (field ownership included) costs no request at all; an existing one is
 * applied with the `resourceVersion` read as precondition, so what rollback restores is exactly what this run
 * changed (when someone wrote it since, it is read again and applied again).
 */
async function applyOne(cluster: Cluster, preview: ObjectPreview, fieldManager: string, force: boolean): Promise<JournalEntry> {
  const { manifest, change } = preview;
  const id = idOf(manifest);
  if (change.action === "unchanged" && !change.takesOwnership) return { action: "unchanged", id };
  let previous = change.action === "create" ? undefined : change.before;
  // A custom resource whose CustomResourceDefinition an earlier step applied: its kind is served a moment later.
  if (change.action === "create" && change.unverified !== undefined) await cluster.waitUntilServed(manifest.apiVersion, manifest.kind);
  for (let attempt = 1; ; attempt++) {
    if (change.action === "replace" && previous !== undefined) {
      await cluster.delete(id, { uid: String(previous.metadata["uid"]) });
      await cluster.waitUntilGone(id);
      const created = await cluster.apply(manifest, { fieldManager, force });
      return { action: "replaced", id, previous, ...uidOf(created) };
    }
    const body = previous === undefined ? manifest : { ...manifest, metadata: { ...manifest.metadata, resourceVersion: previous.metadata["resourceVersion"] } };
    try {
      const result = await cluster.apply(body as Manifest, { fieldManager, force });
      if (previous === undefined) return { action: "created", id, ...uidOf(result) };
      return jsonEqual(comparable(previous), comparable(result)) ? { action: "unchanged", id } : { action: "updated", id, previous };
    } catch (error) {
      // The object changed since it was read (a controller writing status): read it again.
      if (attempt < 5 && error instanceof ClusterApiError && error.status === 409 && /has been modified/.test(error.serverMessage)) {
        previous = await cluster.get(id);
        continue;
      }
      throw error;
    }
  }
}

/** What applying this object may have done, when the answer was lost. */
function uncertainEntry({ manifest, change }: ObjectPreview): JournalEntry {
  const id = idOf(manifest);
  if (change.action === "create" || !("before" in change) || change.before === undefined) return { action: "created", id, uncertain: true };
  if (change.action === "replace") return { action: "replaced", id, previous: change.before, uncertain: true };
  return { action: "updated", id, previous: change.before, uncertain: true };
}

function uidOf(manifest: Manifest): { uid?: string } {
  const uid = manifest.metadata["uid"];
  return typeof uid === "string" ? { uid } : {};
}

function wouldDo(change: Change): ObjectOutcome["action"] {
  switch (change.action) {
    case "create":
      return "would create";
    case "update":
      return "would update";
    case "replace":
      return "would replace";
    default:
      return "unchanged";
  }
}

function refusal(change: Change, id: ObjectId): string {
  switch (change.action) {
    case "rejected":
      return `rejected by the server: ${change.message}`;
    case "conflict":
      return `conflict with other field managers (--force-conflicts takes their fields over):${describeOwners(change).map((line) => `\n  ${line}`).join("")}`;
    case "replace":
      return `needs replacement: ${change.fields.join(", ")} cannot change in place (${change.message}); ${
        holdsData(id) ? `${holdsDataReason(id.kind)}, not even with --replace` : "--replace deletes and creates it again"}` +
        (rerunAsked(change.desired, true) ? (jobFinished(change.before) === undefined ? " (it has not finished, so --rerun-jobs would leave it alone)" : "; --rerun-jobs re-runs it as a Job that has finished") : "");
    default:
      return change.action;
  }
}
