// The API server's verdict: a dry-run create (POST, dryRun=All, fieldValidation=Strict) of the plain manifest.
import type { KubernetesObject } from "@kubernetes/client-node";
import { Discovery } from "../../lib/deploy/cluster/discovery.js";
import { loadKubeConfig } from "../../lib/deploy/cluster/kube-config.js";
import { kubeConfigTransport, type Transport } from "../../lib/deploy/cluster/transport.js";
import { ClusterApiError } from "../../lib/deploy/errors.js";

/** What the server said: accepted, or rejected with its message. */
export type ServerVerdict = { readonly accepted: true } | { readonly accepted: false; readonly message: string };

/** A real API server, with a namespace of the suite's own for namespaced objects. */
export class Server {
  readonly #transport: Transport;
  readonly #discovery: Discovery;
  readonly namespace: string;

  private constructor(transport: Transport, namespace: string) {
    this.#transport = transport;
    this.#discovery = new Discovery(transport);
    this.namespace = namespace;
  }

  /** Connects with `kubeconfig` and creates the namespace `namespace` (for real: dry-run objects need it to exist). */
  static async open(kubeconfig: string, namespace: string): Promise<Server> {
    const transport = kubeConfigTransport(await loadKubeConfig({ kubeconfig }));
    await transport.request({ method: "POST", path: "/api/v1/namespaces", body: { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }, action: `create Namespace ${namespace}` });
    return new Server(transport, namespace);
  }

  /** Deletes the suite's namespace. */
  async close(): Promise<void> {
    await this.#transport.request({ method: "DELETE", path: `/api/v1/namespaces/${this.namespace}`, action: `delete Namespace ${this.namespace}` });
  }

  /** Whether the server serves `apiVersion` `kind` (a custom resource's kind only once its CRD is installed). */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.#discovery.resourceFor(apiVersion, kind)) !== undefined;
  }

  /** Posts `manifest` as a dry-run create with strict field validation; namespaced objects go to the suite's namespace. */
  async judge(manifest: KubernetesObject): Promise<ServerVerdict> {
    const apiVersion = manifest.apiVersion ?? "";
    const resource = await this.#discovery.resourceFor(apiVersion, manifest.kind ?? "");
    if (resource === undefined) throw new Error(`the server does not serve ${apiVersion} ${manifest.kind}`);
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const path = `${base}${resource.namespaced ? `/namespaces/${this.namespace}` : ""}/${resource.name}`;
    try {
      await this.#transport.request({ method: "POST", path, query: { dryRun: "All", fieldValidation: "Strict" }, body: manifest, action: `create ${manifest.kind}` });
      return { accepted: true };
    } catch (error) {
      if (error instanceof ClusterApiError && (error.status === 422 || error.status === 400)) return { accepted: false, message: error.serverMessage };
      throw error;
    }
  }
}
