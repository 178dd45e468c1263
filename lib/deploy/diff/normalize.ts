import { jsonCopy, type Manifest } from "../manifest.js";

/** Metadata the server keeps for itself: never part of what is applied, so never a change. */
const SERVER_METADATA = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"] as const;

/**
 * The part of a stored object that applying can change: without `status` and the server's own metadata
 * (`managedFields`, `resourceVersion`, `generation`, `uid`, `creationTimestamp`). Two stored versions of an object
 * are the same to a user exactly when these are equal. Server defaults stay: they are on both sides.
 */
export function comparable(manifest: Manifest): Manifest {
  const out = jsonCopy(manifest);
  delete out["status"];
  for (const key of SERVER_METADATA) delete out.metadata[key];
  return out;
}
