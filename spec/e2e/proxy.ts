// A small HTTP proxy between the `piceli` command and the e2e cluster, for tests: it records every request, and can
// lose the answer to one (the request reaches the server and is carried out, then the connection to the command is
// cut: what a network failure mid-run looks like). The command talks plain HTTP to it (a kubeconfig with the admin
// token and insecure-skip-tls-verify); the proxy talks HTTPS to the API server.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { load } from "js-yaml";
import { kubeconfig, tempFile } from "./harness.js";

/** One request the proxy forwarded: `PATCH /api/v1/namespaces/x/configmaps/y?dryRun=All&…`. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
}

/** A running proxy. */
export interface Proxy {
  /** A kubeconfig that reaches the cluster through the proxy. */
  readonly kubeconfig: string;
  /** What it forwarded, in order. */
  readonly requests: ProxiedRequest[];
  /** Requests that change something (not GET, not `dryRun`, not a question to the authorizer). */
  writes(): ProxiedRequest[];
  close(): Promise<void>;
}

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** The first request for which this is true is carried out, but its answer never reaches the command. */
  readonly loseAnswerTo?: (request: ProxiedRequest) => boolean;
  /** Runs before a request is forwarded (a controller writing meanwhile); the request waits for it. */
  readonly beforeForward?: (request: ProxiedRequest) => Promise<void>;
}

interface AdminConfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
  users: { user: { token: string } }[];
}

/** Starts a proxy to the e2e cluster on a free loopback port. */
export async function startProxy(options: ProxyOptions = {}): Promise<Proxy> {
  const admin = load(readFileSync(kubeconfig!, "utf8")) as AdminConfig;
  const upstream = new URL(admin.clusters[0]!.cluster.server);
  const ca = Buffer.from(admin.clusters[0]!.cluster["certificate-authority-data"], "base64");
  const agent = new https.Agent({ ca, keepAlive: true });
  const requests: ProxiedRequest[] = [];
  let lost = false;

  const server = http.createServer(async (incoming, outgoing) => {
    const request = { method: incoming.method ?? "GET", url: incoming.url ?? "/" };
    requests.push(request);
    if (options.beforeForward) await options.beforeForward(request).catch(() => incoming.socket.destroy());
    const loseAnswer = !lost && options.loseAnswerTo?.(request) === true;
    if (loseAnswer) lost = true;
    const forward = https.request({
      host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, agent,
      headers: { ...incoming.headers, host: upstream.host },
    }, (answer) => {
      if (loseAnswer) {
        answer.resume();
        answer.on("end", () => incoming.socket.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on("error", () => incoming.socket.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const config = [
    "apiVersion: v1", "kind: Config",
    "clusters:", "- name: proxy", "  cluster:", `    server: http://127.0.0.1:${port}`, "    insecure-skip-tls-verify: true",
    "users:", "- name: admin", "  user:", `    token: ${admin.users[0]!.user.token}`,
    "contexts:", "- name: proxy", "  context: {cluster: proxy, user: admin}", "current-context: proxy", "",
  ].join("\n");
  return {
    kubeconfig: tempFile(config, "kubeconfig"),
    requests,
    writes: () => requests.filter((r) => r.method !== "GET" && !/[?&]dryRun=All\b/.test(r.url) && !/^\/apis\/(authorization|authentication)\.k8s\.io\//.test(r.url)),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
      agent.destroy();
    }),
  };
}
