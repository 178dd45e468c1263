import type { V1LifecycleHandler, V1Probe } from "@kubernetes/client-node";
import type { Problems } from "./internal/errors.js";
import { integerAtLeast, integerBetween, oneOf, portName, portNumber } from "./validation/rules.js";

/** What a probe or lifecycle hook does: run a command, GET a URL, open a TCP connection, call gRPC health, or sleep. */
export type Handler =
  | { readonly exec: { readonly command: readonly string[] } }
  | { readonly httpGet: HttpGet }
  | { readonly tcpSocket: { readonly port: number | string; readonly host?: string } }
  | { readonly grpc: { readonly port: number; readonly service?: string } }
  | { readonly sleep: { readonly seconds: number } };

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
  readonly terminationGracePeriodSeconds?: number;
}

/** Runs `command` in the container; exit code 0 is success. */
export function exec(...command: string[]): Handler {
  return { exec: { command } };
}

/** Sends `GET path` to `port` (number or port name); status 200–399 is success. */
export function httpGet(path: string, port: number | string, options: Omit<HttpGet, "path" | "port"> = {}): Handler {
  return { httpGet: { path, port, ...options } };
}

/** Opens a TCP connection to `port` (number or port name); connecting is success. */
export function tcpSocket(port: number | string): Handler {
  return { tcpSocket: { port } };
}

/** Calls the gRPC health checking protocol on `port`. */
export function grpc(port: number, service?: string): Handler {
  return { grpc: { port, ...(service !== undefined && { service }) } };
}

/** Waits `seconds` (lifecycle hooks only, e.g. a preStop delay while endpoints drain). */
export function sleep(seconds: number): Handler {
  return { sleep: { seconds } };
}

/** Writes a probe at `path`. */
export function emitProbe(handler: Handler, timings: ProbeTimings, path: string, problems: Problems, kind: "liveness" | "readiness" | "startup"): V1Probe {
  const out = emitHandler(handler, path, problems, false) as V1Probe;
  for (const [field, value] of Object.entries(timings)) {
    if (value === undefined) continue;
    const min = field === "initialDelaySeconds" || field === "terminationGracePeriodSeconds" ? 0 : 1;
    problems.check(`${path}.${field}`, value, integerAtLeast(min));
    (out as Record<string, unknown>)[field] = value;
  }
  if (kind !== "readiness" && timings.successThreshold !== undefined && timings.successThreshold !== 1) {
    problems.add(`${path}.successThreshold`, `1 for a ${kind} probe`, timings.successThreshold);
  }
  if (kind === "readiness" && timings.terminationGracePeriodSeconds !== undefined) {
    problems.add(`${path}.terminationGracePeriodSeconds`, "nothing for a readiness probe", timings.terminationGracePeriodSeconds);
  }
  return out;
}

/** Writes a lifecycle hook or a probe's handler at `path`. */
export function emitHandler(handler: Handler, path: string, problems: Problems, hook = true): V1LifecycleHandler {
  const keys = Object.keys(handler ?? {});
  if (keys.length !== 1) {
    problems.add(path, "exactly one of exec, httpGet, tcpSocket, grpc" + (hook ? ", sleep" : ""), keys);
    return {};
  }
  if ("exec" in handler) {
    const command = handler.exec.command;
    if (!Array.isArray(command) || command.length === 0) problems.add(`${path}.exec.command`, "at least one string", command);
    else command.forEach((arg, i) => typeof arg !== "string" && problems.add(`${path}.exec.command[${i}]`, "a string", arg));
    return { exec: { command: [...(command ?? [])] } };
  }
  if ("httpGet" in handler) {
    const { httpHeaders, ...rest } = handler.httpGet;
    checkPort(rest.port, `${path}.httpGet.port`, problems);
    if (rest.path !== undefined && !rest.path.startsWith("/")) problems.add(`${path}.httpGet.path`, 'a path starting with "/"', rest.path);
    if (rest.scheme !== undefined) problems.check(`${path}.httpGet.scheme`, rest.scheme, oneOf(["HTTP", "HTTPS"]));
    return { httpGet: { ...rest, ...(httpHeaders && { httpHeaders: httpHeaders.map((h) => ({ ...h })) }) } };
  }
  if ("tcpSocket" in handler) {
    checkPort(handler.tcpSocket.port, `${path}.tcpSocket.port`, problems);
    return { tcpSocket: { ...handler.tcpSocket } } as V1LifecycleHandler;
  }
  if ("grpc" in handler) {
    if (hook) problems.add(`${path}.grpc`, "exec, httpGet or sleep: lifecycle hooks cannot use grpc", handler.grpc);
    problems.check(`${path}.grpc.port`, handler.grpc.port, portNumber);
    return { grpc: { ...handler.grpc } } as V1LifecycleHandler;
  }
  if ("sleep" in handler) {
    if (!hook) problems.add(`${path}.sleep`, "exec, httpGet, tcpSocket or grpc: probes cannot sleep", handler.sleep);
    problems.check(`${path}.sleep.seconds`, handler.sleep.seconds, integerBetween(0, 2_147_483_647));
    return { sleep: { ...handler.sleep } };
  }
  problems.add(path, "exactly one of exec, httpGet, tcpSocket, grpc" + (hook ? ", sleep" : ""), keys);
  return {};
}

function checkPort(port: unknown, path: string, problems: Problems): void {
  if (typeof port === "string") problems.check(path, port, portName);
  else problems.check(path, port, portNumber);
}

