import { cloned } from "../internal/cloned.js";
import type { AllKeys, NoInference } from "../internal/types.js";
import type { V1Container, V1ContainerPort, V1EnvFromSource, V1EnvVar, V1ResourceRequirements, V1SecurityContext } from "@kubernetes/client-node";
import { ConfigMapBuilder } from "../kinds/config/config-map.js";
import { emitEnvRef, envSourceOf, type EnvRef, type EnvValue } from "./env.js";
import type { Referenced } from "../kinds/metadata.js";
import { pathOf, PiceliValidationError, Problems, type Rule } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { merged } from "../internal/merged.js";
import { emitHandler, emitProbe, exec, namedPortsOf, type HookHandler, type ProbeHandler, type ProbeTimings } from "./probe.js";
import { milli, parseQuantity, quantity, quantityValue, signedQuantity, type Quantity } from "../values/quantity.js";
import { SecretBuilder } from "../kinds/config/secret.js";
import { anyString, boolean, dnsLabel, dnsSubdomain, emptyOr, envVarName, integerBetween, nonEmptyString, oneOf, portName, portNumber, qualifiedName } from "../validation/rules.js";
import { buildersOf, emitVolumeMount, volumeName, type KeyedMountOptions, type MountOptions, type MountProps, type NamedMountOptions, type NamedVolume, type UnnamedVolume, type VolumeSource } from "./volume.js";
import { PersistentVolumeClaimBuilder } from "../kinds/storage/persistent-volume-claim.js";

/** When the kubelet pulls the image. */
export type ImagePullPolicy = "Always" | "IfNotPresent" | "Never";

// the names the API server accepts for a Linux pod: the standard signals, then the real-time ones
const STANDARD_SIGNALS = [
  "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINT", "SIGIO", "SIGIOT", "SIGKILL", "SIGPIPE", "SIGPOLL", "SIGPROF", "SIGPWR",
  "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH", "SIGXCPU", "SIGXFSZ",
] as const;
const REALTIME_SIGNALS = [
  "SIGRTMIN", "SIGRTMIN+1", "SIGRTMIN+2", "SIGRTMIN+3", "SIGRTMIN+4", "SIGRTMIN+5", "SIGRTMIN+6", "SIGRTMIN+7", "SIGRTMIN+8", "SIGRTMIN+9", "SIGRTMIN+10", "SIGRTMIN+11", "SIGRTMIN+12", "SIGRTMIN+13", "SIGRTMIN+14", "SIGRTMIN+15",
  "SIGRTMAX-14", "SIGRTMAX-13", "SIGRTMAX-12", "SIGRTMAX-11", "SIGRTMAX-10", "SIGRTMAX-9", "SIGRTMAX-8", "SIGRTMAX-7", "SIGRTMAX-6", "SIGRTMAX-5", "SIGRTMAX-4", "SIGRTMAX-3", "SIGRTMAX-2", "SIGRTMAX-1", "SIGRTMAX",
] as const;

/**
 * A `lifecycle.stopSignal`: the signal that stops the container, one of the names the API server accepts for a Linux
 * pod (a Windows pod takes only {@link WindowsStopSignal}).
 */
// a union of two parts, so that the compiler's messages name the alias instead of listing 65 signals
export type StopSignal = (typeof STANDARD_SIGNALS)[number] | (typeof REALTIME_SIGNALS)[number];

/** The stop signals a Windows pod (`.os("windows")`) accepts. */
export type WindowsStopSignal = "SIGKILL" | "SIGTERM";

/** Port protocols. */
export type Protocol = "TCP" | "UDP" | "SCTP";

/** Compute resources: `cpu`, `memory`, `ephemeralStorage`, and extended resources such as `"nvidia.com/gpu"`. */
export interface Resources {
  readonly cpu?: Quantity;
  readonly memory?: Quantity;
  /** Written as `ephemeral-storage`. */
  readonly ephemeralStorage?: Quantity;
  readonly [extended: `${string}/${string}` | `hugepages-${string}`]: Quantity | undefined;
}

/** What a quantity typed `string` meets (a preset object written without `as const`): the compiler then names the fix. */
export type QuantityTypedAsString =
  "piceli: this quantity is typed string, not a Quantity: write the preset object `as const`, or give it the type Resources";

/** What a key that is not a resource name meets. */
export type NotAResourceName =
  "piceli: not a resource name: use cpu, memory, ephemeralStorage, hugepages-<size> or an extended resource such as \"nvidia.com/gpu\"";

/**
 * `R` when it is {@link Resources} with no other keys; otherwise, for each key, what it must be, so the compiler's
 * message says what is wrong: a value typed `string` meets {@link QuantityTypedAsString}, an unknown key
 * {@link NotAResourceName}.
 */
export type CheckedResources<R> = R extends Resources ? (Exclude<keyof R, keyof Resources> extends never ? R : ResourcesProblems<R>) : ResourcesProblems<R>;
type ResourcesProblems<R> = {
  readonly [K in keyof R]: K extends keyof Resources ? (string extends R[K] ? QuantityTypedAsString : Resources[K]) : NotAResourceName;
};

