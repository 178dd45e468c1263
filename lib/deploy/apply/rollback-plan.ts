import { jsonCopy, jsonEqual, type Manifest } from "../manifest.js";
import { holdsData, holdsDataReason } from "../data-kinds.js";
import { describe, type ObjectId } from "../object-id.js";

/** What one apply run did to one object: what rollback works from. */
export type JournalEntry =
  /** It did not exist; this run created it (with this uid). */
  | { readonly action: "created"; readonly id: ObjectId; readonly uid?: string; readonly uncertain?: true }
  /** It existed as `previous`; this run changed it. */
  | { readonly action: "updated"; readonly id: ObjectId; readonly previous: Manifest; readonly uncertain?: true }
  /** It existed as `previous`; this run deleted it and created it anew (with this uid) for an immutable change. */
  | { readonly action: "replaced"; readonly id: ObjectId; readonly previous: Manifest; readonly uid?: string; readonly uncertain?: true }
  /** It was a finished Job (`previous`); this run deleted it and created it anew (with this uid) to run it again. */
  | { readonly action: "rerun"; readonly id: ObjectId; readonly previous: Manifest; readonly uid?: string }
  /** It existed and applying changed nothing. */
  | { readonly action: "unchanged"; readonly id: ObjectId };
// `uncertain`: the request was sent but its answer was lost (the connection dropped): it may or may not have
// happened, so rollback looks before it undoes.

/** One step of undoing a run (`uncertain`: see {@link JournalEntry}). */
export type RollbackStep =
  /** Delete an object this run created (only if it still has the uid this run gave it); `note`: what is not undone. */
  | { readonly do: "delete"; readonly id: ObjectId; readonly uid?: string; readonly uncertain?: true; readonly note?: string }
  /** Put an object this run updated back as it was (`previous` is the full stored object before the run). */
  | { readonly do: "restore"; readonly id: ObjectId; readonly previous: Manifest; readonly uncertain?: true }
  /** Delete the object this run re-created, and create the previous one again. */
  | { readonly do: "recreate"; readonly id: ObjectId; readonly previous: Manifest; readonly uid?: string; readonly uncertain?: true }
  /** Leave an object this run created, though undoing the run would delete it: it holds data, or holds such an object. */
  | { readonly do: "keep"; readonly id: ObjectId; readonly reason: string };

/**
 * Undoing a run, in reverse order of what it did: objects it created are deleted, objects it updated are restored
 * to their previous state, objects it re-created are put back. Objects it did not change, and objects that existed
 * before and were not touched, get no step: rollback never deletes what this run did not create. PersistentVolumes
 * and PersistentVolumeClaims it created are kept (data may already live there), and so is a Namespace it created that
 * holds such a claim (deleting the Namespace would delete the claim).
 */
export function planRollback(journal: readonly JournalEntry[]): RollbackStep[] {
  const steps: RollbackStep[] = [];
  const kept = journal.filter((e) => e.action === "created" && holdsData(e.id));
  for (const entry of [...journal].reverse()) {
    switch (entry.action) {
      case "created": {
        const claim = entry.id.kind === "Namespace" && entry.id.apiVersion === "v1" ? kept.find((k) => k.id.namespace === entry.id.name) : undefined;
        if (holdsData(entry.id)) steps.push({ do: "keep", id: entry.id, reason: `created by this run, but ${holdsDataReason(entry.id.kind)}: delete it yourself if you mean to` });
        else if (claim !== undefined) steps.push({ do: "keep", id: entry.id, reason: `created by this run, but it holds ${describe(claim.id)}, which piceli never deletes` });
        else steps.push({ do: "delete", id: entry.id, ...(entry.uid !== undefined && { uid: entry.uid }), ...(entry.uncertain && { uncertain: true }) });
        break;
      }
      case "updated":
        steps.push({ do: "restore", id: entry.id, previous: entry.previous, ...(entry.uncertain && { uncertain: true }) });
        break;
      case "replaced":
        steps.push({ do: "recreate", id: entry.id, previous: entry.previous, ...(entry.uid !== undefined && { uid: entry.uid }), ...(entry.uncertain && { uncertain: true }) });
        break;
      case "rerun":
        // Creating the finished Job again would run it once more: it stays deleted, and the step says so.
        steps.push({ do: "delete", id: entry.id, ...(entry.uid !== undefined && { uid: entry.uid }), note: "the finished Job it replaced is not created again (that would run it once more)" });
        break;
      case "unchanged":
        break;
    }
  }
  return steps;
}

/**
 * The body that puts an updated object back (`PUT`): the previous object, its `managedFields` included (so field
 * ownership is restored too), at the current `resourceVersion` (so a change made by someone else since is a
 * conflict, not overwritten). `status` is left out: it is the controllers'.
 */
export function restoreBody(previous: Manifest, currentResourceVersion: string): Manifest {
  const body = jsonCopy(previous);
  delete body["status"];
  body.metadata.resourceVersion = currentResourceVersion;
  return body;
}

/**
 * The body that gives a restored object's fields back to the field managers that owned them before the run (`PUT`
 * of `restored` with the previous `managedFields`), or `undefined` when they already are. A server takes
 * `managedFields` sent with an unchanged content as they are; `[{}]` is how to say "none".
 */
export function ownersBody(restored: Manifest, previous: Manifest): Manifest | undefined {
  const before = managedFieldsOf(previous);
  if (jsonEqual(managedFieldsOf(restored), before)) return undefined;
  const body = jsonCopy(restored);
  delete body["status"];
  body.metadata["managedFields"] = before.length === 0 ? [{}] : before;
  return body;
}

function managedFieldsOf(manifest: Manifest): unknown[] {
  const entries = manifest.metadata["managedFields"];
  return Array.isArray(entries) ? entries : [];
}

/** The body that creates a deleted object again (`POST`): the previous object without what the server assigns. */
export function recreateBody(previous: Manifest): Manifest {
  const body = jsonCopy(previous);
  delete body["status"];
  for (const key of ["uid", "resourceVersion", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"]) {
    delete body.metadata[key];
  }
  return body;
}
