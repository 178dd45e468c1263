import http from "node:http";
import https from "node:https";
import { ClusterApiError, ClusterUnreachableError, DeployError, type ApiCause } from "../errors.js";
import { isObject } from "../manifest.js";
import type { LoadedKubeConfig } from "./kube-config.js";

/** One request to the API server. */
export interface ApiRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path from the server root: `/apis/apps/v1/namespaces/shop/deployments/web`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** @default "application/json" when there is a body */
  readonly contentType?: string;
  /** What is being done, for errors: `apply Deployment shop/web`. */
  readonly action: string;
}

/** Sends requests to the API server; what the deploy tooling's cluster client is built on. */
export interface Transport {
  readonly server: string;
  request(request: ApiRequest): Promise<unknown>;
}

/**
 * Requests as JSON, authenticated by the kubeconfig through `@kubernetes/client-node`'s `applyToHTTPSOptions`
 * (certificates, tokens, exec plugins, proxies). Bodies are sent and returned as plain JSON on purpose: the client's
 * typed serializer drops fields its models do not know (fields newer than the client, custom resources' fields),
 * which would silently remove them from server-side apply patches and hide them from diffs.
 */
export function kubeConfigTransport(kube: LoadedKubeConfig, timeoutMs = 30_000): Transport {
  const base = kube.server.replace(/\/+$/, "");
  const agents = new KeepAliveAgents();
  return {
    server: kube.server,
    async request({ method, path, query, body, contentType, action }) {
      const url = new URL(base + path);
      for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
      const options: https.RequestOptions = { method, headers: { Accept: "application/json" } };
      try {
        await kube.config.applyToHTTPSOptions(options);
      } catch (error) {
        throw new DeployError(`cannot authenticate to ${kube.server} (context ${kube.context}): ${(error as Error).message}`);
      }
      options.agent = agents.reuse(options.agent);
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      if (payload !== undefined) {
        options.headers = { ...options.headers, "Content-Type": contentType ?? "application/json", "Content-Length": String(payload.length) };
      }
      const { status, text } = await send(url, options, payload, timeoutMs, kube.server);
      return parseResponse(status, text, action);
    },
  };
}

/**
 * `applyToHTTPSOptions` makes a new agent for every request, so every request would open a new TLS connection. A plain
 * HTTPS agent is swapped for a keep-alive one with the same TLS options, one per set of credentials (an exec plugin
 * may hand out new client certificates); proxy agents are left as they are.
 */
class KeepAliveAgents {
  readonly #agents = new Map<string, https.Agent>();

  reuse(agent: https.RequestOptions["agent"]): https.RequestOptions["agent"] {
    if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return agent;
    const tls = agent.options;
    const key = JSON.stringify([tls.ca, tls.cert, tls.key, tls.pfx, tls.passphrase, tls.servername, tls.rejectUnauthorized].map((v) => (Buffer.isBuffer(v) ? v.toString("base64") : v)));
    let shared = this.#agents.get(key);
    if (shared === undefined) {
      shared = new https.Agent({ ...tls, keepAlive: true, maxSockets: 16 });
      this.#agents.set(key, shared);
    }
    return shared;
  }
}

function send(url: URL, options: https.RequestOptions, payload: Buffer | undefined, timeoutMs: number, server: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "http:" ? http : https).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", (error) => reject(new ClusterUnreachableError(server, error.message)));
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000}s`), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => reject(new ClusterUnreachableError(server, networkReason(error))));
    request.end(payload);
  });
}

/** A network failure in words. */
export function networkReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return "connection refused (is the API server running, and is this the right context?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `unknown host (${error.message})`;
    case "ETIMEDOUT":
      return `timed out (${error.message})`;
    case "ECONNRESET":
      return "the connection was closed by the server";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    default:
      return error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT") ? `TLS error: ${error.message}` : error.message;
  }
}

/** The JSON body of a 2xx answer; for errors, a {@link ClusterApiError} carrying the server's Status message. */
export function parseResponse(status: number, text: string, action: string): unknown {
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300) return body;
  if (isObject(body) && body["kind"] === "Status") {
    const details = isObject(body["details"]) ? body["details"] : {};
    const causes = Array.isArray(details["causes"]) ? (details["causes"] as ApiCause[]) : [];
    throw new ClusterApiError(status, action, String(body["message"] ?? ""), String(body["reason"] ?? ""), causes);
  }
  throw new ClusterApiError(status, action, text.trim().slice(0, 500) || "(empty answer)");
}
