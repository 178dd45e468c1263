import type { Cluster } from "../cluster/cluster.js";
import { ClusterApiError } from "../errors.js";
import type { ObjectId } from "../object-id.js";
import type { Progress } from "../progress.js";
import { reportLine } from "./report-line.js";
import { ownersBody, recreateBody, restoreBody, type RollbackStep } from "./rollback-plan.js";

/** How one rollback step went. */
export interface RollbackResult {
  readonly id: ObjectId;
  readonly step: RollbackStep["do"];
  readonly ok: boolean;
  /** Why it was done, or why it could not be: `created by this run`, `back to its state before this run`, `not restored: …`. */
  readonly message: string;
}

/** Options for {@link executeRollback}. */
export interface RollbackOptions {
  readonly fieldManager: string;
  readonly progress: Progress;
  /** How long to wait for a deleted object to be gone before creating it again. @default 60000 */
  readonly goneTimeoutMs?: number;
}

/**
 * Runs rollback steps in order, going on after a step fails (each result says what happened). A restore is refused
 * when the object was deleted or re-created since this run changed it, or changed again (a conflict): it is then
 * left as it is, and the result says so.
 */
export async function executeRollback(cluster: Cluster, steps: readonly RollbackStep[], options: RollbackOptions): Promise<RollbackResult[]> {
  const results: RollbackResult[] = [];
  for (const step of steps) {
    let result: RollbackResult;
    try {
      result = await runStep(cluster, step, options);
    } catch (error) {
      result = { id: step.id, step: step.do, ok: false, message: `failed: ${(error as Error).message}` };
    }
    results.push(result);
    options.progress.line(reportLine(rollbackAction(result), step.id, result.message));
  }
  return results;
}

/** Why a step had to look first. */
const LOST = "the answer to its apply was lost (the connection dropped)";

/** Rollback steps, as done. */
const DONE = { delete: "deleted", restore: "restored", recreate: "recreated", keep: "kept" } as const;

/** How a rollback step's line starts: `deleted`, `kept`, `restore FAILED`. */
export function rollbackAction(result: RollbackResult): string {
  return result.ok || result.step === "keep" ? DONE[result.step] : `${result.step} FAILED`;
}

async function runStep(cluster: Cluster, step: RollbackStep, options: RollbackOptions): Promise<RollbackResult> {
  const result = (ok: boolean, message: string): RollbackResult => ({ id: step.id, step: step.do, ok, message });
  switch (step.do) {
    case "keep":
      // Not undone, so not ok: the closing line counts it among what could not be rolled back.
      return result(false, step.reason);
    case "delete": {
      const outcome = await deleteCreated(cluster, step.id, step.uid);
      if (step.uncertain) return result(true, outcome === "gone" ? `${LOST}, and it was not created: nothing to undo` : `created by this run (${LOST})`);
      return result(true, step.note === undefined ? outcome : `${outcome}; ${step.note}`);
    }
    case "restore": {
      const current = await cluster.get(step.id);
      if (step.uncertain && current?.metadata["resourceVersion"] === step.previous.metadata["resourceVersion"]) return result(true, `${LOST}, and it was not changed: nothing to undo`);
      if (current === undefined) return result(false, "not restored: it was deleted since this run updated it");
      if (current.metadata["uid"] !== step.previous.metadata["uid"]) return result(false, "not restored: it was deleted and created again since this run updated it");
      try {
        const restored = await cluster.replace(restoreBody(step.previous, String(current.metadata["resourceVersion"] ?? "")), options.fieldManager);
        // That write made this field manager the owner of the fields it put back: give them back to their owners
        // (the content is the same, so this second write changes ownership only).
        const owners = ownersBody(restored, step.previous);
        if (owners !== undefined) await cluster.replace(owners, options.fieldManager);
      } catch (error) {
        if (error instanceof ClusterApiError && error.status === 409) return result(false, "not restored: someone changed it after this run did (conflict)");
        throw error;
      }
      return result(true, "back to its state before this run");
    }
    case "recreate": {
      const current = step.uncertain ? await cluster.get(step.id) : undefined;
      if (current !== undefined && current.metadata["uid"] === step.previous.metadata["uid"]) return result(true, `${LOST}, and it was not replaced: nothing to undo`);
      const uid = step.uncertain ? (current?.metadata["uid"] as string | undefined) : step.uid;
      if (!step.uncertain || current !== undefined) await deleteCreated(cluster, step.id, uid);
      await cluster.waitUntilGone(step.id, options.goneTimeoutMs ?? 60_000);
      await cluster.create(recreateBody(step.previous), options.fieldManager);
      return result(true, "the object this run replaced was created again as it was");
    }
  }
}

async function deleteCreated(cluster: Cluster, id: ObjectId, uid: string | undefined): Promise<string> {
  try {
    const outcome = await cluster.delete(id, uid === undefined ? {} : { uid });
    if (outcome === "gone") return "created by this run, already gone";
  } catch (error) {
    // The uid precondition failed: the object was deleted and created again by someone else; leave that one alone.
    if (error instanceof ClusterApiError && error.status === 409) return "created by this run, but deleted and created again by someone else since: left alone";
    throw error;
  }
  if (id.kind === "Namespace") return "created by this run (the namespace finishes terminating in the background)";
  return "created by this run";
}
