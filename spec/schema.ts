/**
 * Spec helper: checks a manifest against the official Kubernetes OpenAPI schema, as compiled by
 * `kubernetes-models`, and rejects fields the schema does not know, like
 * `kubectl apply --validate=strict`.
 *
 * Types, enums, formats and required fields are checked by kubernetes-models' validators, which are
 * ajv-compiled ahead of time and ship without the JSON schemas. Those validators ignore unknown fields,
 * so the manifest is handed to them behind proxies that record which keys each validator reads: a
 * validator reads every property its schema declares (`void 0 === data.name`) and enumerates maps
 * (`for (key in data)`), so a key it never read is a field the schema does not have. An object it never
 * looked into has a free-form schema (`type: object` only) and is skipped.
 */
import type { V1PodSpec } from "@kubernetes/client-node";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolume } from "kubernetes-models/v1/PersistentVolume";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Pod } from "kubernetes-models/v1/Pod";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";

/** A kubernetes-models class: its static type meta and the validator `setValidateFunc` installed. */
interface SchemaModel {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(): void };
}

/** The kinds a manifest may have; anything else fails. Add a kubernetes-models class to support one. */
const MODELS: readonly SchemaModel[] = [
  ConfigMap, Namespace, PersistentVolume, PersistentVolumeClaim, Secret, Service, ServiceAccount,
  CronJob, Job,
  DaemonSet, Deployment, StatefulSet,
  ClusterRole, ClusterRoleBinding, Role, RoleBinding,
  StorageClass,
  HorizontalPodAutoscaler,
  Pod, LimitRange, ResourceQuota, Ingress, IngressClass, NetworkPolicy, PodDisruptionBudget, PriorityClass,
];

const BY_TYPE = new Map(MODELS.map((model) => [`${model.apiVersion} ${model.kind}`, model]));

/** Kinds with no schema installed, and why (so a failure says what is missing, not just "unknown"). */
const MISSING: Readonly<Record<string, string>> = {
  "autoscaling.k8s.io/v1 VerticalPodAutoscaler":
    "the VPA is a CRD, and neither kubernetes-models nor any installed @kubernetes-models/* package has its schema",
};

/**
 * Top-level fields a kind's compiled validator never reads, though the schema has them (unconstrained strings the
 * compiler dropped), so the unknown-field check can't judge them; the API server accepts them.
 */
const UNREAD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "scheduling.k8s.io/v1 PriorityClass": ["description"],
};

/** The fields of ajv's ErrorObject that kubernetes-models' validators fill in. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** What a validator did with one object or array of the manifest. */
interface Visit {
  /** Keys read (`data.key`, `key in data`): for an object schema, its declared properties. */
  readonly read: Set<string>;
  /** The keys were enumerated: a map (`additionalProperties`), whose keys are all allowed. */
  enumerated: boolean;
  /** Visits of the values read, by key, so a value shared by two fields is judged at each. */
  readonly children: Map<string, Tracked>;
}

interface Tracked {
  readonly proxy: unknown;
  readonly visit: Visit | undefined;
}

/** Lists every problem, each as `path: what is wrong`; an empty list means the manifest is valid. */
export function schemaProblems(manifest: unknown): string[] {
  if (!isRecord(manifest)) return [`manifest: expected an object, received ${show(manifest)}`];
  const { apiVersion, kind } = manifest;
  const model = BY_TYPE.get(`${String(apiVersion)} ${String(kind)}`);
  if (model === undefined) return [noSchema(apiVersion, kind)];

  const tracked = track(manifest);
  const errors = runValidator(model, tracked.proxy);
  const unread = (UNREAD_FIELDS[`${String(apiVersion)} ${String(kind)}`] ?? []).map((field) => `${field}: unknown field`);
  return [...errors.flatMap((error) => describe(error, errors, manifest)), ...unknownFields(manifest, tracked.visit, "")]
    .filter((problem, index, all) => all.indexOf(problem) === index && !unread.includes(problem));
}

/**
 * Throws unless `manifest` matches the Kubernetes schema of its `apiVersion` and `kind` with no unknown
 * field. The message names the object and lists every problem with its path.
 */
export function assertSchemaValid(manifest: unknown): void {
  const problems = schemaProblems(manifest);
  if (problems.length === 0) return;
  throw new Error(`${describeObject(manifest)} does not match the Kubernetes schema:\n  ${problems.join("\n  ")}`);
}

function describeObject(manifest: unknown): string {
  if (!isRecord(manifest)) return "manifest";
  const { apiVersion, kind, metadata } = manifest;
  const name = isRecord(metadata) && typeof metadata.name === "string" ? metadata.name : undefined;
  const parts = [
    typeof apiVersion === "string" ? apiVersion : "(no apiVersion)",
    typeof kind === "string" ? kind : "(no kind)",
    name === undefined ? "(no name)" : JSON.stringify(name),
  ];
  return parts.join(" ");
}

function noSchema(apiVersion: unknown, kind: unknown): string {
  const versions = MODELS.filter((model) => model.kind === kind).map((model) => model.apiVersion);
  const hint = versions.length > 0 ? ` (${String(kind)} is ${versions.join(" or ")})` : "";
  if (typeof apiVersion !== "string") return `apiVersion: ${missingOrWrong(apiVersion)}, so no schema applies${hint}`;
  if (typeof kind !== "string") return `kind: ${missingOrWrong(kind)}, so no schema applies`;
  const type = `${apiVersion} ${kind}`;
  const why = MISSING[type] ?? `spec/schema.ts has none${hint}`;
  return `${versions.length > 0 ? "apiVersion" : "kind"}: no schema for ${type}: ${why}`;
}

