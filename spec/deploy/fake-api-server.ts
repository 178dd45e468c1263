// TEST DOUBLE — not a Kubernetes API server, and not an end-to-end test.
//
// An in-process stand-in for the Kubernetes API, used only by the specs in spec/deploy/ so CI can check the HTTP
// requests piceli's deploy tooling makes (paths, apply-patch content type, fieldManager, force, dryRun, preconditions)
// and how it handles the server's answers (404, 409 conflicts, 403 RBAC denials, 422 invalid and immutable fields).
// It serves discovery for the built-in kinds (and kinds of CustomResourceDefinitions created through it), stores
// objects in memory, and imitates server-side apply in a simplified way: field ownership per manager by leaf path,
// lists replaced whole (the real server merges some lists by key), a few server defaults per kind.
// By default nothing reconciles objects (like a bare kube-apiserver without controllers); `controllers: true`
// makes Deployments available, Jobs complete, claims bound and Services get endpoints at once.
// The real-cluster suite is spec/e2e/*.e2e.ts, run against a real kube-apiserver.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the double received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

type Obj = Record<string, any>;

interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespaced: boolean;
}

/** Options of {@link startFakeApiServer}. */
export interface FakeApiServerOptions {
  /** Deny a request with 403, as RBAC would: return the user name to deny as, or `undefined` to allow. */
  readonly forbid?: (request: { verb: string; resource: string; group: string; namespace?: string; name?: string }) => string | undefined;
  /** Who the client is, as a SelfSubjectReview answers. @default "admin" */
  readonly user?: string;
  /** Reject an object with 422 (like a validating webhook): return a message to reject. */
  readonly reject?: (object: Obj, context: { dryRun: boolean }) => string | undefined;
  /** Make stored objects ready at once (Deployments available, Jobs complete, claims bound, endpoints). @default false */
  readonly controllers?: boolean;
  /** Called with each request before it is answered: a controller writing meanwhile (`api.seed`). */
  readonly beforeAnswer?: (request: RecordedRequest, api: FakeApiServer) => void;
}

