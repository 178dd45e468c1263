import type { ClusterApiError } from "../errors.js";
import { isObject, jsonEqual, type Manifest } from "../manifest.js";
import { comparable } from "./normalize.js";

/** What applying an object would do. */
export type Change =
  /** It does not exist: it would be created (`after` is the server's dry-run result, or the manifest when `unverified`). */
  | { readonly action: "create"; readonly after: Manifest; readonly unverified?: string }
  /** It exists and would change. */
  | { readonly action: "update"; readonly before: Manifest; readonly after: Manifest }
  /**
   * It exists and applying would change nothing. `takesOwnership`: the content stays but the fields this field
   * manager owns would change (another manager's fields become this one's), so the apply is still sent.
   */
  | { readonly action: "unchanged"; readonly before: Manifest; readonly takesOwnership: boolean }
  /** It exists and the change touches fields the server does not allow to change: only delete and create would do. */
  | {
    readonly action: "replace"; readonly before: Manifest; readonly desired: Manifest; readonly fields: readonly string[];
    /** Why, per field: `spec.template: field is immutable` (without the value the server prints). */
    readonly message: string;
  }
  /**
   * Another field manager owns fields this apply would change (`--force-conflicts` takes them over). `owners`: each
   * such field and who owns it; `forced`: the object as `--force-conflicts` would store it (when the server said).
   */
  | { readonly action: "conflict"; readonly before?: Manifest; readonly message: string; readonly owners: readonly FieldOwner[]; readonly forced?: Manifest }
  /** The server rejects the object (invalid, or its namespace or kind does not exist). */
  | { readonly action: "rejected"; readonly before?: Manifest; readonly message: string };

/** A field another field manager owns (from a conflict the server reports). */
export interface FieldOwner {
  /** As the server names it: `.spec.replicas`, `.spec.template.spec.containers[name="web"].image`. */
  readonly field: string;
  /** `kubectl`, `kubectl-set`, `helm`… */
  readonly manager: string;
  /** The subresource it wrote the field through (`kubectl scale` writes `scale`). */
  readonly subresource?: string;
}

/** The server's answer to a dry-run apply: the object as it would be stored, or the error. */
export type DryRunResult = { readonly ok: Manifest } | { readonly error: ClusterApiError };

/**
 * Classifies the change of applying `desired` as `fieldManager`, from the live object (if any) and the server's dry-run
 * apply of it. Equality is on {@link comparable} forms, so server defaults (present on both sides) and `managedFields`
 * never count as changes.
 */
export function classify(desired: Manifest, live: Manifest | undefined, dryRun: DryRunResult, fieldManager = "piceli"): Change {
  if ("error" in dryRun) {
    const { error } = dryRun;
    const before = live === undefined ? {} : { before: live };
    if (error.status === 409) return { action: "conflict", ...before, message: error.serverMessage, owners: conflictOwners(error) };
    const fields = immutableFields(error);
    if (live !== undefined && fields !== undefined) {
      return { action: "replace", before: live, desired, fields, message: immutableReasons(error) };
    }
    return { action: "rejected", ...before, message: error.serverMessage };
  }
  if (live === undefined) return { action: "create", after: dryRun.ok };
  if (!jsonEqual(comparable(live), comparable(dryRun.ok))) return { action: "update", before: live, after: dryRun.ok };
  return { action: "unchanged", before: live, takesOwnership: !jsonEqual(appliedBy(live, fieldManager), appliedBy(dryRun.ok, fieldManager)) };
}

/**
 * The fields `fieldManager` owns through apply (its `managedFields` entry without the time, which every apply updates).
 * Only this entry counts: the server also writes entries of its own on a no-op apply (`before-first-apply` for an
 * object that had none), and those are no reason to write.
 */
function appliedBy(manifest: Manifest, fieldManager: string): unknown {
  const entries = manifest.metadata["managedFields"];
  const entry = Array.isArray(entries) ? entries.find((e) => isObject(e) && e["manager"] === fieldManager && e["operation"] === "Apply") : undefined;
  return isObject(entry) ? { ...entry, time: undefined } : undefined;
}

const CONFLICT = /conflicts? with "([^"]*)"(?: with subresource "([^"]*)")?/;

/**
 * Who owns each field of a server-side apply conflict, from the 409's `details.causes` (`field: .spec.replicas`,
 * `message: conflict with "kubectl" with subresource "scale" using apps/v1`), by field (the server's order varies).
 */
export function conflictOwners(error: ClusterApiError): FieldOwner[] {
  return error.causes.flatMap((cause) => {
    const match = CONFLICT.exec(cause.message ?? "");
    if (match === null) return [];
    return [{ field: cause.field ?? "(unnamed field)", manager: match[1]!, ...(match[2] !== undefined && { subresource: match[2] }) }];
  }).sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/**
 * One line per field of a conflict: `.spec.replicas: owned by "kubectl" (written through the scale subresource)`;
 * the server's message when it named no fields.
 */
export function describeOwners(change: { readonly owners: readonly FieldOwner[]; readonly message: string }): string[] {
  if (change.owners.length === 0) return change.message.split("\n");
  return change.owners.map((o) => `${o.field}: owned by ${JSON.stringify(o.manager)}${o.subresource === undefined ? "" : ` (written through the ${o.subresource} subresource)`}`);
}

/** Messages with which the API server refuses to change a field that is set once. */
const IMMUTABLE = [/field is immutable/i, /updates to \w+ spec for fields other than/i, /may not change fields other than/i, /is immutable/i, /may not change once set/i];

/**
 * The fields an error says cannot change (`spec.template`, `spec.selector`), or `undefined` when the error is not
 * about immutable fields. Reads the 422's `details.causes`, else its message.
 */
export function immutableFields(error: ClusterApiError): string[] | undefined {
  if (error.status !== 422) return undefined;
  const causes = error.causes.filter((c) => IMMUTABLE.some((re) => re.test(c.message ?? "")));
  if (causes.length > 0) return [...new Set(causes.map((c) => c.field ?? "(unnamed field)"))];
  return IMMUTABLE.some((re) => re.test(error.serverMessage)) ? ["(see message)"] : undefined;
}

/**
 * What the server says about each immutable field, without the values it prints (a Job's whole template, as a Go
 * struct): `spec.template: field is immutable; spec.clusterIPs[0]: may not change once set`.
 */
function immutableReasons(error: ClusterApiError): string {
  const causes = error.causes.filter((c) => IMMUTABLE.some((re) => re.test(c.message ?? "")));
  if (causes.length === 0) return error.serverMessage;
  return causes.map((c) => `${c.field ?? "(unnamed field)"}: ${withoutValue(c.message ?? "")}`).join("; ");
}

/**
 * `Invalid value: {…}: field is immutable` → `field is immutable`; `Forbidden: updates to …` → `updates to …`; the
 * struct diff some messages end with (a PersistentVolume's source, a claim's spec) is left out.
 */
function withoutValue(full: string): string {
  const message = full.split("\n")[0]!;
  if (message.startsWith("Forbidden: ")) return message.slice("Forbidden: ".length);
  const reason = IMMUTABLE.map((re) => re.exec(message)).find((m) => m !== null);
  return message.startsWith("Invalid value: ") && reason ? message.slice(reason.index) : message;
}
