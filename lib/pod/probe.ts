import type { V1LifecycleHandler, V1Probe } from "@kubernetes/client-node";
import type { Problems, Rule } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { int64AtLeast, integerAtLeast, integerBetween, oneOf, portName, portNumber } from "../validation/rules.js";

/** Runs a command in the container (probes and lifecycle hooks). */
export interface ExecHandler {
  readonly exec: { readonly command: readonly string[] };
}

/** Sends an HTTP GET (probes and lifecycle hooks). */
export interface HttpGetHandler {
  readonly httpGet: HttpGet;
}

/** Opens a TCP connection (probes only: Kubernetes accepts it in a hook but never runs it). */
export interface TcpSocketHandler {
  readonly tcpSocket: { readonly port: number | string; readonly host?: string };
}

/** Calls gRPC health checking (probes only). */
export interface GrpcHandler {
  readonly grpc: { readonly port: number; readonly service?: string };
}

/** Waits (lifecycle hooks only). */
export interface SleepHandler {
  readonly sleep: { readonly seconds: number };
}

/** What a probe does: `exec()`, `httpGet()`, `tcpSocket()` or `grpc()`. */
export type ProbeHandler = ExecHandler | HttpGetHandler | TcpSocketHandler | GrpcHandler;

/** What a lifecycle hook (`postStart`, `preStop`) does: `exec()`, `httpGet()` or `sleep()`. */
export type HookHandler = ExecHandler | HttpGetHandler | SleepHandler;

/** What a probe or lifecycle hook does: run a command, GET a URL, open a TCP connection, call gRPC health, or sleep. */
export type Handler = ProbeHandler | HookHandler;

interface HttpGet {
  readonly path?: string;
  readonly port: number | string;
  readonly host?: string;
  readonly scheme?: "HTTP" | "HTTPS";
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
}

/** A probe's timings (`V1Probe` fields other than the handler). Kubernetes' defaults apply to what is left out. */
export interface ProbeTimings {
  /** @default 0 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly timeoutSeconds?: number;
  /** @default 1; must be 1 for liveness and startup probes */
  readonly successThreshold?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
  /** Overrides the pod's grace period when this probe kills the container (> 0; not for readiness probes). */
  readonly terminationGracePeriodSeconds?: number;
}

/** Each timing field and what Kubernetes accepts: int32s >= 0 (0 for the counts and periods is Kubernetes' default), an int64 grace period > 0. */
const TIMING_RULES: Readonly<Record<keyof ProbeTimings, Rule>> = {
  initialDelaySeconds: integerAtLeast(0), periodSeconds: integerAtLeast(0), timeoutSeconds: integerAtLeast(0),
  successThreshold: integerAtLeast(0), failureThreshold: integerAtLeast(0), terminationGracePeriodSeconds: int64AtLeast(1),
};
const TIMING_FIELDS = Object.keys(TIMING_RULES) as (keyof ProbeTimings)[];

/** Runs `command` in the container; exit code 0 is success. */
export function exec(...command: string[]): ExecHandler {
  return { exec: { command } };
}

/** Sends `GET path` to `port` (number or port name); status 200–399 is success. */
export function httpGet(path: string, port: number | string, options: Omit<HttpGet, "path" | "port"> = {}): HttpGetHandler {
  return { httpGet: { path, port, ...options } };
}

/** Opens a TCP connection to `port` (number or port name); connecting is success. Probes only. */
export function tcpSocket(port: number | string): TcpSocketHandler {
  return { tcpSocket: { port } };
}

/** Calls the gRPC health checking protocol on `port`. Probes only. */
export function grpc(port: number, service?: string): GrpcHandler {
  return { grpc: { port, ...(service !== undefined && { service }) } };
}

/** Waits `seconds` (lifecycle hooks only, e.g. a preStop delay while endpoints drain; at most the pod's grace period). */
export function sleep(seconds: number): SleepHandler {
  return { sleep: { seconds } };
}

/** Writes a probe at `path`. */
export function emitProbe(handler: ProbeHandler, timings: ProbeTimings, path: string, problems: Problems, kind: "liveness" | "readiness" | "startup"): V1Probe {
  const out = emitHandler(handler, path, problems, false) as V1Probe;
  checkFields(timings, TIMING_FIELDS, "a probe's timings", path, problems);
  for (const field of TIMING_FIELDS) {
    const value = timings[field];
    if (value === undefined) continue;
    problems.checkField(path, field, value, TIMING_RULES[field]);
    out[field] = value;
  }
  // 0 is Kubernetes' default, 1
  if (kind !== "readiness" && timings.successThreshold !== undefined && timings.successThreshold !== 1 && timings.successThreshold !== 0) {
    problems.add(`${path}.successThreshold`, `1 for a ${kind} probe`, timings.successThreshold);
  }
  if (kind === "readiness" && timings.terminationGracePeriodSeconds !== undefined) {
    problems.add(`${path}.terminationGracePeriodSeconds`, "nothing for a readiness probe", timings.terminationGracePeriodSeconds);
  }
  return out;
}

