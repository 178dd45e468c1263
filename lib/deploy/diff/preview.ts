import type { Cluster } from "../cluster/cluster.js";
import { ClusterApiError } from "../errors.js";
import { stringAt, type Manifest } from "../manifest.js";
import { groupOf, idOf } from "../object-id.js";
import { withSetLabel } from "../ownership.js";
import type { Plan, PlannedObject } from "../plan/plan.js";
import { classify, type Change } from "./classify.js";

/** How objects are applied (and so previewed). */
export interface PreviewOptions {
  /** `fieldManager` of server-side apply. */
  readonly fieldManager: string;
  /** Take over fields other managers own. @default false */
  readonly force?: boolean;
  /** Label objects with this set name (see `--set`, `--prune`). */
  readonly set?: string;
}

/** What applying one object of a plan would do. */
export interface ObjectPreview {
  readonly object: PlannedObject;
  /** The manifest as it is sent (with the set label, if any). */
  readonly manifest: Manifest;
  readonly change: Change;
}

/**
 * Asks the cluster what applying each object of the plan would do, in plan order: reads the live object and runs a
 * server-side apply dry run (`dryRun=All`: defaults, validation and admission run, nothing is stored), then
 * {@link classify}. Objects whose namespace, or whose kind's CustomResourceDefinition, this plan creates cannot be
 * dry run yet: they are reported as creates, `unverified`, with the reason.
 */
export async function previewPlan(cluster: Cluster, plan: Plan, options: PreviewOptions): Promise<ObjectPreview[]> {
  const creatingNamespaces = new Set<string>();
  const definitions = new Map<string, PlannedObject>();
  for (const object of plan.objects) {
    if (object.id.kind !== "CustomResourceDefinition") continue;
    const group = stringAt(object.manifest, "spec", "group");
    const kind = stringAt(object.manifest, "spec", "names", "kind");
    if (group !== undefined && kind !== undefined) definitions.set(`${group}/${kind}`, object);
  }
  const out: ObjectPreview[] = [];
  for (const object of plan.objects) {
    const manifest = withSetLabel(object.manifest, options.set);
    const change = await previewObject(cluster, manifest, options, creatingNamespaces, definitions);
    if (object.id.kind === "Namespace" && object.id.apiVersion === "v1" && change.action === "create") creatingNamespaces.add(object.id.name);
    out.push({ object, manifest, change });
  }
  return out;
}

async function previewObject(
  cluster: Cluster,
  manifest: Manifest,
  options: PreviewOptions,
  creatingNamespaces: ReadonlySet<string>,
  definitions: ReadonlyMap<string, PlannedObject>,
): Promise<Change> {
  const resource = await cluster.discovery.resourceFor(manifest.apiVersion, manifest.kind);
  if (resource === undefined) {
    const definition = definitions.get(`${groupOf(manifest.apiVersion)}/${manifest.kind}`);
    if (definition !== undefined) {
      return { action: "create", after: manifest, unverified: `its kind is served once CustomResourceDefinition ${definition.id.name} (in this plan) is applied` };
    }
    return {
      action: "rejected",
      message: `the cluster does not serve kind ${manifest.kind} in ${manifest.apiVersion}, and no CustomResourceDefinition in the input defines it`,
    };
  }
  const namespace = resource.namespaced ? (manifest.metadata.namespace ?? cluster.defaultNamespace) : undefined;
  if (namespace !== undefined && creatingNamespaces.has(namespace)) {
    return { action: "create", after: manifest, unverified: `namespace ${namespace} is created by this plan first` };
  }
  const live = await cluster.get(idOf(manifest));
  try {
    const after = await cluster.apply(manifest, { fieldManager: options.fieldManager, force: options.force ?? false, dryRun: true });
    return classify(manifest, live, { ok: after }, options.fieldManager);
  } catch (error) {
    // Permissions and unreachable clusters stop everything; what the server says about this object is its preview.
    if (error instanceof ClusterApiError && error.status !== 403 && error.status !== 401 && error.status < 500) {
      return classify(manifest, live, { error }, options.fieldManager);
    }
    throw error;
  }
}