/**
 * A container edit to share between workloads and containers, as a helper's type: it takes the container in either
 * state (with or without an image) and keeps that state.
 * @example const observed: ContainerEdit = (c) => c.port("metrics", 9090).readinessProbe(httpGet("/ready", 8080));
 */
export type ContainerEdit = <HasImage extends boolean>(container: ContainerBuilder<HasImage, AppContainerTraits>) => ContainerBuilder<HasImage, AppContainerTraits>;

/** An `env` entry in the YAML shape, `{ name, value }` or `{ name, valueFrom }`, as `.env([...])` takes it. */
export type EnvVarEntry = { readonly name: string } & ({ readonly value: string } | EnvRef);

/**
 * What the compiler knows about a container's role:
 * - `"container"`: a plain container, fit for `containers` and `initContainers`;
 * - `"container with hooks"`: has probes or lifecycle hooks: `containers` only (init containers may not have them);
 * - `"sidecar"` / `"sidecar with hooks"`: `restartPolicy("Always")`: `initContainers` only (a native sidecar).
 */
export type ContainerTraits = "container" | "container with hooks" | "sidecar" | "sidecar with hooks";

/** The traits a pod's `containers` accept. */
export type AppContainerTraits = "container" | "container with hooks";

/** The traits a pod's `initContainers` accept. */
export type InitContainerTraits = "container" | "sidecar" | "sidecar with hooks";

type WithHooks<T extends ContainerTraits> = T extends "container" ? "container with hooks" : T extends "sidecar" ? "sidecar with hooks" : T;
type AsSidecar<T extends ContainerTraits> = T extends "container" ? "sidecar" : T extends "container with hooks" ? "sidecar with hooks" : T;

/** A container that has an image and can go in a pod's `containers`. */
export type CompleteContainer = ContainerBuilder<true, AppContainerTraits>;

/** A container that has an image and can go in a pod's `initContainers`. */
export type CompleteInitContainer = ContainerBuilder<true, InitContainerTraits>;

/** A port as a container declares it. */
export interface PortProps {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: Protocol;
  readonly hostPort?: number;
}

interface ContainerProps {
  readonly name: string;
  readonly image?: string;
  readonly imagePullPolicy?: ImagePullPolicy;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly ports: readonly PortProps[];
  readonly envFrom: readonly V1EnvFromSource[];
  /** The builders `envFrom` reads, for {@link ContainerBuilder.references}. */
  readonly envFromSources: readonly (ConfigMapBuilder<string, string> | SecretBuilder<string>)[];
  readonly env: readonly (readonly [name: string, value: EnvValue])[];
  readonly requests?: Resources;
  readonly limits?: Resources;
  readonly mounts: readonly MountProps[];
  readonly probes: Readonly<Partial<Record<"liveness" | "readiness" | "startup", { handler: ProbeHandler; timings: ProbeTimings }>>>;
  readonly postStart?: HookHandler;
  readonly preStop?: HookHandler;
  readonly stopSignal?: StopSignal;
  readonly securityContext?: V1SecurityContext;
  readonly restartPolicy?: "Always";
  readonly stdin?: boolean;
  readonly stdinOnce?: boolean;
  readonly tty?: boolean;
  readonly terminationMessagePolicy?: "File" | "FallbackToLogsOnError";
  readonly resizePolicy?: readonly { readonly resourceName: "cpu" | "memory"; readonly restartPolicy: "NotRequired" | "RestartContainer" }[];
}

let propsOf: (container: ContainerBuilder) => ContainerProps;

/**
 * An immutable builder of a `V1Container`. Every method returns a new builder.
 * `HasImage` records whether `.image()` was called; `Traits` whether it has probes or hooks, or is a sidecar
 * (see {@link ContainerTraits}), which decides where a pod accepts it. Both are `out` (covariant), declared so that
 * the compiler need not measure it in every user's program.
 */
export class ContainerBuilder<out HasImage extends boolean = boolean, out Traits extends ContainerTraits = ContainerTraits> {
  declare readonly "~hasImage": HasImage;
  declare readonly "~traits": Traits;
  readonly #props: ContainerProps;

  static {
    propsOf = (container) => container.#props;
  }

  /** @internal Use {@link container}. */
  constructor(props: ContainerProps) {
    this.#props = props;
  }