/** Writes a lifecycle hook or (with `hook` false) a probe's handler at `path`. */
export function emitHandler(handler: Handler, path: string, problems: Problems, hook = true): V1LifecycleHandler {
  const keys = typeof handler === "object" && handler !== null ? Object.keys(handler) : [];
  const kinds = hook ? "exec, httpGet or sleep" : "exec, httpGet, tcpSocket or grpc";
  if (keys.length !== 1) {
    problems.add(path, `exactly one of ${kinds}`, keys);
    return {};
  }
  if ("exec" in handler) {
    const command = handler.exec?.command;
    if (!Array.isArray(command) || command.length === 0) problems.add(`${path}.exec.command`, "at least one string", command);
    else command.forEach((arg, i) => typeof arg !== "string" && problems.add(`${path}.exec.command[${i}]`, "a string", arg));
    return { exec: { command: Array.isArray(command) ? [...command] : [] } };
  }
  if ("httpGet" in handler) return { httpGet: emitHttpGet(handler.httpGet, `${path}.httpGet`, problems) };
  if ("tcpSocket" in handler) {
    // the API server accepts one, but the kubelet can't run it: a postStart hook would kill the container each time
    if (hook && !path.endsWith("preStop")) problems.add(`${path}.tcpSocket`, `${kinds}: Kubernetes never runs a tcpSocket lifecycle hook`, handler.tcpSocket);
    checkPort(handler.tcpSocket.port, path, "tcpSocket.port", problems);
    const { port, host } = handler.tcpSocket;
    return { tcpSocket: { port, ...(host !== undefined && { host }) } } as V1LifecycleHandler;
  }
  if ("grpc" in handler) {
    if (hook) problems.add(`${path}.grpc`, `${kinds}: lifecycle hooks cannot use grpc`, handler.grpc);
    problems.checkField(path, "grpc.port", handler.grpc.port, portNumber);
    return { grpc: { ...handler.grpc } } as V1LifecycleHandler;
  }
  if ("sleep" in handler) {
    if (!hook) problems.add(`${path}.sleep`, `${kinds}: probes cannot sleep`, handler.sleep);
    problems.checkField(path, "sleep.seconds", handler.sleep.seconds, integerBetween(0, 2_147_483_647));
    return { sleep: { ...handler.sleep } };
  }
  problems.add(path, `exactly one of ${kinds}`, keys);
  return {};
}

const HTTP_GET_FIELDS = ["path", "port", "host", "scheme", "httpHeaders"];

function emitHttpGet(get: HttpGet, path: string, problems: Problems): NonNullable<V1LifecycleHandler["httpGet"]> {
  checkFields(get, HTTP_GET_FIELDS, "httpGet", path, problems);
  checkPort(get.port, path, "port", problems);
  if (get.path !== undefined && typeof get.path !== "string") problems.add(`${path}.path`, "a string", get.path);
  // `path` first, as Kubernetes' documentation writes it.
  const out: NonNullable<V1LifecycleHandler["httpGet"]> = get.path === undefined ? { port: get.port } : { path: get.path, port: get.port };
  if (get.host !== undefined) out.host = get.host;
  if (get.scheme !== undefined) {
    problems.checkField(path, "scheme", get.scheme, oneOf(["HTTP", "HTTPS"]));
    out.scheme = get.scheme;
  }
  if (get.httpHeaders) {
    out.httpHeaders = get.httpHeaders.map(({ name, value }, i) => {
      if (typeof name !== "string" || !HEADER_NAME.test(name)) problems.add(`${path}.httpHeaders[${i}].name`, 'an HTTP header name (letters, digits or "-")', name);
      return { name, value };
    });
  }
  return out;
}

const HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** The named ports a handler refers to (`httpGet`, `tcpSocket`), with their field path under the handler. */
export function namedPortsOf(handler: Handler): [path: string, name: string][] {
  if ("httpGet" in handler && typeof handler.httpGet?.port === "string") return [["httpGet.port", handler.httpGet.port]];
  if ("tcpSocket" in handler && typeof handler.tcpSocket?.port === "string") return [["tcpSocket.port", handler.tcpSocket.port]];
  return [];
}

function checkPort(port: unknown, path: string, field: string, problems: Problems): void {
  problems.checkField(path, field, port, typeof port === "string" ? portName : portNumber);
}
