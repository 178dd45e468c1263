import type { V1Container, V1ContainerPort, V1EnvVar, V1Probe, V1ResourceRequirements } from "@kubernetes/client-node";
import { Problems } from "./internal/errors.js";
import { quantity, quantityValue, type Quantity } from "./quantity.js";
import { dnsLabel, envVarName, nonEmptyString, oneOf, portName, portNumber } from "./validation/rules.js";

/** When the kubelet pulls the image. */
export type ImagePullPolicy = "Always" | "IfNotPresent" | "Never";

/** Compute resources: `cpu`, `memory`, `ephemeralStorage`, and extended resources such as `"nvidia.com/gpu"`. */
export interface Resources {
  readonly cpu?: Quantity;
  readonly memory?: Quantity;
  /** Written as `ephemeral-storage`. */
  readonly ephemeralStorage?: Quantity;
  readonly [extended: `${string}/${string}` | `hugepages-${string}`]: Quantity | undefined;
}

interface ContainerProps {
  readonly name: string;
  readonly image?: string;
  readonly imagePullPolicy?: ImagePullPolicy;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly ports: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly env: readonly (readonly [name: string, value: string])[];
  readonly requests?: Resources;
  readonly limits?: Resources;
  readonly livenessProbe?: V1Probe;
  readonly readinessProbe?: V1Probe;
  readonly preStop?: readonly string[];
  readonly postStart?: readonly string[];
}

/** A container that has an image, so it can run: what pods accept. */
export type CompleteContainer = ContainerBuilder<true>;

let propsOf: (container: ContainerBuilder) => ContainerProps;

/**
 * An immutable builder of a `V1Container`. Every method returns a new builder.
 * `HasImage` records whether `.image()` was called: only complete containers can be built or added to a pod.
 */
export class ContainerBuilder<HasImage extends boolean = boolean> {
  declare readonly "~hasImage": HasImage;
  readonly #props: ContainerProps;

  static {
    propsOf = (container) => container.#props;
  }

  /** @internal Use {@link container}. */
  constructor(props: ContainerProps) {
    this.#props = Object.freeze(props);
  }