  /** A new builder with `props`, which each method writes as `{ ...this.#props, changed }`: one copy per call, fast for V8 at every call site. */
  #with(props: ContainerProps): never {
    return new ContainerBuilder(props) as never;
  }

  /** The container's `name`. */
  get name(): string {
    return this.#props.name;
  }

  /** The container's `ports`, as declared. */
  get ports(): readonly PortProps[] {
    return this.#props.ports;
  }

  /** The container's mounts, as declared (pods collect their volumes from them). */
  get mounts(): readonly MountProps[] {
    return this.#props.mounts;
  }

  /** The ConfigMaps, Secrets and PersistentVolumeClaims this container reads (mounts, `envFrom`, `.key()` values), each once. */
  get references(): readonly Referenced[] {
    const { mounts, env, envFromSources } = this.#props;
    const all: Referenced[] = [
      ...mounts.flatMap(({ source }) => buildersOf(source)),
      ...envFromSources,
      ...env.flatMap(([, value]) => envSourceOf(value) ?? []),
    ];
    return [...new Set(all)];
  }

  /** Sets `image`: the image reference to run, e.g. `"busybox:1.36"`. */
  image(image: string): ContainerBuilder<true, Traits> {
    return this.#with({ ...this.#props, image });
  }

  /** Sets `imagePullPolicy`. @default Kubernetes': `Always` for `:latest` or untagged images, else `IfNotPresent` */
  imagePullPolicy(imagePullPolicy: ImagePullPolicy): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, imagePullPolicy });
  }

  /** Sets `command`: the entrypoint, replacing the image's. */
  command(...command: string[]): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, command });
  }

  /** Sets `args`: arguments to the entrypoint. */
  args(...args: string[]): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, args });
  }

  /** Sets `workingDir`. */
  workingDir(workingDir: string): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, workingDir });
  }

  /**
   * Adds entries to `env`: a string (`value`) or a reference (`valueFrom`: `fieldRef()`, `resourceFieldRef()`,
   * `configMap.key()`, `secret.key()`), in order. A name given again replaces its entry in place.
   * @example container("app").env({ LOG_LEVEL: "debug", POD: fieldRef("metadata.name"), PASSWORD: db.key("password") })
   */
  env(variables: Readonly<Record<string, EnvValue>>): ContainerBuilder<HasImage, Traits>;
  /**
   * Adds entries to `env` written in the YAML shape, `[{ name, value }, { name, valueFrom }]`, in order. A name given
   * again replaces its entry in place.
   * @example container("app").env([{ name: "LOG_LEVEL", value: "debug" }])
   */
  env(entries: readonly EnvVarEntry[]): ContainerBuilder<HasImage, Traits>;
  env(variables: Readonly<Record<string, EnvValue>> | readonly EnvVarEntry[]): ContainerBuilder<HasImage, Traits> {
    const given: (readonly [string, EnvValue])[] = Array.isArray(variables) ? variables.map(envEntry) : Object.entries(variables);
    // the first call with an object (the common case) takes its entries as they are: an object's keys are unique
    if (this.#props.env.length === 0 && !Array.isArray(variables)) return this.#with({ ...this.#props, env: given });
    const env = [...this.#props.env];
    for (const [name, value] of given) {
      const at = env.findIndex(([existing]) => existing === name);
      if (at === -1) env.push([name, value]);
      else env[at] = [name, value];
    }
    return this.#with({ ...this.#props, env });
  }

  /**
   * Adds to `envFrom`: every key of a ConfigMap (`configMapRef`) or Secret (`secretRef`) becomes a variable.
   * @param prefix prepended to each variable name.
   */
  envFrom(source: ConfigMapBuilder<string, string> | SecretBuilder<string>, prefix?: string): ContainerBuilder<HasImage, Traits> {
    const ref = source instanceof SecretBuilder ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
    return this.#with({ ...this.#props, envFrom: [...this.#props.envFrom, { ...ref, ...(prefix !== undefined && { prefix }) }], envFromSources: [...this.#props.envFromSources, source] });
  }

  /**
   * Adds one `env` entry per key of a ConfigMap's `data` or a Secret, named like the key, read with
   * `configMapKeyRef` / `secretKeyRef` (Piceli's expansion of env sources; `.envFrom()` is the Kubernetes-native way).
   */
  envFromKeys(source: ConfigMapBuilder<string, string> | SecretBuilder<string>): ContainerBuilder<HasImage, Traits> {
    const keys = source instanceof ConfigMapBuilder ? source.dataKeys : source.keys;
    return this.env(Object.fromEntries(keys.map((key) => [key, source.key(key)])));
  }

  /** Adds to `ports` a named `{ name, containerPort }` (names are what Services and probes refer to). */
  port(name: string, containerPort: number, options?: { protocol?: Protocol; hostPort?: number }): ContainerBuilder<HasImage, Traits>;
  /** Adds to `ports` an unnamed `{ containerPort }`. */
  port(containerPort: number, options?: { protocol?: Protocol; hostPort?: number }): ContainerBuilder<HasImage, Traits>;
  port(first: string | number, second?: unknown, third?: unknown): ContainerBuilder<HasImage, Traits> {
    const [name, containerPort, options] = typeof first === "string" ? [first, second as number, third] : [undefined, first, second];
    // without options (the common case), no spread: V8 copies a spread in a literal property by property
    const port: PortProps = options === undefined
      ? (name === undefined ? { containerPort } : { name, containerPort })
      : { ...(name !== undefined && { name }), containerPort, ...(options as object) };
    return this.#with({ ...this.#props, ports: [...this.#props.ports, port] });
  }

  /**
   * Sets entries of `resources.requests`: what the scheduler reserves. Keys given again replace earlier values. A preset
   * shared between containers is written `as const` or typed {@link Resources}, so its quantities keep their types.
   */
  // a non-generic overload first: the common call resolves without an inference (what type-checking costs)
  requests(requests: Resources): ContainerBuilder<HasImage, Traits>;
  /** The same, for a preset or key that is not {@link Resources}: the compiler's message then says what is wrong (see {@link CheckedResources}). */
  requests<const R extends object>(requests: CheckedResources<R>): ContainerBuilder<HasImage, Traits>;
  requests(requests: object): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, requests: merged(this.#props.requests, requests as Resources) });
  }

  /** Sets entries of `resources.limits`: what the container may not exceed. Keys given again replace earlier values. */
  limits(limits: Resources): ContainerBuilder<HasImage, Traits>;
  /** The same, for a preset or key that is not {@link Resources}: the compiler's message then says what is wrong (see {@link CheckedResources}). */
  limits<const R extends object>(limits: CheckedResources<R>): ContainerBuilder<HasImage, Traits>;
  limits(limits: object): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, limits: merged(this.#props.limits, limits as Resources) });
  }

  /**
   * Sets entries of `resources` in the YAML shape: `.resources({ requests, limits })` is `.requests(requests).limits(limits)`.
   * @example container("app").resources({ requests: { cpu: "100m" }, limits: { memory: "128Mi" } })
   */
  resources(resources: { readonly requests?: Resources; readonly limits?: Resources }): ContainerBuilder<HasImage, Traits>;
  /** The same, for presets or keys that are not {@link Resources}: the compiler's message then says what is wrong (see {@link CheckedResources}). */
  resources<const Requests extends object = {}, const Limits extends object = {}>(
    resources: { readonly requests?: CheckedResources<Requests>; readonly limits?: CheckedResources<Limits> },
  ): ContainerBuilder<HasImage, Traits>;
  resources(resources: { readonly requests?: object; readonly limits?: object }): ContainerBuilder<HasImage, Traits> {
    const { requests, limits, ...other } = resources as { requests?: Resources; limits?: Resources };
    // an untyped caller's other keys (`claims`, a misspelling) are an error, never dropped
    const unknown = Object.keys(other);
    if (unknown.length > 0) {
      throw new PiceliValidationError(`Container ${JSON.stringify(this.name)}`, unknown.map((key) => ({ path: "resources", expected: "requests or limits (other fields: .patch() the workload)", received: key })));
    }
    return this.#with({
      ...this.#props,
      requests: requests === undefined ? this.#props.requests : merged(this.#props.requests, requests),
      limits: limits === undefined ? this.#props.limits : merged(this.#props.limits, limits),
    });
  }

  /**
   * Adds to `volumeMounts` a mount of `source` at `mountPath`, and the pod gets the volume: a PersistentVolumeClaim,
   * a ConfigMap or Secret (files named like the keys, or as `items` says), `emptyDir()`, `hostPath()`, `projected()`, `downwardAPI()`, or
   * (StatefulSets) `claimTemplate()`. The pod volume is named like the emptyDir, claim template, projected or downwardAPI volume, else as the `name` option says, else
   * `<container>-data-<index>` (Piceli's naming). A Secret's files get `defaultMode: 0o600` unless the options say otherwise.
   * @example c.mount("/etc/app", configMap, { items: ["app.yaml", { key: "log.conf", path: "conf.d/log.conf" }], defaultMode: 0o444 })
   * @example c.mount("/var/log", hostPath("/var/log"), { name: "varlog", readOnly: true })
   */
  // the generic (keyed) overload last: the compiler tries overloads in order, and a generic one costs an inference
  mount(mountPath: string, source: NamedVolume, options?: MountOptions): ContainerBuilder<HasImage, Traits>;
  mount(mountPath: string, source: UnnamedVolume, options?: NamedMountOptions): ContainerBuilder<HasImage, Traits>;
  mount<Keys extends string, BinaryKeys extends string = never>(mountPath: string, source: ConfigMapBuilder<Keys, BinaryKeys> | SecretBuilder<Keys>, options?: KeyedMountOptions<NoInference<Keys | BinaryKeys>>): ContainerBuilder<HasImage, Traits>;
  mount(mountPath: string, source: VolumeSource, options: KeyedMountOptions<string> = {}): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, mounts: [...this.#props.mounts, { mountPath, source, options }] });
  }

  /** Sets `livenessProbe`: the container is restarted when it fails. Kubernetes' timings apply to what `timings` leaves out. */
  livenessProbe(handler: ProbeHandler, timings: ProbeTimings = {}): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, probes: { ...this.#props.probes, liveness: { handler, timings } } });
  }

  /** Sets `readinessProbe`: the pod receives Service traffic only while it succeeds. */
  readinessProbe(handler: ProbeHandler, timings: ProbeTimings = {}): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, probes: { ...this.#props.probes, readiness: { handler, timings } } });
  }

  /** Sets `startupProbe`: the other probes wait until it succeeds once (for slow starters). */
  startupProbe(handler: ProbeHandler, timings: ProbeTimings = {}): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, probes: { ...this.#props.probes, startup: { handler, timings } } });
  }

  /**
   * Sets `livenessProbe` to run `command`; the container restarts when it fails.
   * Piceli's timings: `initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3`.
   */
  livenessCommand(...command: string[]): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.livenessProbe(exec(...command), { initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 });
  }

  /**
   * Sets `readinessProbe` to run `command`; the pod receives traffic only while it succeeds.
   * Piceli's timings: `initialDelaySeconds: 5, periodSeconds: 5`.
   */
  readinessCommand(...command: string[]): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.readinessProbe(exec(...command), { initialDelaySeconds: 5, periodSeconds: 5 });
  }

  /** Sets `lifecycle.postStart`: runs right after the container starts. */
  postStart(handler: HookHandler): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, postStart: handler });
  }

  /** Sets `lifecycle.preStop`: runs before the container is stopped. */
  preStop(handler: HookHandler): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, preStop: handler });
  }

  /** Sets `lifecycle.postStart` to run `command` (shortcut for `.postStart(exec(...command))`). */
  postStartCommand(...command: string[]): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.postStart(exec(...command));
  }

  /** Sets `lifecycle.preStop` to run `command` (shortcut for `.preStop(exec(...command))`). */
  preStopCommand(...command: string[]): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.preStop(exec(...command));
  }

  /**
   * Sets `lifecycle.stopSignal`: the signal the container runtime sends to stop the container, instead of the image's
   * (`STOPSIGNAL`, else `SIGTERM`). The pod must name its OS (`.os("linux")` or `.os("windows")` on the workload); a
   * Windows pod takes only `SIGKILL` or `SIGTERM`. Kubernetes 1.36 keeps it behind the alpha `ContainerStopSignals`
   * feature gate, off by default: an API server without the gate drops the field without an error.
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
   */
  stopSignal(signal: StopSignal): ContainerBuilder<HasImage, WithHooks<Traits>> {
    return this.#with({ ...this.#props, stopSignal: signal });
  }

  /**
   * Sets entries of the container's `securityContext` (a container's, so `fsGroup` is a pod-level setting:
   * see the workload's `.securityContext()`).
   * @example c.securityContext({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } })
   */
  securityContext(securityContext: V1SecurityContext): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, securityContext: merged(this.#props.securityContext, securityContext) });
  }

  /** Sets `stdin` (and `stdinOnce`): the container keeps a standard input open (for `kubectl attach`). @default false */
  stdin(stdin = true, options: { once?: boolean } = {}): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, stdin, ...(options.once !== undefined && { stdinOnce: options.once }) });
  }

  /** Sets `tty`: the container gets a terminal (with `stdin`, for interactive tools). @default false */
  tty(tty = true): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, tty });
  }

  /** Sets `terminationMessagePolicy`: `"FallbackToLogsOnError"` uses the log's tail when the message file is empty. @default "File" */
  terminationMessagePolicy(policy: "File" | "FallbackToLogsOnError"): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, terminationMessagePolicy: policy });
  }

  /** Adds to `resizePolicy`: whether resizing a resource in place restarts the container. */
  resizePolicy(resourceName: "cpu" | "memory", restartPolicy: "NotRequired" | "RestartContainer"): ContainerBuilder<HasImage, Traits> {
    return this.#with({ ...this.#props, resizePolicy: [...(this.#props.resizePolicy ?? []).filter((r) => r.resourceName !== resourceName), { resourceName, restartPolicy }] });
  }

  /**
   * Sets `restartPolicy: Always` on an init container, making it a native sidecar: it starts before the
   * containers and runs alongside them. Only init containers accept it.
   */
  restartPolicy(restartPolicy: "Always"): ContainerBuilder<HasImage, AsSidecar<Traits>> {
    return this.#with({ ...this.#props, restartPolicy });
  }

  /**
   * Returns a fresh `V1Container`.
   * @throws {PiceliValidationError} when a value is one Kubernetes would reject.
   */
  build(this: ContainerBuilder<true>): V1Container {
    const problems = new Problems();
    const built = emitContainer(this, problems, "");
    problems.throwIfAny(`Container ${JSON.stringify(this.name)}`);
    return built;
  }
}

