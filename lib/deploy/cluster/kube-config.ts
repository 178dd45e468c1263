import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";
import { DeployError } from "../errors.js";

/** Which cluster to talk to, as `kubectl` options name it. */
export interface ConnectionOptions {
  /** Path of the kubeconfig file. @default `$KUBECONFIG`, else `~/.kube/config`, else the in-cluster service account */
  readonly kubeconfig?: string;
  /** Context of the kubeconfig to use. @default the kubeconfig's `current-context` */
  readonly context?: string;
  /** Namespace of namespaced objects that name none. @default the context's namespace, else `default` */
  readonly namespace?: string;
}

/** A loaded kubeconfig with its context chosen, and what it says about the target. */
export interface LoadedKubeConfig {
  readonly config: KubeConfig;
  readonly context: string;
  readonly server: string;
  /** `--namespace`, else the context's namespace, else `default`. */
  readonly namespace: string;
}

/**
 * Loads a kubeconfig through `@kubernetes/client-node` (so contexts, client certificates, tokens, exec and auth
 * plugins and proxies work as with `kubectl`) and selects the context. Errors say which file and context, and list
 * the contexts there are. The client is loaded here, when a cluster is contacted, not with piceli/deploy: it takes about a
 * second of CPU to load, which commands that never connect (synth, list, plan) should not pay.
 */
export async function loadKubeConfig(options: ConnectionOptions = {}): Promise<LoadedKubeConfig> {
  const client = await import("@kubernetes/client-node");
  const config = new client.KubeConfig();
  const file = options.kubeconfig;
  try {
    if (file !== undefined) {
      if (!existsSync(file)) throw new DeployError(`kubeconfig ${file}: no such file`);
      config.loadFromFile(file);
    } else if (process.env["KUBECONFIG"] || existsSync(join(homedir(), ".kube", "config")) || process.env["KUBERNETES_SERVICE_HOST"]) {
      config.loadFromDefault();
    } else {
      throw new DeployError("no kubeconfig found: pass --kubeconfig <file>, set KUBECONFIG, or create ~/.kube/config");
    }
  } catch (error) {
    if (error instanceof DeployError) throw error;
    throw new DeployError(`kubeconfig ${file ?? process.env["KUBECONFIG"] ?? "~/.kube/config"}: cannot be read: ${(error as Error).message}`);
  }
  const names = config.getContexts().map((c) => c.name);
  if (options.context !== undefined) {
    if (!names.includes(options.context)) {
      throw new DeployError(`context ${JSON.stringify(options.context)} is not in the kubeconfig; its contexts are: ${names.join(", ") || "(none)"}`);
    }
    config.setCurrentContext(options.context);
  }
  const context = config.getCurrentContext();
  const contextObject = context ? config.getContextObject(context) : null;
  const cluster = config.getCurrentCluster();
  if (!context || contextObject === null || cluster === null) {
    throw new DeployError(`the kubeconfig has no usable current context: pass --context (its contexts are: ${names.join(", ") || "(none)"})`);
  }
  return { config, context, server: cluster.server, namespace: options.namespace ?? contextObject.namespace ?? "default" };
}
