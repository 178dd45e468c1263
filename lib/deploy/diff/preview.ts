import { CONCURRENCY, mapBounded } from "../bounded.js";
import type { Cluster } from "../cluster/cluster.js";
import type { ResourceInfo } from "../cluster/discovery.js";
import { deniedAccess } from "../cluster/access.js";
import { ClusterApiError } from "../errors.js";
import { stringAt, type Manifest } from "../manifest.js";
import { groupOf, idOf, keyOf } from "../object-id.js";
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
 * Asks the cluster what applying each object of the plan would do: reads the live objects, runs a server-side apply
 * dry run of each (`dryRun=All`: defaults, validation and admission run, nothing is stored), then {@link classify}.
 * Objects whose namespace, or whose kind's CustomResourceDefinition, this plan creates cannot be dry run yet: they
 * are reported as creates, `unverified`, with the reason.
 *
 * A Namespace of the plan that is being deleted is refused (nothing can be created in it), and so is each new object
 * in it, with the server's reason.
 *
 * Cost: one dry run per object (two for one that conflicts with another field manager: the second, forced, shows
 * what `--force-conflicts` would change), plus one read per kind and namespace (a list when the plan has several
 * objects of that kind there, else a get), and a get of each object a controller wrote between that read and its dry
 * run, at most {@link CONCURRENCY} requests at a time. The plan's Namespaces go first, so that
 * what they hold is known to be in a namespace this plan creates.
 */
export async function previewPlan(cluster: Cluster, plan: Plan, options: PreviewOptions): Promise<ObjectPreview[]> {
  const definitions = new Map<string, PlannedObject>();
  for (const object of plan.objects) {
    if (object.id.kind !== "CustomResourceDefinition") continue;
    const group = stringAt(object.manifest, "spec", "group");
    const kind = stringAt(object.manifest, "spec", "names", "kind");
    if (group !== undefined && kind !== undefined) definitions.set(`${group}/${kind}`, object);
  }
  const resources = new Map<string, ResourceInfo | undefined>();
  for (const { manifest } of plan.objects) {
    const key = `${manifest.apiVersion}\u0000${manifest.kind}`;
    if (!resources.has(key)) resources.set(key, await cluster.discovery.resourceFor(manifest.apiVersion, manifest.kind));
  }
  const resourceOf = (m: Manifest) => resources.get(`${m.apiVersion}\u0000${m.kind}`);
  const namespaceOf = (m: Manifest) => (resourceOf(m)?.namespaced ? (m.metadata.namespace ?? cluster.defaultNamespace) : undefined);

  const creatingNamespaces = new Set<string>();
  const preview = async (objects: readonly PlannedObject[]): Promise<ObjectPreview[]> => {
    // A namespace --create-namespace adds is no object of the code: it is not labelled as one of the set.
    const sent = objects.map((object) => ({ object, manifest: object.source?.type === "option" ? object.manifest : withSetLabel(object.manifest, options.set) }));
    const settled = new Map<PlannedObject, Change>();
    for (const { object, manifest } of sent) {
      const change = withoutRequest(manifest, resourceOf(manifest), namespaceOf(manifest), creatingNamespaces, definitions);
      if (change !== undefined) settled.set(object, change);
    }
    // Served kinds in a namespace this plan creates (a custom resource's kind is not served yet: nothing to ask).
    await checkPermissions(cluster, sent.filter((s) => settled.get(s.object)?.action === "create" && resourceOf(s.manifest) !== undefined).map((s) => s.object), settled);
    const live = await readLive(cluster, sent.filter((s) => !settled.has(s.object)).map((s) => ({ manifest: s.manifest, namespace: namespaceOf(s.manifest) })));
    return mapBounded(sent, CONCURRENCY, async ({ object, manifest }) => {
      const read = live.get(keyOf(idOf(manifest)));
      const change = settled.get(object) ?? (read instanceof ClusterApiError ? forbidden(read) : await dryRun(cluster, manifest, read, options));
      return { object, manifest, change };
    });
  };
  const isNamespace = (o: PlannedObject) => o.id.kind === "Namespace" && o.id.apiVersion === "v1";
  const namespaces = (await preview(plan.objects.filter(isNamespace))).map(refusedWhileDeleted);
  for (const p of namespaces) if (p.change.action === "create") creatingNamespaces.add(p.object.id.name);
  const others = await preview(plan.objects.filter((o) => !isNamespace(o)));
  const byObject = new Map([...namespaces, ...others].map((p) => [p.object, p]));
  return plan.objects.map((o) => byObject.get(o)!);
}

/** The change of an object the server cannot be asked about yet (its kind or its namespace comes with this plan). */
function withoutRequest(
  manifest: Manifest,
  resource: ResourceInfo | undefined,
  namespace: string | undefined,
  creatingNamespaces: ReadonlySet<string>,
  definitions: ReadonlyMap<string, PlannedObject>,
): Change | undefined {
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
  if (namespace !== undefined && creatingNamespaces.has(namespace)) {
    return { action: "create", after: manifest, unverified: `namespace ${namespace} is created by this plan first` };
  }
  return undefined;
}

/**
 * A Namespace of the plan that is being deleted: nothing can be created in it (the server refuses, or, once it is
 * gone, says it does not exist), so the plan is refused with the reason instead of applying into it.
 */
function refusedWhileDeleted(preview: ObjectPreview): ObjectPreview {
  const { change } = preview;
  const before = "before" in change ? change.before : undefined;
  const since = before?.metadata["deletionTimestamp"];
  if (before === undefined || since === undefined) return preview;
  const message = `namespace ${before.metadata.name} is being deleted (since ${String(since)}): nothing can be created in it until it is gone; apply again then`;
  return { ...preview, change: { action: "rejected", before, message } };
}