/**
 * Starts a container named `name` (a DNS-1123 label). Give it an image before adding it to a pod.
 * @example container("proxy").image("envoyproxy/envoy:v1.30").port("http", 8080)
 */
export function container(name: string): ContainerBuilder<false, "container"> {
  return new ContainerBuilder({
    name, image: undefined, imagePullPolicy: undefined, command: undefined, args: undefined, workingDir: undefined, ports: [], envFrom: [], envFromSources: [], env: [],
    requests: undefined, limits: undefined, mounts: [], probes: { liveness: undefined, readiness: undefined, startup: undefined }, postStart: undefined, preStop: undefined, stopSignal: undefined, securityContext: undefined, restartPolicy: undefined,
    stdin: undefined, stdinOnce: undefined, tty: undefined, terminationMessagePolicy: undefined, resizePolicy: undefined,
  } satisfies AllKeys<ContainerProps>);
}

/**
 * An `env` entry of the YAML shape as `[name, value]`: `{ name, value }` gives the string, `{ name, valueFrom }` the
 * reference; anything else (from an untyped caller) is kept whole, for `build()` to report.
 */
function envEntry(entry: EnvVarEntry): readonly [string, EnvValue] {
  const { name, ...rest } = entry as { name: string; value?: unknown; valueFrom?: unknown };
  const keys = Object.keys(rest);
  if (keys.length === 1 && typeof rest.value === "string") return [name, rest.value];
  if (keys.length === 1 && "valueFrom" in rest) return [name, { valueFrom: rest.valueFrom } as EnvRef];
  return [name, rest as EnvRef];
}