  #with(changes: Partial<ContainerProps>): ContainerBuilder<HasImage> {
    return new ContainerBuilder({ ...this.#props, ...changes });
  }

  /** The container's name (`name`). */
  get name(): string {
    return this.#props.name;
  }

  /** Sets `image`: the image reference to run, e.g. `"busybox:1.36"`. */
  image(image: string): ContainerBuilder<true> {
    return new ContainerBuilder({ ...this.#props, image });
  }

  /** Sets `imagePullPolicy`. @default Kubernetes': `Always` for `:latest` or untagged images, else `IfNotPresent` */
  imagePullPolicy(imagePullPolicy: ImagePullPolicy): ContainerBuilder<HasImage> {
    return this.#with({ imagePullPolicy });
  }

  /** Sets `command`: the entrypoint, replacing the image's. */
  command(...command: string[]): ContainerBuilder<HasImage> {
    return this.#with({ command });
  }

  /** Sets `args`: arguments to the entrypoint. */
  args(...args: string[]): ContainerBuilder<HasImage> {
    return this.#with({ args });
  }

  /** Sets `workingDir`. */
  workingDir(workingDir: string): ContainerBuilder<HasImage> {
    return this.#with({ workingDir });
  }

  /**
   * Adds an entry to `env`: one `{ name, value }` per key, in order. A name given again replaces its value in place.
   * @example container("app").env({ LOG_LEVEL: "debug" })
   */
  env(variables: Readonly<Record<string, string>>): ContainerBuilder<HasImage> {
    const env = [...this.#props.env];
    for (const [name, value] of Object.entries(variables)) {
      const at = env.findIndex(([existing]) => existing === name);
      if (at === -1) env.push([name, value]);
      else env[at] = [name, value];
    }
    return this.#with({ env });
  }

  /** Adds to `ports` a named `{ name, containerPort }`. */
  port(name: string, containerPort: number): ContainerBuilder<HasImage>;
  /** Adds to `ports` an unnamed `{ containerPort }`. */
  port(containerPort: number): ContainerBuilder<HasImage>;
  port(nameOrPort: string | number, containerPort?: number): ContainerBuilder<HasImage> {
    const port = containerPort === undefined && typeof nameOrPort !== "string"
      ? { containerPort: nameOrPort }
      : { name: nameOrPort as string, containerPort: containerPort as number };
    return this.#with({ ports: [...this.#props.ports, port] });
  }

  /** Sets entries of `resources.requests`: what the scheduler reserves. Keys given again replace earlier values. */
  requests(requests: Resources): ContainerBuilder<HasImage> {
    return this.#with({ requests: { ...this.#props.requests, ...requests } });
  }

  /** Sets entries of `resources.limits`: what the container may not exceed. Keys given again replace earlier values. */
  limits(limits: Resources): ContainerBuilder<HasImage> {
    return this.#with({ limits: { ...this.#props.limits, ...limits } });
  }

  /**
   * Sets `livenessProbe` to run `command`; the container restarts when it fails.
   * Uses Piceli's timings: `initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3`.
   */
  livenessCommand(...command: string[]): ContainerBuilder<HasImage> {
    return this.#with({ livenessProbe: { exec: { command }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 } });
  }

  /**
   * Sets `readinessProbe` to run `command`; the pod receives traffic only while it succeeds.
   * Uses Piceli's timings: `initialDelaySeconds: 5, periodSeconds: 5`.
   */
  readinessCommand(...command: string[]): ContainerBuilder<HasImage> {
    return this.#with({ readinessProbe: { exec: { command }, initialDelaySeconds: 5, periodSeconds: 5 } });
  }

  /** Sets `lifecycle.preStop` to run `command` before the container is stopped. */
  preStopCommand(...command: string[]): ContainerBuilder<HasImage> {
    return this.#with({ preStop: command });
  }

  /** Sets `lifecycle.postStart` to run `command` right after the container starts. */
  postStartCommand(...command: string[]): ContainerBuilder<HasImage> {
    return this.#with({ postStart: command });
  }

  /**
   * Returns a fresh `V1Container`.
   * @throws {PiceliValidationError} when a value is one Kubernetes would reject.
   */
  build(this: CompleteContainer): V1Container {
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
export function container(name: string): ContainerBuilder<false> {
  return new ContainerBuilder({ name, ports: [], env: [] });
}

/** Tells whether `value` is a container builder (for untyped callers). */
export function isContainerBuilder(value: unknown): value is ContainerBuilder {
  return value instanceof ContainerBuilder;
}

const RESOURCE_NAMES: Readonly<Record<string, string>> = { cpu: "cpu", memory: "memory", ephemeralStorage: "ephemeral-storage" };
const EXTENDED_RESOURCE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?|hugepages-.+)$/;

/** Writes a container's `V1Container`, recording problems under `path` (e.g. `spec.template.spec.containers[0]`). */
export function emitContainer(builder: ContainerBuilder, problems: Problems, path: string): V1Container {
  const p = propsOf(builder);
  const at = (field: string) => (path ? `${path}.${field}` : field);
  problems.check(at("name"), p.name, dnsLabel);
  problems.check(at("image"), p.image, nonEmptyString);
  const out: V1Container = { name: p.name, image: p.image! };
  if (p.imagePullPolicy !== undefined) {
    problems.check(at("imagePullPolicy"), p.imagePullPolicy, oneOf(["Always", "IfNotPresent", "Never"]));
    out.imagePullPolicy = p.imagePullPolicy;
  }
  if (p.command) out.command = strings(p.command, at("command"), problems);
  if (p.args) out.args = strings(p.args, at("args"), problems);
  if (p.workingDir !== undefined) {
    problems.check(at("workingDir"), p.workingDir, nonEmptyString);
    out.workingDir = p.workingDir;
  }
  if (p.ports.length > 0) out.ports = p.ports.map((port, i) => emitPort(port, `${at("ports")}[${i}]`, problems));
  checkDuplicatePorts(out.ports ?? [], at("ports"), problems);
  if (p.env.length > 0) out.env = p.env.map(([name, value], i) => emitEnv(name, value, `${at("env")}[${i}]`, problems));
  if (p.requests || p.limits) out.resources = emitResources(p, at("resources"), problems);
  if (p.livenessProbe) out.livenessProbe = copyProbe(p.livenessProbe, at("livenessProbe"), problems);
  if (p.readinessProbe) out.readinessProbe = copyProbe(p.readinessProbe, at("readinessProbe"), problems);
  if (p.preStop || p.postStart) {
    out.lifecycle = {};
    if (p.postStart) out.lifecycle.postStart = { exec: { command: strings(p.postStart, at("lifecycle.postStart.exec.command"), problems) } };
    if (p.preStop) out.lifecycle.preStop = { exec: { command: strings(p.preStop, at("lifecycle.preStop.exec.command"), problems) } };
  }
  return out;
}

function strings(list: readonly string[], path: string, problems: Problems): string[] {
  if (list.length === 0) problems.add(path, "at least one string", []);
  list.forEach((item, i) => {
    if (typeof item !== "string") problems.add(`${path}[${i}]`, "a string", item);
  });
  return [...list];
}

function emitPort(port: ContainerProps["ports"][number], path: string, problems: Problems): V1ContainerPort {
  problems.check(`${path}.containerPort`, port.containerPort, portNumber);
  if (port.name === undefined) return { containerPort: port.containerPort };
  problems.check(`${path}.name`, port.name, portName);
  return { name: port.name, containerPort: port.containerPort };
}

function checkDuplicatePorts(ports: V1ContainerPort[], path: string, problems: Problems): void {
  const seen = new Set<number>();
  ports.forEach((port, i) => {
    if (seen.has(port.containerPort)) {
      problems.add(`${path}[${i}].containerPort`, "a port not already listed for this container and protocol", port.containerPort);
    }
    seen.add(port.containerPort);
  });
}

function emitEnv(name: string, value: string, path: string, problems: Problems): V1EnvVar {
  problems.check(`${path}.name`, name, envVarName);
  if (typeof value !== "string") problems.add(`${path}.value`, "a string", value);
  return { name, value };
}

function emitResources(p: ContainerProps, path: string, problems: Problems): V1ResourceRequirements {
  const out: V1ResourceRequirements = {};
  if (p.limits) out.limits = emitResourceList(p.limits, `${path}.limits`, problems);
  if (p.requests) out.requests = emitResourceList(p.requests, `${path}.requests`, problems);
  for (const [resource, request] of Object.entries(out.requests ?? {})) {
    const limit = out.limits?.[resource];
    if (limit !== undefined && quantity.test(limit) && quantity.test(request) && quantityValue(request) > quantityValue(limit)) {
      problems.add(`${path}.requests.${resource}`, `a quantity <= the limit ${JSON.stringify(limit)}`, request);
    }
  }
  return out;
}

function emitResourceList(list: Resources, path: string, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(list)) {
    if (value === undefined) continue;
    const resource = RESOURCE_NAMES[key] ?? key;
    if (!(key in RESOURCE_NAMES) && !EXTENDED_RESOURCE.test(key)) {
      problems.add(`${path}`, 'resource names cpu, memory, ephemeralStorage, "hugepages-<size>" or a prefixed extended resource such as "nvidia.com/gpu"', key);
      continue;
    }
    problems.check(`${path}.${resource}`, value, quantity);
    out[resource] = value;
  }
  return out;
}

function copyProbe(probe: V1Probe, path: string, problems: Problems): V1Probe {
  const { exec, ...timings } = probe;
  return { exec: { command: strings(exec!.command!, `${path}.exec.command`, problems) }, ...timings };
}

