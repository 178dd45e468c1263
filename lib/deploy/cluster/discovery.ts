import { ClusterApiError } from "../errors.js";
import { isObject } from "../manifest.js";
import type { Scope } from "../scope.js";
import type { Transport } from "./transport.js";

/** What the server says about one kind: its resource (URL) name and whether it is namespaced. */
export interface ResourceInfo {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/**
 * Asks the API server which kinds it serves (`GET /api/v1`, `GET /apis/<group>/<version>`), once per
 * group-version, asking again when a kind is missing (a CustomResourceDefinition applied since).
 */
export class Discovery {
  readonly #transport: Transport;
  readonly #cache = new Map<string, ResourceInfo[] | null>();

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** The resource serving `kind` in `apiVersion`, or `undefined` when the server does not serve it. */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const cached = this.#cache.get(apiVersion);
    const found = cached?.find((r) => r.kind === kind);
    if (found !== undefined) return found;
    const fresh = await this.#fetch(apiVersion);
    return fresh?.find((r) => r.kind === kind);
  }

  /** The scope of `kind`, or `undefined` when the server does not serve it. */
  async scopeOf(apiVersion: string, kind: string): Promise<Scope | undefined> {
    const resource = await this.resourceFor(apiVersion, kind);
    return resource === undefined ? undefined : resource.namespaced ? "Namespaced" : "Cluster";
  }

  /**
   * Every kind the server serves that can be listed and deleted, in each group's preferred version
   * (`GET /apis`, then each group-version), as `[apiVersion, kind]` pairs.
   */
  async listableKinds(): Promise<[string, string][]> {
    const groups = (await this.#transport.request({ method: "GET", path: "/apis", action: "discover the API groups" })) as { groups?: { preferredVersion?: { groupVersion?: string } }[] };
    const versions = ["v1", ...(groups.groups ?? []).map((g) => g.preferredVersion?.groupVersion).filter((v): v is string => typeof v === "string")];
    const out: [string, string][] = [];
    for (const apiVersion of versions) {
      const resources = this.#cache.get(apiVersion) ?? (await this.#fetch(apiVersion));
      for (const r of resources ?? []) if (r.verbs.includes("list") && r.verbs.includes("delete")) out.push([apiVersion, r.kind]);
    }
    return out;
  }

  async #fetch(apiVersion: string): Promise<ResourceInfo[] | null> {
    const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let list: unknown;
    try {
      list = await this.#transport.request({ method: "GET", path, action: `discover the kinds of ${apiVersion}` });
    } catch (error) {
      if (error instanceof ClusterApiError && error.status === 404) {
        this.#cache.set(apiVersion, null);
        return null;
      }
      throw error;
    }
    const resources = (isObject(list) && Array.isArray(list["resources"]) ? list["resources"] : [])
      .filter((r): r is Record<string, unknown> => isObject(r) && typeof r["name"] === "string" && !r["name"].includes("/"))
      .map((r) => ({
        name: r["name"] as string,
        kind: String(r["kind"]),
        namespaced: r["namespaced"] === true,
        verbs: Array.isArray(r["verbs"]) ? (r["verbs"] as string[]) : [],
      }));
    this.#cache.set(apiVersion, resources);
    return resources;
  }
}