/** Tells whether `value` is a container builder (for untyped callers). */
export function isContainerBuilder(value: unknown): value is ContainerBuilder {
  return value instanceof ContainerBuilder;
}

/** Whether a container is a native sidecar (`restartPolicy: Always`). */
export function isSidecar(container: ContainerBuilder): boolean {
  return propsOf(container).restartPolicy === "Always";
}

const stopSignal: Rule = {
  expected: 'a signal name the API server accepts, e.g. "SIGTERM", "SIGQUIT", "SIGUSR1" or "SIGRTMIN+3" (the type StopSignal lists them all)',
  test: (v) => (STANDARD_SIGNALS as readonly unknown[]).includes(v) || (REALTIME_SIGNALS as readonly unknown[]).includes(v),
};

const RESOURCE_NAMES: ReadonlyMap<string, string> = new Map([["cpu", "cpu"], ["memory", "memory"], ["ephemeralStorage", "ephemeral-storage"]]);

/** Writes a container's `V1Container`, recording problems under `path` (e.g. `spec.template.spec.containers[0]`). */
export function emitContainer(builder: ContainerBuilder, problems: Problems, path: string): V1Container {
  const p = propsOf(builder);
  problems.checkField(path, "name", p.name, dnsLabel);
  problems.checkField(path, "image", p.image, nonEmptyString);
  const out: V1Container = { name: p.name, image: p.image! };
  if (p.imagePullPolicy !== undefined) {
    problems.checkField(path, "imagePullPolicy", p.imagePullPolicy, emptyOr(oneOf(["Always", "IfNotPresent", "Never"])));
    out.imagePullPolicy = p.imagePullPolicy;
  }
  if (p.command) out.command = strings(p.command, pathOf(path, "command"), problems);
  if (p.args) out.args = strings(p.args, pathOf(path, "args"), problems);
  if (p.workingDir !== undefined) {
    problems.checkField(path, "workingDir", p.workingDir, anyString);
    out.workingDir = p.workingDir;
  }
  if (p.ports.length > 0) out.ports = emitPorts(p.ports, pathOf(path, "ports"), problems);
  if (p.envFrom.length > 0) out.envFrom = p.envFrom.map((source, i) => emitEnvFrom(source, `${pathOf(path, "envFrom")}[${i}]`, problems));
  if (p.env.length > 0) {
    const envPath = pathOf(path, "env");
    out.env = p.env.map(([name, value], i) => emitEnv(name, value, envPath, i, problems));
  }
  if (p.requests || p.limits) out.resources = emitResources(p, pathOf(path, "resources"), problems);
  if (p.mounts.length > 0) {
    out.volumeMounts = p.mounts.map((mount, i) => emitVolumeMount(mount, volumeName(p.name, mount, i), `${pathOf(path, "volumeMounts")}[${i}]`, problems, p.securityContext?.privileged === true));
    const paths = new Set<string>();
    out.volumeMounts.forEach((m, i) => {
      if (paths.has(m.mountPath)) problems.add(`${pathOf(path, "volumeMounts")}[${i}].mountPath`, "a path no other mount of this container uses", m.mountPath);
      paths.add(m.mountPath);
    });
  }
  for (const kind of ["liveness", "readiness", "startup"] as const) {
    const probe = p.probes[kind];
    if (!probe) continue;
    out[`${kind}Probe`] = emitProbe(probe.handler, probe.timings, pathOf(path, `${kind}Probe`), problems, kind);
    checkNamedPorts(p.ports, probe.handler, pathOf(path, `${kind}Probe`), problems);
  }
  if (p.preStop || p.postStart || p.stopSignal !== undefined) {
    out.lifecycle = {};
    for (const hook of ["postStart", "preStop"] as const) {
      const handler = p[hook];
      if (!handler) continue;
      out.lifecycle[hook] = emitHandler(handler, pathOf(path, `lifecycle.${hook}`), problems);
      // a preStop hook that fails does not fail the pod: the API server's word stands
      if (hook === "postStart") checkNamedPorts(p.ports, handler, pathOf(path, `lifecycle.${hook}`), problems);
    }
    if (p.stopSignal !== undefined) {
      problems.checkField(path, "lifecycle.stopSignal", p.stopSignal, stopSignal);
      out.lifecycle.stopSignal = p.stopSignal;
    }
  }
  if (p.securityContext) out.securityContext = emitSecurityContext(p.securityContext, CONTAINER_SECURITY_FIELDS, "a container securityContext", pathOf(path, "securityContext"), problems);
  if (p.restartPolicy !== undefined) {
    problems.checkField(path, "restartPolicy", p.restartPolicy, oneOf(["Always"]));
    out.restartPolicy = p.restartPolicy;
  }
  for (const flag of ["stdin", "stdinOnce", "tty"] as const) {
    if (p[flag] === undefined) continue;
    problems.checkField(path, flag, p[flag], boolean);
    out[flag] = p[flag];
  }
  if (p.terminationMessagePolicy !== undefined) {
    problems.checkField(path, "terminationMessagePolicy", p.terminationMessagePolicy, emptyOr(oneOf(["File", "FallbackToLogsOnError"])));
    out.terminationMessagePolicy = p.terminationMessagePolicy;
  }
  if (p.resizePolicy) {
    out.resizePolicy = p.resizePolicy.map((r, i) => {
      problems.check(`${pathOf(path, "resizePolicy")}[${i}].resourceName`, r.resourceName, oneOf(["cpu", "memory"]));
      problems.check(`${pathOf(path, "resizePolicy")}[${i}].restartPolicy`, r.restartPolicy, oneOf(["NotRequired", "RestartContainer"]));
      return { resourceName: r.resourceName, restartPolicy: r.restartPolicy };
    });
  }
  return out;
}