function missingOrWrong(value: unknown): string {
  return value === undefined ? "required field is missing" : `expected string, received ${show(value)}`;
}

/** Runs a kubernetes-models validator on `data` and returns its errors (none when valid). */
function runValidator(model: SchemaModel, data: unknown): SchemaError[] {
  try {
    // the installed validator reads `this`; calling it directly skips the constructor, which would fill in apiVersion and kind
    model.prototype.validate.call(data);
    return [];
  } catch (error) {
    if (error instanceof Error && "errors" in error && Array.isArray(error.errors)) return error.errors as SchemaError[];
    throw error;
  }
}

/** Turns one validator error into a problem line; `[]` for errors folded into their `oneOf`. */
function describe(error: SchemaError, all: readonly SchemaError[], manifest: unknown): string[] {
  const segments = pointerSegments(error.instancePath);
  const received = show(valueAt(manifest, segments));
  const at = formatPath(manifest, segments);
  const oneOf = all.some((other) => other.keyword === "oneOf" && other.instancePath === error.instancePath);
  switch (error.keyword) {
    case "required":
      return [`${formatPath(manifest, [...segments, String(error.params.missingProperty)])}: required field is missing`];
    case "oneOf": {
      // int-or-string and quantity are `oneOf`: report the alternatives once instead of each branch's failure
      const branches = all.filter((other) => other.instancePath === error.instancePath && other !== error);
      const expected = [...new Set(branches.map(alternative))].join(" or ");
      return [`${at}: expected ${expected || "exactly one of its alternatives"}, received ${received}`];
    }
    case "type":
      return oneOf ? [] : [`${at}: expected ${String(error.params.type)}, received ${received}`];
    case "format":
      return oneOf ? [] : [`${at}: expected the ${String(error.params.format)} format, received ${received}`];
    case "enum": {
      const allowed = Array.isArray(error.params.allowedValues) ? error.params.allowedValues : [];
      return [`${at}: expected one of ${allowed.map(show).join(", ")}, received ${received}`];
    }
    default:
      return [`${at}: ${error.message ?? error.keyword}, received ${received}`];
  }
}

function alternative(error: SchemaError): string {
  if (error.keyword === "type") return String(error.params.type);
  if (error.keyword === "format") return `a ${String(error.params.format)} string`;
  return error.message ?? error.keyword;
}

/** Wraps `value` so reads by a validator are recorded; objects and arrays are wrapped, down as far as read. */
function track(value: unknown): Tracked {
  if (!Array.isArray(value) && !isRecord(value)) return { proxy: value, visit: undefined };
  const visit: Visit = { read: new Set(), enumerated: false, children: new Map() };
  // a copy as target: a Proxy of a frozen object must return the original values, not their proxies
  const target: object = Array.isArray(value) ? [...value] : { ...value };
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key !== "string") return Reflect.get(object, key, receiver);
      visit.read.add(key);
      if (!Object.hasOwn(object, key)) return Reflect.get(object, key, receiver);
      let child = visit.children.get(key);
      if (child === undefined) {
        child = track(Reflect.get(object, key));
        visit.children.set(key, child);
      }
      return child.proxy;
    },
    has(object, key) {
      if (typeof key === "string") visit.read.add(key);
      return Reflect.has(object, key);
    },
    ownKeys(object) {
      visit.enumerated = true;
      return Reflect.ownKeys(object);
    },
  });
  return { proxy, visit };
}

/** Keys of inspected objects that their validator never read, with a spelling hint when one is close. */
function unknownFields(value: unknown, visit: Visit | undefined, path: string): string[] {
  if (visit === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unknownFields(item, visit.children.get(String(index))?.visit, `${path}[${index}]`));
  }
  if (!isRecord(value)) return [];
  // never looked into: a free-form object (`type: object`, x-kubernetes-preserve-unknown-fields)
  const inspected = visit.enumerated || visit.read.size > 0;
  return Object.keys(value).flatMap((key) => {
    const at = `${path}${formatKey(key, path === "")}`;
    if (inspected && !visit.enumerated && !visit.read.has(key)) return [`${at}: unknown field${suggest(key, visit.read)}`];
    return unknownFields(value[key], visit.children.get(key)?.visit, at);
  });
}

function suggest(key: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 4));
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? "" : ` (did you mean "${best}"?)`;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`lables` → `labels`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

/** `/spec/containers/0/a~1b` → `["spec", "containers", "0", "a/b"]` (JSON Pointer, RFC 6901). */
function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `["spec", "containers", "0", "app.kubernetes.io/name"]` → `spec.containers[0]["app.kubernetes.io/name"]`. */
function formatPath(root: unknown, segments: readonly string[]): string {
  if (segments.length === 0) return "manifest";
  return segments
    .map((segment, index) => {
      if (Array.isArray(valueAt(root, segments.slice(0, index)))) return `[${segment}]`;
      return formatKey(segment, index === 0);
    })
    .join("");
}

/** An object key as it follows its parent's path: `.name`, or `["app.kubernetes.io/name"]`. */
function formatKey(key: string, first: boolean): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return first ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (isRecord(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An object with fields: plain, or a model class instance (client-node, kubernetes-models). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Builds a workload, checks the manifest against the Kubernetes schema, and returns its pod spec. */
export function podOf(builder: { build(): { spec: { template: { spec?: V1PodSpec } } } }): V1PodSpec {
  const manifest = builder.build();
  assertSchemaValid(manifest);
  return manifest.spec.template.spec!;
}