const CORE: [string, string, boolean][] = [
  ["Namespace", "namespaces", false], ["ConfigMap", "configmaps", true], ["Secret", "secrets", true], ["Service", "services", true],
  ["ServiceAccount", "serviceaccounts", true], ["PersistentVolumeClaim", "persistentvolumeclaims", true],
  ["PersistentVolume", "persistentvolumes", false], ["LimitRange", "limitranges", true], ["Pod", "pods", true],
];
const BUILT_IN: ResourceType[] = [
  ...CORE.map(([kind, name, namespaced]) => ({ group: "", version: "v1", kind, name, namespaced })),
  ...([
    ["apps", "v1", "Deployment", "deployments", true], ["apps", "v1", "StatefulSet", "statefulsets", true], ["apps", "v1", "DaemonSet", "daemonsets", true], ["apps", "v1", "ReplicaSet", "replicasets", true],
    ["batch", "v1", "Job", "jobs", true], ["batch", "v1", "CronJob", "cronjobs", true],
    ["rbac.authorization.k8s.io", "v1", "Role", "roles", true], ["rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true],
    ["rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false], ["rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false],
    ["autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true], ["policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true],
    ["networking.k8s.io", "v1", "Ingress", "ingresses", true], ["networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true],
    ["storage.k8s.io", "v1", "StorageClass", "storageclasses", false], ["discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true],
    ["apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false],
  ] as const).map(([group, version, kind, name, namespaced]) => ({ group, version, kind, name, namespaced })),
];

/** A running double: its URL, a kubeconfig for it, what it stores and what it was asked. */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly #objects = new Map<string, Obj>();
  /** Field ownership: object key -> "manager\u0000operation" -> leaf paths (JSON-encoded key arrays). */
  readonly #owners = new Map<string, Map<string, Set<string>>>();
  readonly #types: ResourceType[] = [...BUILT_IN];
  #version = 1000;
  #ip = 10;
  #server: Server | undefined;
  #url = "";

  constructor(readonly options: FakeApiServerOptions = {}) {}

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.#store({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, "kube-apiserver", "Update");
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  /** A kubeconfig (YAML) whose current context points here, in `namespace`. */
  kubeconfig(namespace?: string): string {
    return [
      "apiVersion: v1", "kind: Config", "current-context: fake",
      "clusters:", "- name: fake", "  cluster:", `    server: ${this.#url}`, "    insecure-skip-tls-verify: true",
      "users:", "- name: tester", "  user:", "    token: fake-token",
      "contexts:", "- name: fake", "  context:", "    cluster: fake", "    user: tester", ...(namespace ? [`    namespace: ${namespace}`] : []),
      "- name: other", "  context:", "    cluster: fake", "    user: tester",
    ].join("\n");
  }

  /** The stored object (a copy), or `undefined`. */
  get(apiVersion: string, kind: string, name: string, namespace?: string): Obj | undefined {
    const type = this.#typeOf(apiVersion, kind);
    const found = type && this.#objects.get(this.#key(type, type.namespaced ? namespace : undefined, name));
    return found && structuredClone(found);
  }

  /** Every stored object (copies), the default namespace excepted. */
  all(): Obj[] {
    return [...this.#objects.values()].filter((o) => !(o.kind === "Namespace" && o.metadata.name === "default")).map((o) => structuredClone(o));
  }

  /**
   * Stores an object as another client would (with `manager` and `operation`: `kubectl apply` is
   * `kubectl-client-side-apply`, `Update`), e.g. to have something pre-existing.
   */
  seed(object: Obj, manager = "kubectl", operation: "Apply" | "Update" = "Apply"): Obj {
    return structuredClone(this.#store(structuredClone(object), manager, operation));
  }

  /** Sets an object's status, as a controller would. */
  setStatus(apiVersion: string, kind: string, name: string, namespace: string | undefined, status: Obj): void {
    const type = this.#typeOf(apiVersion, kind)!;
    const object = this.#objects.get(this.#key(type, namespace, name))!;
    object.status = status;
    object.metadata.resourceVersion = String(++this.#version);
  }

  /** Adds annotations, as a controller would (the Deployment controller's revision); other fields and owners stay. */
  annotate(apiVersion: string, kind: string, name: string, namespace: string | undefined, annotations: Record<string, string>): void {
    const type = this.#typeOf(apiVersion, kind)!;
    const object = this.#objects.get(this.#key(type, namespace, name))!;
    object.metadata.annotations = { ...object.metadata.annotations, ...annotations };
    object.metadata.resourceVersion = String(++this.#version);
  }

  /** Requests that changed something (not GET, not dry run, not a question to the authorizer). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && r.query["dryRun"] === undefined && !/^\/apis\/(authorization|authentication)\.k8s\.io\//.test(r.path));
  }

  // ---- HTTP ----------------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      return send(res, 400, status(400, "BadRequest", "the request body is not JSON"));
    }
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? "", path: url.pathname, query, contentType: req.headers["content-type"], body });
    this.options.beforeAnswer?.(this.requests.at(-1)!, this);
    if (req.headers.authorization !== "Bearer fake-token") return send(res, 401, status(401, "Unauthorized", "Unauthorized"));
    try {
      const [code, answer] = this.#route(req.method ?? "GET", url.pathname, query, req.headers["content-type"], body as Obj);
      send(res, code, answer);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.code, error.body);
      send(res, 500, status(500, "InternalError", String((error as Error).stack)));
    }
  }

  #route(method: string, path: string, query: Record<string, string>, contentType: string | undefined, body: Obj): [number, unknown] {
    // The authorizer's answers (SelfSubjectAccessReview) follow `forbid`; who the client is (SelfSubjectReview), `user`.
    if (method === "POST" && path === "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") {
      const a = (body["spec"] as { resourceAttributes: { verb: string; resource: string; group: string; namespace?: string; name?: string } }).resourceAttributes;
      const deniedAs = this.options.forbid?.({ verb: a.verb, resource: a.resource, group: a.group, ...(a.namespace !== undefined && { namespace: a.namespace }), ...(a.name !== undefined && { name: a.name }) });
      return [201, { ...body, status: deniedAs === undefined ? { allowed: true, reason: "allowed by the fake server" } : { allowed: false } }];
    }
    if (method === "POST" && path === "/apis/authentication.k8s.io/v1/selfsubjectreviews") return [201, { ...body, status: { userInfo: { username: this.options.user ?? "admin" } } }];
    const parts = path.split("/").filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === "api" && parts[1] === "v1") [group, version, rest] = ["", "v1", parts.slice(2)];
    else if (parts[0] === "apis" && parts.length >= 3) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
    else if (parts[0] === "apis" && parts.length === 1 && method === "GET") return [200, this.#groups()];
    else throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
    if (rest.length === 0 && method === "GET") return [200, this.#discovery(group, version)];
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [resource, name] = rest;
    const type = this.#types.find((t) => t.group === group && t.version === version && t.name === resource);
    if (type === undefined) throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
    const verb = method === "GET" ? (name ? "get" : "list") : method === "POST" ? "create" : method === "PUT" ? "update" : method === "PATCH" ? "patch" : "delete";
    const deniedAs = this.options.forbid?.({ verb, resource: type.name, group, ...(namespace !== undefined && { namespace }), ...(name !== undefined && { name }) });
    if (deniedAs !== undefined) {
      const what = `${type.name}${group ? `.${group}` : ""}${name ? ` "${name}"` : ""}`;
      const where = namespace ? ` in the namespace "${namespace}"` : " at the cluster scope";
      throw new HttpError(403, status(403, "Forbidden", `${what} is forbidden: User "${deniedAs}" cannot ${verb} resource "${type.name}" in API group "${group}"${where}`));
    }
    const dryRun = query["dryRun"] === "All";
    switch (verb) {
      case "get":
        return [200, this.#read(type, namespace, name!)];
      case "list":
        return [200, this.#list(type, namespace, query["labelSelector"])];
      case "patch":
        return [200, this.#apply(type, namespace, name!, query, contentType, body, dryRun)];
      case "update":
        return [200, this.#replace(type, namespace, name!, query, body, dryRun)];
      case "create":
        return [201, this.#create(type, namespace, query, body, dryRun)];
      default:
        return [200, this.#delete(type, namespace, name!, body, dryRun)];
    }
  }

  #discovery(group: string, version: string): Obj {
    const types = this.#types.filter((t) => t.group === group && t.version === version);
    if (types.length === 0) throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
    return {
      kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version,
      resources: types.flatMap((t) => [
        { name: t.name, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
        { name: `${t.name}/status`, singularName: "", namespaced: t.namespaced, kind: t.kind, verbs: ["get", "patch", "update"] },
      ]),
    };
  }

  #groups(): Obj {
    const groups = [...new Set(this.#types.filter((t) => t.group !== "").map((t) => `${t.group}/${t.version}`))].map((gv) => {
      const [name, version] = gv.split("/");
      return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
    });
    return { kind: "APIGroupList", apiVersion: "v1", groups };
  }

  #read(type: ResourceType, namespace: string | undefined, name: string): Obj {
    const found = this.#objects.get(this.#key(type, namespace, name));
    if (!found) throw notFound(type, name);
    return found;
  }

  #list(type: ResourceType, namespace: string | undefined, selector: string | undefined): Obj {
    const wanted = (selector ?? "").split(",").filter(Boolean).map((s) => s.split("=") as [string, string]);
    const items = [...this.#objects.values()]
      .filter((o) => o.kind === type.kind && apiGroup(o.apiVersion) === type.group)
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .filter((o) => wanted.every(([k, v]) => o.metadata.labels?.[k] === v))
      // Like the real server, list items carry no apiVersion and kind.
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(this.#version) }, items };
  }

  #apply(type: ResourceType, namespace: string | undefined, name: string, query: Record<string, string>, contentType: string | undefined, body: Obj, dryRun: boolean): Obj {
    if (contentType !== "application/apply-patch+yaml") {
      throw new HttpError(415, status(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (this double only)`));
    }
    const manager = query["fieldManager"];
    if (!manager) throw new HttpError(422, status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
    if (query["force"] !== undefined && query["force"] !== "true" && query["force"] !== "false") throw new HttpError(400, status(400, "BadRequest", "invalid force"));
    this.#checkIdentity(type, namespace, name, body);
    const key = this.#key(type, namespace, name);
    const current = this.#objects.get(key);
    const rv = body.metadata?.resourceVersion;
    if (rv !== undefined && current !== undefined && rv !== current.metadata.resourceVersion) throw modified(type, name);
    const config = structuredClone(body);
    delete config.metadata.resourceVersion;
    delete config.status;
    // A copy: a dry run (or a refused apply) must leave ownership as it is.
    const owners = new Map([...(this.#owners.get(key) ?? [])].map(([owner, paths]) => [owner, new Set(paths)]));
    const mine = `${manager}\u0000Apply`;
    const paths = leafPaths(config, []);
    const next: Obj = current ? structuredClone(current) : { apiVersion: config.apiVersion, kind: config.kind, metadata: { name, ...(namespace && { namespace }) } };
    // Conflicts: fields another manager owns whose value this apply changes.
    const conflicts: { manager: string; field: string }[] = [];
    const force = query["force"] === "true";
    for (const [owner, owned] of owners) {
      if (owner === mine) continue;
      for (const path of paths) {
        const encoded = JSON.stringify(path);
        if (!owned.has(encoded)) continue;
        if (canonical(valueAt(next, path)) === canonical(valueAt(config, path))) continue;
        if (force) owned.delete(encoded);
        else conflicts.push({ manager: owner.split("\u0000")[0]!, field: `.${path.join(".")}` });
      }
    }
    if (conflicts.length > 0) {
      throw new HttpError(409, {
        // As the real server words it: per manager, its fields; one cause per field.
        ...status(409, "Conflict", `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}: ${conflicts.map((c) => `conflicts with "${c.manager}" using ${config.apiVersion}:\n- ${c.field}`).join("\n")}`),
        details: { causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with "${c.manager}" using ${config.apiVersion}`, field: c.field })) },
      });
    }
    // Fields this manager owned and no longer applies are removed (unless someone else owns them too).
    for (const encoded of owners.get(mine) ?? []) {
      if (paths.some((p) => JSON.stringify(p) === encoded)) continue;
      if ([...owners].some(([o, set]) => o !== mine && set.has(encoded))) continue;
      removeAt(next, JSON.parse(encoded) as string[]);
    }
    merge(next, config);
    const result = this.#admit(type, next, current, dryRun, namespace);
    if (!dryRun) {
      owners.set(mine, new Set(paths.map((p) => JSON.stringify(p))));
      this.#owners.set(key, owners);
      return this.#save(key, result, current);
    }
    // A dry run answers with the ownership the apply would leave.
    const after = new Map(owners);
    after.set(mine, new Set(paths.map((p) => JSON.stringify(p))));
    return this.#withManagedFields(result, after);
  }

  #replace(type: ResourceType, namespace: string | undefined, name: string, query: Record<string, string>, body: Obj, dryRun: boolean): Obj {
    this.#checkIdentity(type, namespace, name, body);
    const key = this.#key(type, namespace, name);
    const current = this.#objects.get(key);
    if (!current) throw notFound(type, name);
    if (body.metadata?.resourceVersion !== current.metadata.resourceVersion) throw modified(type, name);
    const next = structuredClone(body);
    next.status = current.status;
    const result = this.#admit(type, next, current, dryRun, namespace);
    if (dryRun) return result;
    if (Array.isArray(body.metadata.managedFields)) {
      // An update that sets managedFields sets field ownership to them.
      this.#owners.set(key, new Map(body.metadata.managedFields.map((m: Obj) => [`${m.manager}\u0000${m.operation}`, new Set(pathsOfFieldsV1(m.fieldsV1, []).map((p) => JSON.stringify(p)))])));
    } else {
      const owners = this.#owners.get(key) ?? new Map();
      owners.set(`${query["fieldManager"] ?? "unknown"}\u0000Update`, new Set(leafPaths(body, []).map((p) => JSON.stringify(p))));
      this.#owners.set(key, owners);
    }
    return this.#save(key, result, current);
  }

  #create(type: ResourceType, namespace: string | undefined, query: Record<string, string>, body: Obj, dryRun: boolean): Obj {
    const name = body.metadata?.name;
    this.#checkIdentity(type, namespace, name, body);
    const key = this.#key(type, namespace, name);
    if (this.#objects.has(key)) throw new HttpError(409, status(409, "AlreadyExists", `${resourceName(type)} "${name}" already exists`));
    const result = this.#admit(type, structuredClone(body), undefined, dryRun, namespace);
    if (dryRun) return result;
    this.#owners.set(key, new Map([[`${query["fieldManager"] ?? "unknown"}\u0000Update`, new Set(leafPaths(body, []).map((p) => JSON.stringify(p)))]]));
    return this.#save(key, result, undefined);
  }

  #delete(type: ResourceType, namespace: string | undefined, name: string, body: Obj | undefined, dryRun: boolean): Obj {
    const key = this.#key(type, namespace, name);
    const current = this.#objects.get(key);
    if (!current) throw notFound(type, name);
    const uid = body?.preconditions?.uid;
    if (uid !== undefined && uid !== current.metadata.uid) {
      throw new HttpError(409, status(409, "Conflict", `Operation cannot be fulfilled on ${resourceName(type)} "${name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`));
    }
    if (!dryRun) {
      this.#objects.delete(key);
      this.#owners.delete(key);
      if (type.kind === "Namespace") {
        // Simplification: what the namespace controller does later, at once.
        for (const [k, o] of this.#objects) if (o.metadata.namespace === name) this.#objects.delete(k);
      }
    }
    return { kind: "Status", apiVersion: "v1", status: "Success", details: { name, kind: type.name, uid: current.metadata.uid } };
  }

  // ---- what the server does to every write ---------------------------------------------------------------------

  #checkIdentity(type: ResourceType, namespace: string | undefined, name: string, body: Obj): void {
    if (!body || typeof body !== "object") throw new HttpError(400, status(400, "BadRequest", "the request has no object"));
    if (body.kind !== type.kind || apiGroup(body.apiVersion) !== type.group) {
      throw new HttpError(400, status(400, "BadRequest", `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(type)})`));
    }
    if (body.metadata?.name !== name) throw new HttpError(400, status(400, "BadRequest", "the name of the object does not match the name on the URL"));
    if (type.namespaced && body.metadata?.namespace !== undefined && body.metadata.namespace !== namespace) {
      throw new HttpError(400, status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request"));
    }
    if (type.namespaced && !this.#objects.has(`/namespaces//${namespace}`)) throw new HttpError(404, status(404, "NotFound", `namespaces "${namespace}" not found`));
    if (type.namespaced && this.#objects.get(`/namespaces//${namespace}`)!.metadata.deletionTimestamp !== undefined && !this.#objects.has(this.#key(type, namespace, name))) {
      // What the NamespaceLifecycle admission answers for new objects in a namespace being deleted.
      const message = `${resourceName(type)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`;
      throw new HttpError(403, { ...status(403, "Forbidden", message), details: { name, kind: type.name, causes: [{ reason: "NamespaceTerminating", message, field: "metadata.namespace" }] } });
    }
  }

  /** Defaults, validation and immutability, as the server checks a write (dry run or not). */
  #admit(type: ResourceType, next: Obj, current: Obj | undefined, dryRun: boolean, namespace?: string): Obj {
    if (type.namespaced && namespace !== undefined) next.metadata.namespace = namespace;
    applyDefaults(next, current, () => `10.96.0.${this.#ip++}`);
    const problems: { field: string; message: string }[] = [];
    if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(next.metadata.name)) {
      problems.push({ field: "metadata.name", message: `Invalid value: "${next.metadata.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'` });
    }
    if (current !== undefined) {
      const immutable = type.kind === "Job" ? ["spec.selector", "spec.template"]
        : ["Deployment", "StatefulSet", "DaemonSet"].includes(type.kind) ? ["spec.selector"] : [];
      for (const field of immutable) {
        const path = field.split(".");
        if (canonical(valueAt(current, path)) !== canonical(valueAt(next, path))) problems.push({ field, message: "Invalid value: ...: field is immutable" });
      }
    }
    const rejected = this.options.reject?.(next, { dryRun });
    if (rejected !== undefined) problems.push({ field: "metadata", message: rejected });
    if (problems.length > 0) {
      throw new HttpError(422, {
        ...status(422, "Invalid", `${type.kind}${type.group ? `.${type.group}` : ""} "${next.metadata.name}" is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join(", ")}`),
        details: { name: next.metadata.name, group: type.group, kind: type.kind, causes: problems.map((p) => ({ reason: "FieldValueInvalid", message: p.message, field: p.field })) },
      });
    }
    if (current === undefined) {
      next.metadata.uid = randomUUID();
      next.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    } else {
      next.metadata.uid = current.metadata.uid;
      next.metadata.creationTimestamp = current.metadata.creationTimestamp;
    }
    if ("spec" in next || ["Deployment", "Job"].includes(type.kind)) {
      const changed = current === undefined || canonical(current.spec) !== canonical(next.spec);
      next.metadata.generation = (current?.metadata.generation ?? 0) + (changed ? 1 : 0);
    }
    next.metadata.resourceVersion = current?.metadata.resourceVersion ?? "0";
    return next;
  }

  #save(key: string, next: Obj, current: Obj | undefined): Obj {
    const owners = this.#owners.get(key) ?? new Map();
    const result = this.#withManagedFields(next, owners);
    const strip = (o: Obj | undefined) => o && canonical({ ...o, metadata: { ...o.metadata, resourceVersion: "", managedFields: undefined } });
    result.metadata.resourceVersion = current !== undefined && strip(current) === strip(result) ? current.metadata.resourceVersion : String(++this.#version);
    if (this.options.controllers) reconcile(result, (o) => this.#store(o, "endpointslice-controller", "Update"));
    if (result.kind === "CustomResourceDefinition") this.#serve(result);
    this.#objects.set(key, result);
    return structuredClone(result);
  }

  #withManagedFields(object: Obj, owners: Map<string, Set<string>>): Obj {
    object.metadata.managedFields = [...owners].filter(([, paths]) => paths.size > 0).map(([owner, paths]) => {
      const [manager, operation] = owner.split("\u0000");
      return { manager, operation, apiVersion: object.apiVersion, time: "2026-01-01T00:00:00Z", fieldsType: "FieldsV1", fieldsV1: fieldsV1Of([...paths].map((p) => JSON.parse(p) as string[])) };
    });
    return object;
  }

  #store(object: Obj, manager: string, operation: string): Obj {
    const type = this.#typeOf(object.apiVersion, object.kind)!;
    const key = this.#key(type, object.metadata.namespace, object.metadata.name);
    this.#owners.set(key, new Map([[`${manager}\u0000${operation}`, new Set(leafPaths(object, []).map((p) => JSON.stringify(p)))]]));
    const current = this.#objects.get(key);
    return this.#save(key, this.#admit(type, object, current, false, object.metadata.namespace), current);
  }

  /** A CustomResourceDefinition makes its kind served. */
  #serve(definition: Obj): void {
    for (const version of definition.spec?.versions ?? []) {
      if (!version.served) continue;
      const type = { group: definition.spec.group, version: version.name, kind: definition.spec.names.kind, name: definition.spec.names.plural, namespaced: definition.spec.scope === "Namespaced" };
      if (!this.#types.some((t) => t.group === type.group && t.version === type.version && t.kind === type.kind)) this.#types.push(type);
    }
  }

  #typeOf(apiVersion: string, kind: string): ResourceType | undefined {
    const group = apiGroup(apiVersion);
    const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
    return this.#types.find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  #key(type: ResourceType, namespace: string | undefined, name: string): string {
    return `${type.group}/${type.name}/${type.namespaced ? (namespace ?? "") : ""}/${name}`;
  }
}

/** Starts a {@link FakeApiServer} on 127.0.0.1 (a free port). */
export function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  return new FakeApiServer(options).start();
}

class HttpError extends Error {
  constructor(readonly code: number, readonly body: Obj) {
    super(String(body["message"]));
  }
}

function status(code: number, reason: string, message: string): Obj {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function notFound(type: ResourceType, name: string): HttpError {
  return new HttpError(404, status(404, "NotFound", `${resourceName(type)} "${name}" not found`));
}

function modified(type: ResourceType, name: string): HttpError {
  return new HttpError(409, status(409, "Conflict", `Operation cannot be fulfilled on ${resourceName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`));
}

function resourceName(type: ResourceType): string {
  return `${type.name}${type.group ? `.${type.group}` : ""}`;
}

function apiGroup(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.split("/")[0]! : "";
}

function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** JSON with keys sorted: equal for equal data whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isMap(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths of the leaves of an applied configuration (lists are leaves: replaced whole in this double). */
function leafPaths(value: Obj, prefix: string[]): string[][] {
  const out: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    if (prefix.length === 0 && (key === "apiVersion" || key === "kind" || key === "status")) continue;
    if (prefix.length === 1 && prefix[0] === "metadata" && ["name", "namespace", "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"].includes(key)) continue;
    if (isMap(child) && Object.keys(child).length > 0) out.push(...leafPaths(child, [...prefix, key]));
    else out.push([...prefix, key]);
  }
  return out;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isMap(current) ? current[key] : undefined;
  return current;
}

function removeAt(value: Obj, path: readonly string[]): void {
  const parent = valueAt(value, path.slice(0, -1));
  if (isMap(parent)) delete parent[path[path.length - 1]!];
}

function merge(target: Obj, source: Obj): void {
  for (const [key, value] of Object.entries(source)) {
    if (isMap(value) && isMap(target[key])) merge(target[key], value);
    else target[key] = structuredClone(value);
  }
}

function fieldsV1Of(paths: string[][]): Obj {
  const out: Obj = {};
  for (const path of paths) {
    let node = out;
    for (const key of path) node = node[`f:${key}`] ??= {};
  }
  return out;
}

function pathsOfFieldsV1(fields: Obj, prefix: string[]): string[][] {
  const out: string[][] = [];
  for (const [key, child] of Object.entries(fields ?? {})) {
    const path = [...prefix, key.replace(/^f:/, "")];
    if (isMap(child) && Object.keys(child).length > 0) out.push(...pathsOfFieldsV1(child, path));
    else out.push(path);
  }
  return out;
}

/** A few of the defaults the real server fills in, so specs see that defaults never show up as changes. */
function applyDefaults(object: Obj, current: Obj | undefined, nextIp: () => string): void {
  const podSpec = (template: Obj | undefined) => {
    const spec = template?.spec;
    if (!isMap(spec)) return;
    spec.restartPolicy ??= "Always";
    spec.dnsPolicy ??= "ClusterFirst";
    spec.schedulerName ??= "default-scheduler";
    spec.terminationGracePeriodSeconds ??= 30;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      c.terminationMessagePath ??= "/dev/termination-log";
      c.terminationMessagePolicy ??= "File";
      c.imagePullPolicy ??= String(c.image).endsWith(":latest") || !String(c.image).includes(":") ? "Always" : "IfNotPresent";
    }
  };
  switch (object.kind) {
    case "Namespace":
      object.metadata.labels = { ...object.metadata.labels, "kubernetes.io/metadata.name": object.metadata.name };
      object.spec = { finalizers: ["kubernetes"] };
      object.status = { phase: "Active" };
      break;
    case "Secret":
      object.type ??= "Opaque";
      if (isMap(object.stringData)) {
        object.data = { ...object.data };
        for (const [k, v] of Object.entries(object.stringData)) object.data[k] = Buffer.from(String(v)).toString("base64");
        delete object.stringData;
      }
      break;
    case "Service":
      object.spec ??= {};
      object.spec.type ??= "ClusterIP";
      object.spec.sessionAffinity ??= "None";
      object.spec.clusterIP ??= current?.spec?.clusterIP ?? nextIp();
      object.spec.clusterIPs ??= [object.spec.clusterIP];
      for (const p of object.spec.ports ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      break;
    case "Deployment":
      object.spec.strategy ??= { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
      object.spec.revisionHistoryLimit ??= 10;
      object.spec.progressDeadlineSeconds ??= 600;
      podSpec(object.spec.template);
      break;
    case "Job": {
      const uid = current?.metadata.uid ?? "00000000-0000-0000-0000-000000000000";
      object.spec.backoffLimit ??= 6;
      object.spec.completions ??= 1;
      object.spec.parallelism ??= 1;
      object.spec.completionMode ??= "NonIndexed";
      object.spec.suspend ??= false;
      object.spec.selector ??= current?.spec?.selector ?? { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
      podSpec(object.spec.template);
      break;
    }
    case "CronJob":
      object.spec.concurrencyPolicy ??= "Allow";
      object.spec.suspend ??= false;
      podSpec(object.spec.jobTemplate?.spec?.template);
      break;
    case "StatefulSet":
    case "DaemonSet":
      podSpec(object.spec.template);
      break;
  }
}

/** What the controllers would do to a stored object, at once (`controllers: true`). */
function reconcile(object: Obj, store: (o: Obj) => unknown): void {
  switch (object.kind) {
    case "Deployment": {
      const replicas = object.spec.replicas ?? 1;
      object.status = { observedGeneration: object.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas };
      break;
    }
    case "Job":
      object.status = { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] };
      break;
    case "PersistentVolumeClaim":
      object.status = { phase: "Bound" };
      break;
    case "Service":
      if (object.spec?.selector && object.metadata.name) {
        queueMicrotask(() => store({
          apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice",
          metadata: { name: `${object.metadata.name}-abcde`, namespace: object.metadata.namespace, labels: { "kubernetes.io/service-name": object.metadata.name } },
          addressType: "IPv4", endpoints: [{ addresses: ["10.0.0.1"], conditions: { ready: true } }],
        }));
      }
      break;
  }
}