/** A probe's or hook's named ports (`handler` at `handlerPath`) must be ports of the container. */
function checkNamedPorts(ports: readonly PortProps[], handler: ProbeHandler | HookHandler, handlerPath: string, problems: Problems): void {
  for (const [field, name] of namedPortsOf(handler)) {
    // a malformed name is reported by the handler already
    if (!portName.test(name) || ports.some((port) => port.name === name)) continue;
    const portNames = ports.flatMap((port) => (port.name === undefined ? [] : [port.name]));
    problems.add(`${handlerPath}.${field}`, `a port number, or the name of one of this container's ports (${JSON.stringify(portNames)})`, name);
  }
}

function strings(list: readonly string[], path: string, problems: Problems): string[] {
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== "string") problems.add(`${path}[${i}]`, "a string", list[i]);
  }
  return [...list];
}

function emitPorts(ports: readonly PortProps[], path: string, problems: Problems): V1ContainerPort[] {
  return ports.map((port, i) => {
    const at = `${path}[${i}]`;
    const out: V1ContainerPort = port.name === undefined ? { containerPort: port.containerPort } : { name: port.name, containerPort: port.containerPort };
    if (port.name !== undefined) problems.check(`${at}.name`, port.name, emptyOr(portName));
    problems.check(`${at}.containerPort`, port.containerPort, portNumber);
    if (port.protocol !== undefined) {
      problems.check(`${at}.protocol`, port.protocol, emptyOr(oneOf(["TCP", "UDP", "SCTP"])));
      out.protocol = port.protocol;
    }
    if (port.hostPort !== undefined) {
      // 0 is no host port
      problems.check(`${at}.hostPort`, port.hostPort, integerBetween(0, 65535));
      out.hostPort = port.hostPort;
    }
    return out;
  });
}

