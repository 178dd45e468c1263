import { groupOf, type ObjectId } from "./object-id.js";

/**
 * Whether piceli must never delete the object, because data lives there: a PersistentVolume or a
 * PersistentVolumeClaim. Neither `--replace`, rollback nor `--prune` deletes one; a change that needs replacing it is
 * refused.
 */
export function holdsData(id: Pick<ObjectId, "apiVersion" | "kind">): boolean {
  return groupOf(id.apiVersion) === "" && (id.kind === "PersistentVolumeClaim" || id.kind === "PersistentVolume");
}

/** Why piceli leaves such an object alone, for messages: `a PersistentVolumeClaim is never deleted by piceli (data lives there)`. */
export function holdsDataReason(kind: string): string {
  return `a ${kind} is never deleted by piceli (data lives there)`;
}
