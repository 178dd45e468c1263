import { ClusterApiError, DeployError } from "../errors.js";
import type { Manifest } from "../manifest.js";
import { describe, groupOf, type ObjectId } from "../object-id.js";
import type { Scope } from "../scope.js";
import { Discovery, type ResourceInfo } from "./discovery.js";
import { kubeConfigTransport, type Transport } from "./transport.js";
import { loadKubeConfig, type ConnectionOptions } from "./kube-config.js";

/** Server-side apply options. */
export interface ApplyOptions {
  /** `fieldManager`: who owns the applied fields. */
  readonly fieldManager: string;
  /** `force`: take over fields another manager owns instead of failing with a conflict. @default false */
  readonly force?: boolean;
  /** `dryRun=All`: the server runs everything (defaults, validation, admission) and stores nothing. @default false */
  readonly dryRun?: boolean;
}

/** Delete options. */
export interface DeleteOptions {
  /** Delete only if the stored object still has this uid (not one re-created since). */
  readonly uid?: string;
  readonly dryRun?: boolean;
}

/** The kind is not served by the cluster (a custom resource whose CustomResourceDefinition is not installed). */
export class KindNotServedError extends DeployError {
  override name = "KindNotServedError";

  constructor(readonly id: ObjectId) {
    super(`${describe(id)}: the cluster does not serve kind ${id.kind} in ${id.apiVersion} (is its CustomResourceDefinition installed?)`);
  }
}

/**
 * A Kubernetes API server, for what deploying needs: read, server-side apply (optionally dry run), replace,
 * create, delete and list objects of any kind, found through discovery.
 */
export class Cluster {
  readonly discovery: Discovery;

  constructor(
    readonly transport: Transport,
    /** The namespace of namespaced objects that name none. */
    readonly defaultNamespace: string,
    /** The kubeconfig context, for messages. */
    readonly context = "",
  ) {
    this.discovery = new Discovery(transport);
  }

  /** Connects as the kubeconfig says (`--kubeconfig`, `--context`, `--namespace`): loads it (see {@link loadKubeConfig}); no request is made yet. */
  static async connect(options: ConnectionOptions = {}): Promise<Cluster> {
    const kube = await loadKubeConfig(options);
    return new Cluster(kubeConfigTransport(kube), kube.namespace, kube.context);
  }

  /** The server's URL. */
  get server(): string {
    return this.transport.server;
  }

  /** The scope of a kind as the server serves it, or `undefined` when it does not serve it. */
  scopeOf(apiVersion: string, kind: string): Promise<Scope | undefined> {
    return this.discovery.scopeOf(apiVersion, kind);
  }