function emitEnvFrom(source: V1EnvFromSource, path: string, problems: Problems): V1EnvFromSource {
  if (source.prefix !== undefined && source.prefix !== "") problems.check(`${path}.prefix`, source.prefix, envVarName);
  const [kind, ref] = source.secretRef ? ["secretRef", source.secretRef] : ["configMapRef", source.configMapRef];
  problems.check(`${path}.${kind}.name`, ref?.name, dnsSubdomain);
  return cloned(source);
}

/** Writes the `env` entry at `envPath[i]` (its path written only when a problem is reported). */
function emitEnv(name: string, value: EnvValue, envPath: string, i: number, problems: Problems): V1EnvVar {
  if (!envVarName.test(name)) problems.add(`${envPath}[${i}].name`, envVarName.expected, name);
  if (typeof value === "string") return { name, value };
  const valueFrom = emitEnvRef(value, `${envPath}[${i}]`, problems);
  return valueFrom ? { name, valueFrom } : { name };
}

/** The fields of a container's `securityContext` (`fsGroup`, `supplementalGroups` and `sysctls` are the pod's). */
const CONTAINER_SECURITY_FIELDS = [
  "allowPrivilegeEscalation", "appArmorProfile", "capabilities", "privileged", "procMount", "readOnlyRootFilesystem",
  "runAsGroup", "runAsNonRoot", "runAsUser", "seLinuxOptions", "seccompProfile", "windowsOptions",
];

/** Copies a container's or (`what`) a pod's `securityContext`, whose fields are `fields`, checking its user and group ids. */
export function emitSecurityContext<T extends object>(context: T, fields: readonly string[], what: string, path: string, problems: Problems): T {
  const values = context as Record<string, unknown>;
  checkFields(values, fields, what, path, problems);
  for (const id of ["runAsUser", "runAsGroup", "fsGroup"]) {
    if (values[id] !== undefined) problems.check(`${path}.${id}`, values[id], integerBetween(0, 2_147_483_647));
  }
  if (values.procMount !== undefined) problems.check(`${path}.procMount`, values.procMount, oneOf(["Default", "Unmasked"]));
  if (values.privileged === true && values.allowPrivilegeEscalation === false) {
    problems.add(`${path}.allowPrivilegeEscalation`, "true or nothing when privileged is true", false);
  }
  return cloned(context);
}

