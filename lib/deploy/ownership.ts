import { DeployError } from "./errors.js";
import { isObject, type Manifest } from "./manifest.js";

/**
 * The label that marks objects applied with `--set <name>`. It only finds prune candidates: an object is pruned when
 * {@link appliedWithSet} proves piceli applied it with this label. Objects applied without `--set` carry no label and
 * are never pruned.
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

/**
 * Whether the object's `metadata.managedFields` prove that `fieldManager` applied it with `piceli/set=<set>`: the
 * label has that value and a server-side apply (operation `Apply`) by that field manager owns it. The server keeps
 * this record itself; a client that writes the label with `kubectl apply`, `create`, `edit` or `label` owns it
 * under its own manager (and a changed value moves the ownership away from piceli), so such an object is not
 * piceli's to delete.
 */
export function appliedWithSet(manifest: Manifest, set: string, fieldManager: string): boolean {
  return manifest.metadata.labels?.[SET_LABEL] === set && setLabelOwners(manifest).some((o) => o.manager === fieldManager && o.operation === "Apply");
}

/** The field managers that own the set label, as `metadata.managedFields` records them (`kubectl-client-side-apply`, `Update`). */
export function setLabelOwners(manifest: Manifest): { manager: string; operation: string }[] {
  const entries = manifest.metadata["managedFields"];
  if (!Array.isArray(entries)) return [];
  return entries.filter((entry): entry is Record<string, unknown> => isObject(entry) && entry["subresource"] === undefined && ownsSetLabel(entry["fieldsV1"]))
    .map((entry) => ({ manager: String(entry["manager"] ?? ""), operation: String(entry["operation"] ?? "") }));
}

function ownsSetLabel(fields: unknown): boolean {
  const metadata = isObject(fields) ? fields["f:metadata"] : undefined;
  const labels = isObject(metadata) ? metadata["f:labels"] : undefined;
  return isObject(labels) && `f:${SET_LABEL}` in labels;
}

/**
 * Kinds (with their API group) `--prune` deletes only when `--prune-allow <Kind>/<name>` names the object: deleting
 * one deletes everything in it.
 */
export const PRUNED_WHEN_NAMED: Readonly<Record<string, string>> = { Namespace: "", CustomResourceDefinition: "apiextensions.k8s.io" };

/**
 * Checks a `--prune-allow` value, `Namespace/<name>` or `CustomResourceDefinition/<name>` (the kind in any case), and
 * returns it with the kind spelled as Kubernetes spells it.
 */
export function checkPruneAllow(text: string): string {
  const slash = text.indexOf("/");
  const kind = Object.keys(PRUNED_WHEN_NAMED).find((k) => k.toLowerCase() === text.slice(0, Math.max(slash, 0)).toLowerCase());
  const name = text.slice(slash + 1);
  if (slash < 0 || kind === undefined || name === "" || name.includes("/")) {
    throw new DeployError(`--prune-allow: expected Namespace/<name> or CustomResourceDefinition/<name> (the only kinds that need naming; PersistentVolumeClaims and PersistentVolumes are never pruned), received ${JSON.stringify(text)}`);
  }
  return `${kind}/${name}`;
}