async function dryRun(cluster: Cluster, manifest: Manifest, live: Manifest | undefined, options: PreviewOptions): Promise<Change> {
  for (let attempt = 1; ; attempt++) {
    let after: Manifest;
    try {
      after = await cluster.apply(manifest, { fieldManager: options.fieldManager, force: options.force ?? false, dryRun: true });
    } catch (error) {
      // Bad credentials and unreachable clusters stop everything; what the server says about this object is its
      // preview (a namespace being deleted is refused with 403 too, but that is about the object, not the user's rights).
      const terminating = error instanceof ClusterApiError && error.causes.some((c) => c.reason === "NamespaceTerminating");
      if (error instanceof ClusterApiError && !terminating && error.forbidden) return forbidden(error);
      if (error instanceof ClusterApiError && (terminating || (error.status !== 401 && error.status < 500))) {
        const change = classify(manifest, live, { error }, options.fieldManager);
        return change.action === "conflict" ? { ...change, ...(await forcedResult(cluster, manifest, options)) } : change;
      }
      throw error;
    }
    // A dry run answers with the resourceVersion it started from: another one means a controller wrote the object
    // since it was read (a Deployment's revision annotation), and that write is no change of this apply: compare
    // with the object read again (and, if it moved on once more, ask again).
    const version = after.metadata["resourceVersion"];
    const current = (seen: Manifest | undefined) => seen === undefined || version === undefined || version === seen.metadata["resourceVersion"];
    if (!current(live)) live = await cluster.get(idOf(manifest));
    if (current(live) || attempt === 3) return classify(manifest, live, { ok: after }, options.fieldManager);
  }
}

/** What `--force-conflicts` would store, for the diff of a conflict (nothing when the server refuses that too). */
async function forcedResult(cluster: Cluster, manifest: Manifest, options: PreviewOptions): Promise<{ forced?: Manifest }> {
  try {
    return { forced: await cluster.apply(manifest, { fieldManager: options.fieldManager, force: true, dryRun: true }) };
  } catch (error) {
    if (error instanceof ClusterApiError && error.status !== 403 && error.status !== 401 && error.status < 500) return {};
    throw error;
  }
}

/** An object this identity may not read or apply: refused, with the server's message (it names the user, verb and resource). */
function forbidden(error: ClusterApiError): Change {
  return { action: "rejected", message: `forbidden (missing permission): ${error.serverMessage}` };
}

/**
 * Objects that cannot be dry run (their namespace comes with this plan) are checked with the server's authorizer
 * instead: may this identity create (and apply: patch) such objects there? A refusal replaces the object's `create`
 * change, so nothing is sent that would fail half-way.
 */
async function checkPermissions(cluster: Cluster, objects: readonly PlannedObject[], settled: Map<PlannedObject, Change>): Promise<void> {
  const questions = objects.flatMap((object) => ["create", "patch"].map((verb) => ({ verb, object, id: object.id })));
  const denied = await deniedAccess(cluster, questions);
  questions.forEach(({ object }, n) => {
    if (denied[n] === undefined || settled.get(object)?.action === "rejected") return;
    settled.set(object, { action: "rejected", message: `forbidden (missing permission): ${denied[n]} (the server's authorizer, asked before anything was sent: its namespace is created by this run, so it cannot be dry run)` });
  });
}

/**
 * The live objects, by {@link keyOf}: one list per kind and namespace holding several of the objects, else one get.
 * A list the user may not make (RBAC allows get but not list) falls back to gets; a get it may not make is kept as
 * its error (the object is then refused as forbidden).
 */
async function readLive(cluster: Cluster, objects: readonly { manifest: Manifest; namespace: string | undefined }[]): Promise<Map<string, Manifest | undefined | ClusterApiError>> {
  const groups = new Map<string, { apiVersion: string; kind: string; namespace: string | undefined; manifests: Manifest[] }>();
  for (const { manifest, namespace } of objects) {
    const key = `${manifest.apiVersion}\u0000${manifest.kind}\u0000${namespace ?? ""}`;
    const group = groups.get(key) ?? { apiVersion: manifest.apiVersion, kind: manifest.kind, namespace, manifests: [] };
    group.manifests.push(manifest);
    groups.set(key, group);
  }
  const live = new Map<string, Manifest | undefined | ClusterApiError>();
  const get = async (manifest: Manifest) => {
    try {
      live.set(keyOf(idOf(manifest)), await cluster.get(idOf(manifest)));
    } catch (error) {
      if (!(error instanceof ClusterApiError && error.forbidden)) throw error;
      live.set(keyOf(idOf(manifest)), error);
    }
  };
  await mapBounded([...groups.values()], CONCURRENCY, async (group) => {
    if (group.manifests.length === 1) return get(group.manifests[0]!);
    let items: Manifest[];
    try {
      items = await cluster.list(group.apiVersion, group.kind, { ...(group.namespace !== undefined && { namespace: group.namespace }) });
    } catch (error) {
      if (error instanceof ClusterApiError && error.status === 403) return void (await mapBounded(group.manifests, CONCURRENCY, get));
      throw error;
    }
    const byName = new Map(items.map((item) => [item.metadata.name, item]));
    for (const manifest of group.manifests) live.set(keyOf(idOf(manifest)), byName.get(manifest.metadata.name));
  });
  return live;
}