/**
 * Writes `resources` (a container's, or a pod's at `spec.resources`) at `path`, checking its lists and what Kubernetes
 * checks between them: a request at most its limit, huge pages and extended resources requested only with an equal
 * limit, huge pages only beside cpu or memory.
 */
export function emitResources(p: { readonly requests?: Resources | undefined; readonly limits?: Resources | undefined }, path: string, problems: Problems): V1ResourceRequirements {
  const out: V1ResourceRequirements = {};
  if (p.limits) out.limits = emitResourceList(p.limits, `${path}.limits`, problems);
  if (p.requests) out.requests = emitResourceList(p.requests, `${path}.requests`, problems);
  const requests = out.requests ?? {};
  const limits = out.limits ?? {};
  for (const resource in requests) {
    const request = requests[resource]!;
    const limit = limits[resource];
    // each quantity parsed once; one that does not parse was reported by emitResourceList
    const requested = quantityOf(request);
    const limited = limit === undefined ? undefined : quantityOf(limit);
    if (requested === undefined || (limit !== undefined && limited === undefined)) continue;
    if (isOvercommitable(resource)) {
      // the API server compares cpu in whole millicores, rounded up
      if (limited !== undefined && (resource === "cpu" ? milli(requested) > milli(limited) : requested > limited)) problems.add(`${path}.requests.${resource}`, `a quantity <= the limit ${JSON.stringify(limit)}`, request);
    } else if (limit === undefined) {
      problems.add(`${path}.limits.${resource}`, `a limit equal to the request ${JSON.stringify(request)}: ${resource} can't be overcommitted`, undefined);
    } else if (requested !== limited) {
      problems.add(`${path}.requests.${resource}`, `the limit ${JSON.stringify(limit)}: ${resource} can't be overcommitted`, request);
    }
  }
  const hasCpuOrMemory = requests.cpu !== undefined || limits.cpu !== undefined || requests.memory !== undefined || limits.memory !== undefined;
  if (!hasCpuOrMemory && (Object.keys(requests).some(isHugePages) || Object.keys(limits).some(isHugePages))) {
    problems.add(`${path}.limits`, "a cpu or memory request or limit beside huge pages", Object.keys({ ...requests, ...limits }));
  }
  return out;
}

/** The value of a valid (non-negative) quantity, or `undefined`. */
export function quantityOf(text: string): number | undefined {
  const value = parseQuantity(text)?.value;
  return value !== undefined && value >= 0 ? value : undefined;
}

/** Writes a list of compute resources (`ephemeralStorage` as `ephemeral-storage`), checking names and quantities. */
export function emitResourceList(list: Resources, path: string, problems: Problems, container = true): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in list) {
    const value = list[key as keyof Resources];
    if (value === undefined) continue;
    const resource = RESOURCE_NAMES.get(key) ?? key;
    out[resource] = value;
    if (!isResourceName(resource)) {
      problems.add(path, 'resource names cpu, memory, ephemeralStorage, "hugepages-<size>" or a prefixed extended resource such as "nvidia.com/gpu"', key);
    } else if (problems.checkField(path, resource, value, container ? quantity : signedQuantity) && container) {
      checkCountable(resource, value, path, problems);
    }
  }
  return out;
}

const isHugePages = (resource: string) => resource.startsWith("hugepages-");
/** Native resources have no prefix, or a kubernetes.io one. */
const isNative = (resource: string) => !resource.includes("/") || resource.includes("kubernetes.io/");
/** Huge pages and extended resources are never overcommitted: a request needs an equal limit. */
const isOvercommitable = (resource: string) => isNative(resource) && !isHugePages(resource);

/** An extended resource: prefixed, not by kubernetes.io, and with a quota name "requests.<name>" that is a qualified name. */
export function isExtendedResource(resource: string): boolean {
  return !isNative(resource) && !resource.startsWith("requests.") && qualifiedName.test(`requests.${resource}`);
}

/** A container resource name, as the API server checks it: cpu, memory, ephemeral-storage, hugepages-<size>, or prefixed. */
function isResourceName(resource: string): boolean {
  if (resource === "cpu" || resource === "memory") return true;
  if (!qualifiedName.test(resource)) return false;
  if (!resource.includes("/")) return ["cpu", "memory", "ephemeral-storage"].includes(resource) || isHugePages(resource);
  return isNative(resource) || isExtendedResource(resource);
}

/** Extended resources are counted in whole units; huge pages in whole pages of their size (`resource` of the list at `listPath`). */
function checkCountable(resource: string, value: string, listPath: string, problems: Problems): void {
  if (isNative(resource) && !isHugePages(resource)) return;
  const path = `${listPath}.${resource}`;
  if (isHugePages(resource)) {
    const page = quantityValue(resource.slice("hugepages-".length));
    if (!(page > 0 && Number.isInteger(quantityValue(value) / page))) problems.add(path, `a whole number of ${resource} pages`, value);
  } else if (!isNative(resource) && !Number.isInteger(quantityValue(value))) {
    problems.add(path, `a whole number: ${resource} is counted in units`, value);
  }
}
