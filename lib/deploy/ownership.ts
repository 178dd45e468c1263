import { DeployError } from "./errors.js";
import type { Manifest } from "./manifest.js";

/**
 * The label that marks objects applied with `--set <name>`: `--prune` deletes objects carrying it whose definition
 * is gone from the code. Objects applied without `--set` carry no label and are never pruned.
 */
export const SET_LABEL = "piceli/set";

const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** Checks a set name is a valid label value (what `--set` accepts). */
export function checkSetName(set: string): string {
  if (!LABEL_VALUE.test(set)) {
    throw new DeployError(`--set: expected a label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), received ${JSON.stringify(set)}`);
  }
  return set;
}

/** The manifest as applied: with the set label when a set is given (the original is not changed). */
export function withSetLabel(manifest: Manifest, set: string | undefined): Manifest {
  if (set === undefined) return manifest;
  return { ...manifest, metadata: { ...manifest.metadata, labels: { ...manifest.metadata.labels, [SET_LABEL]: set } } };
}
