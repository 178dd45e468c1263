// Probes and lifecycle hooks: every timing on both sides of its floor and int32, per probe kind; handlers.
import { container, deployment, exec, grpc, httpGet, sleep, tcpSocket } from "../../../lib/index.js";
import type { HookHandler, PodOS, ProbeHandler, ProbeTimings } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { COUNTS, IMAGE } from "./values.js";

const TIMINGS = ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"] as const;
const KINDS = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const CHECK = exec("true");

const probed = (kind: (typeof KINDS)[number], handler: ProbeHandler, timings: ProbeTimings = {}) =>
  deployment("d").container((c) => c.image(IMAGE).port("http", 8080)[kind](handler, timings));
const hooked = (hook: "postStart" | "preStop", handler: HookHandler, grace?: number) => {
  const d = deployment("d").container((c) => c.image(IMAGE).port("http", 8080)[hook](handler));
  return grace === undefined ? d : d.terminationGracePeriodSeconds(grace);
};

// the server drops the field unless the alpha gate is on (and then checks it): the cases agree either way only with it on
const STOP_GATE = "the alpha ContainerStopSignals feature gate (off by default in 1.36: the server then drops lifecycle.stopSignal)";
const STOP_SIGNALS = ["SIGTERM", "SIGKILL", "SIGQUIT", "SIGUSR1", "SIGRTMIN+3", "SIGRTMAX-14", "SIGRTMAX", "SIGRTMIN+16", "SIGBOGUS", "sigterm", "TERM", "15", ""];
const stopping = (os: PodOS | undefined, signal: string) => {
  const d = deployment("d").container((c) => c.image(IMAGE).stopSignal(untyped(signal)));
  return os === undefined ? d : d.os(os);
};

export const probeCases: Case[] = [
  ...KINDS.flatMap((kind) => TIMINGS.flatMap((field) => each("probes", "Deployment", `${kind}.${field}`, [...COUNTS, 2], (v) => probed(kind, CHECK, { [field]: v })))),
  ...each("probes", "Deployment", "readinessProbe.httpGet.path", ["/", "/healthz", "", "healthz", "/a b", "/a?b=c", "/%", "/ä"], (p) => probed("readinessProbe", httpGet(p, 8080))),
  ...each("probes", "Deployment", "readinessProbe.httpGet.port", [8080, 0, 65536, "http", "other", "HTTP", "a--b", ""], (p) => probed("readinessProbe", httpGet("/", untyped(p)))),
  ...each("probes", "Deployment", "readinessProbe.httpGet.scheme", ["HTTP", "HTTPS", "http", "TCP"], (s) => probed("readinessProbe", httpGet("/", 8080, { scheme: untyped(s) }))),
  ...each("probes", "Deployment", "readinessProbe.httpGet.host", ["", "example.com", "1.2.3.4", "a b"], (h) => probed("readinessProbe", httpGet("/", 8080, { host: h }))),
  ...each("probes", "Deployment", "readinessProbe.httpGet.httpHeaders[].name", ["X-Custom", "x_custom", "X Custom", "", "Host", "ä", "X:Y"], (name) =>
    probed("readinessProbe", httpGet("/", 8080, { httpHeaders: [{ name, value: "v" }] }))),
  ...each("probes", "Deployment", "livenessProbe.tcpSocket.port", [8080, 0, 65536, "http", "other"], (p) => probed("livenessProbe", tcpSocket(untyped(p)))),
  ...each("probes", "Deployment", "livenessProbe.grpc.port", [8080, 0, 65536, -1], (p) => probed("livenessProbe", grpc(p))),
  ...each("probes", "Deployment", "livenessProbe.grpc.service", ["", "health", "a b"], (s) => probed("livenessProbe", grpc(8080, s))),
  ...each("probes", "Deployment", "livenessProbe.exec.command", [["true"], [], [""]], (command) => probed("livenessProbe", exec(...command))),
  ...each("probes", "Deployment", "livenessProbe handler", [{}, { exec: { command: ["a"] }, tcpSocket: { port: 80 } }, { sleep: { seconds: 1 } }], (h) => probed("livenessProbe", untyped(h))),
  ...each("probes", "Deployment", "lifecycle.preStop.sleep.seconds (grace 30)", [-1, 0, 1, 30, 31], (s) => hooked("preStop", sleep(s)), "PodLifecycleSleepActionAllowZero (on by default since 1.34) for 0"),
  ...each("probes", "Deployment", "lifecycle.preStop.sleep.seconds (grace 0)", [0, 1], (s) => hooked("preStop", sleep(s), 0)),
  ...each("probes", "Deployment", "lifecycle.postStart handler", [exec("true"), exec(), httpGet("/", "http"), httpGet("/", "other"), untyped({ tcpSocket: { port: 8080 } }), untyped({ grpc: { port: 8080 } })], (h) =>
    hooked("postStart", h)),
  ...each("probes", "Deployment", "lifecycle.stopSignal (os linux)", STOP_SIGNALS, (signal) => stopping("linux", signal), STOP_GATE),
  ...each("probes", "Deployment", "lifecycle.stopSignal (os windows)", ["SIGTERM", "SIGKILL", "SIGQUIT", "SIGUSR1"], (signal) => stopping("windows", signal), STOP_GATE),
  ...each("probes", "Deployment", "lifecycle.stopSignal (no os)", ["SIGTERM"], (signal) => stopping(undefined, signal), STOP_GATE),
  ...each("probes", "Deployment", "initContainers[].lifecycle.stopSignal (os linux)", [true, false], (sidecar) =>
    deployment("d").os("linux").image(IMAGE).initContainer(untyped(sidecar ? container("i").image(IMAGE).restartPolicy("Always").stopSignal("SIGUSR1") : container("i").image(IMAGE).stopSignal("SIGUSR1"))), STOP_GATE),
];