  /** The stored object, or `undefined` when there is none. */
  async get(id: ObjectId): Promise<Manifest | undefined> {
    try {
      return (await this.transport.request({ method: "GET", path: await this.#path(id, true), action: `read ${describe(id)}` })) as Manifest;
    } catch (error) {
      if (error instanceof ClusterApiError && error.status === 404 && error.reason === "NotFound") return undefined;
      throw error;
    }
  }

  /** Server-side apply (`PATCH`, `application/apply-patch+yaml`): creates or updates; returns the object as stored (or as it would be). */
  async apply(manifest: Manifest, options: ApplyOptions): Promise<Manifest> {
    const id = idFor(manifest);
    return (await this.transport.request({
      method: "PATCH",
      path: await this.#path(id, true),
      query: { fieldManager: options.fieldManager, force: options.force ? "true" : "false", ...(options.dryRun && { dryRun: "All" }) },
      body: manifest,
      contentType: "application/apply-patch+yaml",
      action: `${options.dryRun ? "dry-run apply" : "apply"} ${describe(id)}`,
    })) as Manifest;
  }

  /** Replaces the stored object (`PUT`); its `metadata.resourceVersion` must be current. */
  async replace(manifest: Manifest, fieldManager: string): Promise<Manifest> {
    const id = idFor(manifest);
    return (await this.transport.request({
      method: "PUT", path: await this.#path(id, true), query: { fieldManager }, body: manifest, action: `restore ${describe(id)}`,
    })) as Manifest;
  }

  /** Creates an object (`POST`). */
  async create(manifest: Manifest, fieldManager: string): Promise<Manifest> {
    const id = idFor(manifest);
    return (await this.transport.request({
      method: "POST", path: await this.#path(id, false), query: { fieldManager }, body: manifest, action: `create ${describe(id)}`,
    })) as Manifest;
  }

  /**
   * Deletes an object in the background (dependents are left to the garbage collector, so nothing waits on
   * controllers); `"gone"` when it did not exist.
   */
  async delete(id: ObjectId, options: DeleteOptions = {}): Promise<"deleted" | "gone"> {
    try {
      await this.transport.request({
        method: "DELETE",
        path: await this.#path(id, true),
        query: { ...(options.dryRun && { dryRun: "All" }) },
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background", ...(options.uid !== undefined && { preconditions: { uid: options.uid } }) },
        action: `${options.dryRun ? "dry-run delete" : "delete"} ${describe(id)}`,
      });
      return "deleted";
    } catch (error) {
      if (error instanceof ClusterApiError && error.status === 404 && error.reason === "NotFound") return "gone";
      throw error;
    }
  }

  /** Resolves once the object is gone (deletion can take a while: finalizers); throws after `timeoutMs`. */
  async waitUntilGone(id: ObjectId, timeoutMs = 60_000, intervalMs = 250): Promise<void> {
    const start = Date.now();
    while ((await this.get(id)) !== undefined) {
      if (Date.now() - start > timeoutMs) throw new DeployError(`${describe(id)} was still there ${Math.round(timeoutMs / 1000)}s after being deleted`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /**
   * Resolves once the server serves `kind` in `apiVersion` (a CustomResourceDefinition applied a moment ago takes a
   * second or so to be served); after `timeoutMs` it resolves anyway, and what is sent next reports the kind missing.
   */
  async waitUntilServed(apiVersion: string, kind: string, timeoutMs = 30_000, intervalMs = 250): Promise<void> {
    const start = Date.now();
    while ((await this.discovery.resourceFor(apiVersion, kind)) === undefined && Date.now() - start < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Objects of a kind (in a namespace, or in all when unset) carrying the labels of `labelSelector`. */
  async list(apiVersion: string, kind: string, options: { namespace?: string; labelSelector?: string } = {}): Promise<Manifest[]> {
    const resource = await this.#resource({ apiVersion, kind, name: "" });
    const namespace = resource.namespaced && options.namespace !== undefined ? `/namespaces/${encodeURIComponent(options.namespace)}` : "";
    const out: Manifest[] = [];
    let next: string | undefined;
    do {
      const page = (await this.transport.request({
        method: "GET",
        path: `${prefix(apiVersion)}${namespace}/${resource.name}`,
        query: { labelSelector: options.labelSelector, limit: "500", continue: next },
        action: `list ${kind} objects`,
      })) as { items?: Manifest[]; metadata?: { continue?: string } };
      // List items carry no apiVersion/kind: put them back so items can be used as manifests.
      for (const item of page.items ?? []) out.push({ ...item, apiVersion, kind });
      next = page.metadata?.continue || undefined;
    } while (next !== undefined);
    return out;
  }

  /**
   * Whether this identity may `verb` objects like `id` (any name when `id.name` is empty) — a SelfSubjectAccessReview:
   * the server's authorizer answers, nothing is changed — and the authorizer's reason when it says no.
   */
  async mayI(verb: string, id: ObjectId): Promise<{ readonly allowed: boolean; readonly reason: string }> {
    const resource = await this.#resource(id);
    const answer = (await this.transport.request({
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      body: {
        apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb, group: groupOf(id.apiVersion), resource: resource.name, ...(id.name !== "" && { name: id.name }), ...(resource.namespaced && { namespace: id.namespace ?? this.defaultNamespace }) } },
      },
      action: `ask whether it may ${verb} ${describe(id)}`,
    })) as { status?: { allowed?: boolean; reason?: string } };
    return { allowed: answer.status?.allowed === true, reason: answer.status?.reason ?? "" };
  }

  /** Who the server takes this client for (a SelfSubjectReview): `system:serviceaccount:shop:deployer`. */
  async whoAmI(): Promise<string> {
    const answer = (await this.transport.request({
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      action: "ask who this client is",
    })) as { status?: { userInfo?: { username?: string } } };
    return answer.status?.userInfo?.username ?? "(unknown user)";
  }

  async #resource(id: ObjectId): Promise<ResourceInfo> {
    const resource = await this.discovery.resourceFor(id.apiVersion, id.kind);
    if (resource === undefined) throw new KindNotServedError(id);
    return resource;
  }

  /** `/apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>]`. */
  async #path(id: ObjectId, withName: boolean): Promise<string> {
    const resource = await this.#resource(id);
    let path = prefix(id.apiVersion);
    if (resource.namespaced) {
      const namespace = id.namespace ?? this.defaultNamespace;
      path += `/namespaces/${encodeURIComponent(namespace)}`;
    }
    path += `/${resource.name}`;
    if (withName) path += `/${encodeURIComponent(id.name)}`;
    return path;
  }
}

function prefix(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

function idFor(manifest: Manifest): ObjectId {
  const { apiVersion, kind, metadata } = manifest;
  return { apiVersion, kind, name: metadata.name, ...(metadata.namespace !== undefined && { namespace: metadata.namespace }) };
}
