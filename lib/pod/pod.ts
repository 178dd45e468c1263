import { cloned } from "../internal/cloned.js";
import type { V1Affinity, V1Container, V1NodeAffinity, V1NodeSelectorTerm, V1PodSecurityContext, V1PodTemplateSpec, V1Toleration, V1Volume } from "@kubernetes/client-node";
import {
  container, emitContainer, emitSecurityContext, isContainerBuilder, isSidecar,
  type AppContainerTraits, type ContainerBuilder, type InitContainerTraits,
} from "./container.js";
import { pathOf, PiceliValidationError, Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import type { AllKeys } from "../internal/types.js";
import { merged } from "../internal/merged.js";
import type { ServiceAccountBuilder } from "../kinds/rbac/service-account.js";
import { emitAnnotations, emitLabels, ObjectBuilder, type MetadataProps, type ObjectProps, type Referenced, type StringMap } from "../kinds/metadata.js";
import { anyString, boolean, dnsSubdomain, emptyOr, int64, labelValue, oneOf, qualifiedName } from "../validation/rules.js";
import { emitVolume, isClaimTemplate, volumeName, type ClaimTemplate } from "./volume.js";
import { checkPodOS, emitPodFields, type PodResourceRequirements, type DnsConfig, type DnsPolicy, type HostAlias, type PodFields, type PodOS, type TopologySpreadConstraint } from "./pod-fields.js";
import { anyAnnotationHashing, checksumOf, CHECKSUM_ANNOTATION } from "../kinds/config/from-files.js";

/**
 * What a workload builder knows about its containers, for the compiler: a workload builds only when every
 * container it has can run. The states name what to do next:
 * - {@link NoContainer}: `"no container: call .image() or .container() (…)"`;
 * - {@link NoContainerYet}: the same, with the main container named in the factory;
 * - `"main container has no image: call .image()"`: `.container(c => …)` made the main container without one;
 * - `"ready"`: the main container has an image;
 * - `"ready, no main container"`: only containers added by name, all with images (`.image()` has nothing to edit);
 * - `"ready, main container named"`: the same, but the factory named the main container, which `.image()` creates.
 */
export type PodState =
  | NoContainer
  | NoContainerYet
  | "main container has no image: call .image()"
  | "ready"
  | "ready, no main container"
  | "ready, main container named";

/**
 * The state of a new workload: no container yet. Where it is the expected type, a helper's parameter was typed after
 * a new builder (`ReturnType<typeof app>`): the text says to type it as the builder class, which takes any state.
 */
export type NoContainer = "no container: call .image() or .container() (a helper's parameter for any workload: type it DeploymentBuilder, JobBuilder, …)";

/**
 * What a workload's `Named` starts as, beside the main container's name: no container added by name yet. Where a
 * builder with containers added by name is given for a helper's parameter typed after a builder without them
 * (`ReturnType<typeof app>`), the compiler's message says `"proxy"` is not assignable to this text, which says what to do.
 */
export type NoNamedContainer = "no container added by name (a helper's parameter for any workload: type it DeploymentBuilder, JobBuilder, …)";

/** The state of a new workload whose factory named the main container (`{ container: "server" }`). */
export type NoContainerYet = "no container yet: call .image() or .container() (a helper's parameter for any workload: type it DeploymentBuilder, JobBuilder, …)";

/** The states in which a workload can be built. */
export type BuildableState = "ready" | "ready, no main container" | "ready, main container named";

/**
 * What `.image()` and `.container(c => …)` take on a workload whose containers were all added by name: there is no
 * main container to edit, and piceli never adds one the user did not ask for.
 */
export type NoMainContainer =
  "no main container: edit a named one with .container(name, c => c.image(…)), or name the main container in the factory, e.g. deployment(name, { container: \"server\" })";

/** Options every workload factory takes. */
export interface WorkloadOptions<Main extends string = string> {
  /**
   * The name of the main container (the one `.image()`, `.container(c => …)` and `.container(name, c => …)` with this
   * name edit), e.g. `"server"`. Without options: the workload's name.
   */
  readonly container: Main;
}

/**
 * How a workload's `Named` records the main container's name given in the factory (`{ container: "server" }` gives
 * `"server (main container)"`), so that `.container("server", c => …)` edits the main container. Nothing when the
 * name is not a literal.
 */
export type MainContainerNamed<Main extends string> = string extends Main ? never : `${Main} (main container)`;

/** The main container's name recorded in `Named` (see {@link MainContainerNamed}); `never` when unknown. */
type MainNameIn<Named extends string> = string extends Named ? never : Named extends `${infer Main} (main container)` ? Main : never;

/** Whether `.container(name, …)` names the main container. */
type IsMain<Name extends string, Named extends string> = [Name] extends [MainNameIn<Named>] ? true : false;

/** The container `.container(name, c => …)` gives its callback: the main container, or the one of that name. */
type NamedContainer<Name extends string, Named extends string, S extends PodState> =
  IsMain<Name, Named> extends true ? MainContainer<S> : ContainerBuilder<AddedBefore<Name, Named>, AppContainerTraits>;

/**
 * Whether the container `.container(name, …)` edits has an image: `true` when it was added before (all were added
 * with one), `false` for a new one, `boolean` when the names are unknown (`Named` is `string`, as in a helper's
 * parameter typed `DeploymentBuilder`).
 */
type AddedBefore<Name extends string, Named extends string> = string extends Named ? boolean : [Name] extends [Named] ? true : false;

/**
 * What a pod's container must be: one with an image. A container without one meets this message instead of
 * `Type 'false' is not assignable to type 'true'`.
 */
export type ContainerNeedsImage<C> = C extends { readonly "~hasImage": true } ? unknown
  : "piceli: this container has no image: call .image(ref) on it (every container of a pod needs one)";

/**
 * Each workload kind's builder, by kind: lets shared methods return the caller's own builder type. Empty here; each
 * workload's file adds its entry (declaration merging), so pod/ never imports the kinds built on it.
 */
export interface WorkloadBuilders<S extends PodState, Named extends string> {}

/** The effects of a node taint. */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/**
 * A toleration (`spec.template.spec.tolerations[]`): `operator: "Exists"` matches any value of `key` (or, without a
 * key, every taint); otherwise the taint's `key` and `value` must equal these. `tolerationSeconds` only with `NoExecute`.
 */
export type Toleration =
  & ({ readonly key?: string; readonly operator: "Exists"; readonly value?: "" } | { readonly key: string; readonly operator?: "Equal"; readonly value?: string })
  & ({ readonly effect?: "NoSchedule" | "PreferNoSchedule"; readonly tolerationSeconds?: never } | { readonly effect: "NoExecute"; readonly tolerationSeconds?: number });

/** The kinds of workload. */
export type WorkloadKind = keyof WorkloadBuilders<PodState, string>;

/** The pod template of a workload. */
export interface PodProps {
  /** `metadata.name` of the pod template: Kubernetes ignores it; Jobs write it as Piceli does. */
  readonly name?: string;
  readonly labels?: StringMap;
  readonly annotations?: StringMap;
  /** The main container, created by `.image()` or `.container(c => ...)`. */
  readonly main?: ContainerBuilder;
  /** The main container's name, when it is not the workload's (`{ container: "server" }`). */
  readonly mainName?: string;
  readonly containers: readonly ContainerBuilder[];
  readonly initContainers: readonly ContainerBuilder[];
  readonly restartPolicy?: string;
  readonly serviceAccountName?: string;
  /** The ServiceAccount builder `.serviceAccount()` was given, for {@link WorkloadBuilder.references}. */
  readonly serviceAccount?: ServiceAccountBuilder;
  readonly automountServiceAccountToken?: boolean;
  readonly imagePullSecrets: readonly string[];
  readonly nodeSelector?: StringMap;
  readonly tolerations: readonly Toleration[];
  readonly affinity?: V1Affinity;
  readonly securityContext?: V1PodSecurityContext;
  readonly terminationGracePeriodSeconds?: number;
  /** Scheduling, DNS, host namespaces and the other pod spec fields of `pod-fields.ts`. */
  readonly fields?: PodFields;
}

/** What every workload builder holds. */
export interface WorkloadProps extends ObjectProps {
  readonly pod: PodProps;
}

/** A pod with nothing set yet: every workload's pod starts as this, with all its keys (see {@link AllKeys}). */
export const emptyPod: PodProps = {
  name: undefined, labels: undefined, annotations: undefined, main: undefined, mainName: undefined, containers: [], initContainers: [], restartPolicy: undefined,
  serviceAccountName: undefined, serviceAccount: undefined, automountServiceAccountToken: undefined, imagePullSecrets: [], nodeSelector: undefined, tolerations: [],
  affinity: undefined, securityContext: undefined, terminationGracePeriodSeconds: undefined, fields: undefined,
} satisfies AllKeys<PodProps>;

/** The pod a workload factory starts with: no container, and the main container's name if `options` give one. */
export function startPod(options: WorkloadOptions | undefined): PodProps {
  return options?.container === undefined ? emptyPod : { ...emptyPod, mainName: options.container };
}

type MainContainer<S extends PodState> = ContainerBuilder<S extends "ready" ? true : false, AppContainerTraits>;
type WithOthers<S extends PodState> = S extends NoContainer ? "ready, no main container" : S extends NoContainerYet ? "ready, main container named" : S;

/**
 * Pod-level methods shared by every workload (Job, CronJob, Deployment, StatefulSet, DaemonSet). `S` tracks
 * whether the containers can run; `Named` the names of containers added with `.container(name, ...)` (and the main container's, {@link MainContainerNamed}), `string` when unknown.
 */
export abstract class WorkloadBuilder<K extends WorkloadKind, S extends PodState, Named extends string, Props extends WorkloadProps>
  extends ObjectBuilder<Props> {
  /** What the containers still need, for the compiler (see {@link PodState}). */
  declare readonly "~state": S;
  declare readonly "~named": Named;

  /** Returns a new builder of the same class with `props`, and `metadata` and the pod template `pod` if given (see ObjectBuilder's). */
  protected abstract override with(props: Props, metadata?: MetadataProps, pod?: PodProps): this;

  /** Returns a new builder with the pod template `pod`, which callers write as `{ ...this.props.pod, changed }` (one copy, fast for V8 at every call site). */
  protected withPod(pod: PodProps): this {
    return this.with(this.props, this.props.metadata, pod);
  }

  /** The pods' labels (`spec.template.metadata.labels`), as Services and selectors see them. */
  get podLabels(): StringMap {
    return this.props.pod.labels ?? {};
  }

  /** The pod's containers, main first. */
  get containers(): readonly ContainerBuilder[] {
    const { main, containers } = this.props.pod;
    return main ? [main, ...containers] : containers;
  }

  /** The ServiceAccount, ConfigMaps, Secrets and PersistentVolumeClaims the pods use, as builders, each once. */
  override get references(): readonly Referenced[] {
    const { serviceAccount, initContainers } = this.props.pod;
    const all = [...(serviceAccount ? [serviceAccount] : []), ...[...this.containers, ...initContainers].flatMap((c) => c.references)];
    return [...new Set(all)];
  }

  /**
   * Sets the main container's `image`, creating the main container (named like the workload, or as the factory's
   * `{ container }` option says) if needed. Shortcut for `.container(c => c.image(image))`. On a workload whose
   * containers were all added by name, there is no main container: edit one with `.container(name, c => …)`.
   */
  image(image: S extends "ready, no main container" ? NoMainContainer : string): WorkloadBuilders<"ready", Named>[K] {
    return this.withPod({ ...this.props.pod, main: this.main("image").image(image) }) as never;
  }

  /**
   * Edits the main container (named like the workload; first in `spec.template.spec.containers`), creating it if needed.
   * @example job("migrate").container(c => c.image("app:1.2").command("./migrate"))
   */
  container(
    edit: S extends "ready, no main container" ? NoMainContainer : (main: MainContainer<S>) => ContainerBuilder<true, AppContainerTraits>,
  ): WorkloadBuilders<"ready", Named>[K];
  /**
   * Edits the main container, as above, leaving it without an image: `.image()` is then still to call. (Two overloads
   * rather than one generic in the image: a callback to a generic costs the compiler two passes over it.)
   */
  container(
    edit: S extends "ready, no main container" ? NoMainContainer : (main: MainContainer<S>) => ContainerBuilder<boolean, AppContainerTraits>,
  ): WorkloadBuilders<"main container has no image: call .image()", Named>[K];
  /**
   * Adds the container `name`, or edits it if it was added before; the callback must leave it with an image. Naming
   * the main container (the factory's `{ container }` option) edits it like `.container(c => …)`.
   * @example job("x").image("app").container("proxy", c => c.image("envoyproxy/envoy:v1.30"))
   * @example deployment("cart", { container: "server" }).image("cart:v1").container("server", c => c.port(7070))
   */
  container<Name extends string, C extends ContainerBuilder<boolean, AppContainerTraits>, N extends string = string>(
    // N is Named, read from the builder: a condition on Named itself would make builders with other names unrelated types
    this: { readonly "~named": N },
    name: Name,
    edit: (container: NamedContainer<Name, N, S>) => C & (IsMain<Name, N> extends true ? unknown : ContainerNeedsImage<C>),
  ): IsMain<Name, N> extends true
    ? WorkloadBuilders<C extends { readonly "~hasImage": true } ? "ready" : "main container has no image: call .image()", Named>[K]
    : WorkloadBuilders<WithOthers<S>, Named | Name>[K];
  /** Adds a container built on its own with `container(name)`, replacing one of the same name. */
  container<C extends ContainerBuilder<boolean, AppContainerTraits>>(complete: C & ContainerNeedsImage<C>): WorkloadBuilders<WithOthers<S>, Named>[K];
  container(first: unknown, edit?: unknown): unknown {
    if (typeof first === "function") return this.withPod({ ...this.props.pod, main: this.edit(this.main("container"), first, "the main container") });
    const { main, mainName } = this.props.pod;
    if (typeof first === "string" && first === (main?.name ?? mainName)) {
      return this.withPod({ ...this.props.pod, main: this.edit(this.main("container"), edit, `the main container ${JSON.stringify(first)}`) });
    }
    return this.withPod({ ...this.props.pod, containers: upsert(this.props.pod.containers, this.resolve(first, edit, "containers")) });
  }

  /**
   * Adds the init container `name` (run to completion, in order, before the containers start; or, with
   * `restartPolicy("Always")`, a sidecar running beside them), or edits it. Sets `spec.template.spec.initContainers`.
   */
  initContainer<C extends ContainerBuilder<boolean, InitContainerTraits>>(name: string, edit: (container: ContainerBuilder<false, "container">) => C & ContainerNeedsImage<C>): this;
  /** Adds an init container built with `container(name)`, replacing one of the same name. */
  initContainer<C extends ContainerBuilder<boolean, InitContainerTraits>>(complete: C & ContainerNeedsImage<C>): this;
  initContainer(first: unknown, edit?: unknown): this {
    return this.withPod({ ...this.props.pod, initContainers: upsert(this.props.pod.initContainers, this.resolve(first, edit, "initContainers")) });
  }

  /** Sets `spec.template.metadata.name`. Kubernetes ignores it (pods get generated names). @default Jobs and CronJobs: the workload's name; others: none */
  templateName(name: string): this {
    return this.withPod({ ...this.props.pod, name });
  }

  /** Adds `spec.template.metadata.labels`: the pods' labels. Keys given again replace earlier values. */
  templateLabels(labels: StringMap): this {
    return this.withPod({ ...this.props.pod, labels: merged(this.props.pod.labels, labels) });
  }

  /** Adds `spec.template.metadata.annotations`: the pods' annotations. */
  templateAnnotations(annotations: StringMap): this {
    return this.withPod({ ...this.props.pod, annotations: merged(this.props.pod.annotations, annotations) });
  }

  /** Adds `spec.template.spec.imagePullSecrets`: names of Secrets holding registry credentials. */
  imagePullSecrets(...names: string[]): this {
    const imagePullSecrets = [...this.props.pod.imagePullSecrets];
    for (const name of names) if (!imagePullSecrets.includes(name)) imagePullSecrets.push(name);
    return this.withPod({ ...this.props.pod, imagePullSecrets });
  }

  /** Sets `spec.template.spec.serviceAccountName`: the identity the pods run as. @default "default" (Kubernetes) */
  serviceAccountName(name: string): this {
    return this.withPod({ ...this.props.pod, serviceAccountName: name, serviceAccount: undefined });
  }

  /** Sets `spec.template.spec.serviceAccountName` to this ServiceAccount's name. */
  serviceAccount(account: ServiceAccountBuilder): this {
    return this.withPod({ ...this.props.pod, serviceAccountName: account.name, serviceAccount: account });
  }

  /** Sets `spec.template.spec.automountServiceAccountToken`: whether the pods get an API token mounted. */
  automountServiceAccountToken(automount: boolean): this {
    return this.withPod({ ...this.props.pod, automountServiceAccountToken: automount });
  }

  /** Sets `spec.template.spec.terminationGracePeriodSeconds`: how long pods get to stop. @default 30 (Kubernetes) */
  terminationGracePeriodSeconds(seconds: number): this {
    return this.withPod({ ...this.props.pod, terminationGracePeriodSeconds: seconds });
  }

  /** Adds `spec.template.spec.nodeSelector`: node labels a node must have to run the pods. */
  nodeSelector(labels: StringMap): this {
    return this.withPod({ ...this.props.pod, nodeSelector: merged(this.props.pod.nodeSelector, labels) });
  }

  /**
   * Adds `spec.template.spec.tolerations`: taints the pods may be scheduled despite.
   * @example daemonSet("agent").image("agent:1").tolerations({ operator: "Exists" })
   */
  tolerations(...tolerations: Toleration[]): this {
    return this.withPod({ ...this.props.pod, tolerations: [...this.props.pod.tolerations, ...tolerations] });
  }

  /** Sets `spec.template.spec.affinity`: node affinity and pod (anti-)affinity rules. */
  affinity(affinity: V1Affinity): this {
    return this.withPod({ ...this.props.pod, affinity });
  }

  /** Sets entries of `spec.template.spec.securityContext` (the pod's: `fsGroup`, `runAsUser`, `seccompProfile`, ...); keys given again replace earlier values. */
  securityContext(securityContext: V1PodSecurityContext): this {
    return this.withPod({ ...this.props.pod, securityContext: merged(this.props.pod.securityContext, securityContext) });
  }

  /**
   * Runs the pods as `uid` (Piceli's `security_context_uid`): sets the pod's `securityContext` to
   * `runAsUser`, `runAsGroup` and `fsGroup` = `uid`, `runAsNonRoot: true`, `seccompProfile: RuntimeDefault`.
   */
  securityContextUid(uid: number): this {
    return this.securityContext({ runAsUser: uid, runAsGroup: uid, fsGroup: uid, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
  }

  /** Sets `spec.template.spec.priorityClassName`: the pods' scheduling priority (a PriorityClass builder or its name). */
  priorityClassName(priorityClass: { readonly name: string } | string): this {
    return this.withFields({ priorityClassName: typeof priorityClass === "string" ? priorityClass : priorityClass.name });
  }

  /**
   * Adds `spec.template.spec.topologySpreadConstraints`: how the pods spread over zones or nodes.
   * @example deployment("web").image("web").topologySpreadConstraints({ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } })
   */
  topologySpreadConstraints(...constraints: TopologySpreadConstraint[]): this {
    return this.withFields({ topologySpreadConstraints: [...this.props.pod.fields?.topologySpreadConstraints ?? [], ...constraints.map((c) => cloned(c))] });
  }

  /** Sets `spec.template.spec.dnsPolicy` (`"None"` needs `.dnsConfig()` with a name server). @default "ClusterFirst" (Kubernetes) */
  dnsPolicy(dnsPolicy: DnsPolicy): this {
    return this.withFields({ dnsPolicy });
  }

  /** Sets `spec.template.spec.dnsConfig`: name servers (at most 3), search domains and resolver options. */
  dnsConfig(dnsConfig: DnsConfig): this {
    return this.withFields({ dnsConfig: cloned(dnsConfig) });
  }

  /** Adds `spec.template.spec.hostAliases`: entries of the pods' `/etc/hosts`. */
  hostAliases(...aliases: HostAlias[]): this {
    return this.withFields({ hostAliases: [...this.props.pod.fields?.hostAliases ?? [], ...aliases.map((a) => cloned(a))] });
  }

  /** Sets `spec.template.spec.hostNetwork`: the pods use the node's network namespace. @default false */
  hostNetwork(hostNetwork = true): this {
    return this.withFields({ hostNetwork });
  }

  /** Sets `spec.template.spec.hostPID`: the pods see the node's processes. @default false */
  hostPID(hostPID = true): this {
    return this.withFields({ hostPID });
  }

  /** Sets `spec.template.spec.hostIPC`: the pods use the node's IPC namespace. @default false */
  hostIPC(hostIPC = true): this {
    return this.withFields({ hostIPC });
  }

  /** Sets `spec.template.spec.runtimeClassName`: the RuntimeClass (e.g. `"gvisor"`) the pods run with. */
  runtimeClassName(runtimeClassName: string): this {
    return this.withFields({ runtimeClassName });
  }

  /** Sets `spec.template.spec.shareProcessNamespace`: the containers see each other's processes. @default false */
  shareProcessNamespace(share = true): this {
    return this.withFields({ shareProcessNamespace: share });
  }

  /** Sets `spec.template.spec.enableServiceLinks`: whether Services' addresses become environment variables. @default true (Kubernetes) */
  enableServiceLinks(enable: boolean): this {
    return this.withFields({ enableServiceLinks: enable });
  }

  /** Adds `spec.template.spec.readinessGates`: pod conditions (e.g. a load balancer's) that must be true for the pod to be ready. */
  readinessGates(...conditionTypes: string[]): this {
    return this.withFields({ readinessGates: [...this.props.pod.fields?.readinessGates ?? [], ...conditionTypes] });
  }

  /**
   * Sets `spec.template.spec.os.name`: the OS the pods run on. `build()` then checks the pod's fields against it, as
   * the API server does: a Windows pod has no Linux-only fields (`shareProcessNamespace`, most of `securityContext`),
   * a Linux pod no `windowsOptions`. Containers with a `.stopSignal()` need it.
   */
  os(name: PodOS): this {
    return this.withFields({ os: name });
  }

  /**
   * Adds `spec.template.spec.schedulingGates`: the scheduler leaves the pods pending until a controller removes every
   * gate (names are qualified names, e.g. `"example.com/quota"`, each once). Kubernetes lets a gate be removed, never added, once a pod exists.
   * @example job("train").image("trainer:1").schedulingGates("example.com/quota")
   */
  schedulingGates(name: string, ...more: string[]): this {
    return this.withFields({ schedulingGates: [...this.props.pod.fields?.schedulingGates ?? [], name, ...more] });
  }

  /** Sets `spec.template.spec.hostname`: the pods' host name (a DNS label). @default the pod's name (Kubernetes) */
  hostname(hostname: string): this {
    return this.withFields({ hostname });
  }

  /**
   * Sets `spec.template.spec.subdomain` (a DNS label): with a headless Service of that name in the namespace, each pod
   * gets the DNS name `<hostname>.<subdomain>.<namespace>.svc.<cluster domain>`.
   */
  subdomain(subdomain: string): this {
    return this.withFields({ subdomain });
  }

  /** Sets `spec.template.spec.setHostnameAsFQDN`: the pods' kernel host name is their fully qualified domain name. @default false */
  setHostnameAsFQDN(fqdn = true): this {
    return this.withFields({ setHostnameAsFQDN: fqdn });
  }

  /**
   * Sets `spec.template.spec.hostUsers`: `false` runs the pods in their own user namespace (root in the pod is not root
   * on the node); then they can't use the node's network, PID or IPC namespace. Not on a Windows pod, with either value
   * (`build()` checks both, as the API server does).
   * @default true (Kubernetes)
   */
  hostUsers(hostUsers: boolean): this {
    return this.withFields({ hostUsers });
  }

  /**
   * Sets entries of `spec.template.spec.resources`: requests and limits of the whole pod, which its containers share
   * (`cpu`, `memory`, `hugepages-<size>`; keys given again replace earlier values). `build()` checks them as the API
   * server does: a request at most its limit, huge pages with an equal limit and beside cpu or memory, the pod's request
   * at least its containers' aggregate one, each container's limit at most the pod's; not on a Windows pod.
   * @example deployment("web").image("nginx").resources({ requests: { cpu: "1", memory: "100Mi" }, limits: { cpu: "1", memory: "200Mi" } })
   */
  resources(resources: PodResourceRequirements): this {
    const { requests, limits } = resources;
    const before = this.props.pod.fields?.resources;
    const after: { requests?: PodResourceRequirements["requests"]; limits?: PodResourceRequirements["limits"] } = { ...resources };
    if (requests !== undefined) after.requests = merged(before?.requests, requests);
    else if (before?.requests !== undefined) after.requests = before.requests;
    if (limits !== undefined) after.limits = merged(before?.limits, limits);
    else if (before?.limits !== undefined) after.limits = before.limits;
    return this.withFields({ resources: after });
  }

  private withFields(changes: Partial<PodFields>): this {
    return this.withPod({ ...this.props.pod, fields: merged(this.props.pod.fields, changes) });
  }

  /** Sets `spec.template.spec.restartPolicy`; each kind narrows what it accepts. */
  protected withRestartPolicy(restartPolicy: string): this {
    return this.withPod({ ...this.props.pod, restartPolicy });
  }

  /** The main container, or a new one if the user asked for it: never beside containers added by name unless named in the factory. */
  private main(method: string): ContainerBuilder {
    const { main, mainName, containers } = this.props.pod;
    if (main) return main;
    if (mainName === undefined && containers.length > 0) {
      throw new PiceliValidationError(this.describe(), [{
        path: "spec.template.spec.containers",
        expected: `a main container for .${method}() to edit: edit a named one with .container(name, c => …), or name the main container in the factory ({ container: "…" })`,
        received: containers.map((c) => c.name),
      }]);
    }
    return container(mainName ?? this.props.metadata.name);
  }

  private edit(target: ContainerBuilder, edit: unknown, what: string, list: "containers" | "initContainers" = "containers"): ContainerBuilder {
    const result = typeof edit === "function" ? edit(target) : undefined;
    if (isContainerBuilder(result)) return result;
    throw new PiceliValidationError(this.describe(), [
      { path: `spec.template.spec.${list}`, expected: `a callback that returns the edited container for ${what}`, received: typeof edit === "function" ? result : edit },
    ]);
  }

  private resolve(first: unknown, edit: unknown, list: "containers" | "initContainers"): ContainerBuilder {
    if (isContainerBuilder(first) && edit === undefined) return first;
    if (typeof first === "string") {
      const existing = this.props.pod[list].find((c) => c.name === first) ?? container(first);
      return this.edit(existing, edit, `the container ${JSON.stringify(first)}`, list);
    }
    throw new PiceliValidationError(this.describe(), [
      { path: `spec.template.spec.${list}`, expected: "a container name and a callback, or a container built with container(name)", received: first },
    ]);
  }
}

function upsert(list: readonly ContainerBuilder[], item: ContainerBuilder): ContainerBuilder[] {
  const at = list.findIndex((c) => c.name === item.name);
  return at === -1 ? [...list, item] : list.map((c, i) => (i === at ? item : c));
}

/** The claim templates a pod's containers mount, de-duplicated by name (for a StatefulSet's `volumeClaimTemplates`). */
export function claimTemplatesOf(pod: PodProps): ClaimTemplate[] {
  const all = [...(pod.main ? [pod.main] : []), ...pod.containers, ...pod.initContainers].flatMap((c) =>
    c.mounts.flatMap(({ source }) => (isClaimTemplate(source) ? [source] : [])));
  return [...new Map(all.map((t) => [t.name, t])).values()];
}

/**
 * Writes the pod template at `path` (e.g. `spec.template`; `""` for a Pod's own metadata and spec): its metadata (name, labels, annotations, as given), then the pod spec.
 * Checks that there is a container, that every container has an image, that names are unique, that init
 * containers with probes or hooks are sidecars and that only init containers are sidecars, and collects the
 * containers' volumes (claim templates only where `claimTemplates` is true).
 */
export function emitPodTemplate(pod: PodProps, problems: Problems, path: string, claimTemplates = false): V1PodTemplateSpec {
  const metadata: NonNullable<V1PodTemplateSpec["metadata"]> = {};
  // the API server does not check a template's name: it is never used
  if (pod.name !== undefined) metadata.name = pod.name;
  if (pod.labels) metadata.labels = emitLabels(pod.labels, pathOf(path, "metadata.labels"), problems);
  if (pod.annotations) metadata.annotations = emitAnnotations(pod.annotations, pathOf(path, "metadata.annotations"), problems);
  const checksum = anyAnnotationHashing() && checksumOf([...(pod.main ? [pod.main] : []), ...pod.containers, ...pod.initContainers].flatMap((c) => c.references));
  if (checksum) {
    const given = pod.annotations?.[CHECKSUM_ANNOTATION];
    if (given !== undefined) problems.add(pathOf(path, `metadata.annotations[${JSON.stringify(CHECKSUM_ANNOTATION)}]`), 'nothing: piceli writes it for the .hashed("annotation") ConfigMaps and Secrets the pods use', given);
    metadata.annotations = { ...metadata.annotations, [CHECKSUM_ANNOTATION]: checksum };
  }

  const specPath = pathOf(path, "spec");
  const containers = pod.main ? [pod.main, ...pod.containers] : pod.containers;
  if (containers.length === 0) problems.add(`${specPath}.containers`, "at least one container: call .image() or .container()", []);
  const spec: NonNullable<V1PodTemplateSpec["spec"]> = { containers: [] };
  const gracePeriod = pod.terminationGracePeriodSeconds ?? 30;
  if (pod.initContainers.length > 0) {
    spec.initContainers = pod.initContainers.map((c, i) => {
      const out = emitContainer(c, problems, `${specPath}.initContainers[${i}]`);
      if (!isSidecar(c)) {
        for (const field of ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] as const) {
          if (out[field]) problems.add(`${specPath}.initContainers[${i}].${field}`, 'nothing on an init container, unless it is a sidecar (restartPolicy("Always"))', out[field]);
        }
      }
      checkSleep(out, gracePeriod, `${specPath}.initContainers[${i}]`, problems);
      return out;
    });
  }
  spec.containers = containers.map((c, i) => {
    const out = emitContainer(c, problems, `${specPath}.containers[${i}]`);
    if (out.restartPolicy !== undefined) problems.add(`${specPath}.containers[${i}].restartPolicy`, "nothing: only init containers can be sidecars", out.restartPolicy);
    checkSleep(out, gracePeriod, `${specPath}.containers[${i}]`, problems);
    return out;
  });
  if (spec.initContainers || spec.containers.length > 1) checkUniqueNames([...(spec.initContainers ?? []), ...spec.containers], spec.initContainers?.length ?? 0, specPath, problems);
  checkUniquePortNames(spec.containers, specPath, problems);
  if (pod.restartPolicy !== undefined) spec.restartPolicy = pod.restartPolicy;
  if (pod.serviceAccountName !== undefined) {
    problems.check(`${specPath}.serviceAccountName`, pod.serviceAccountName, emptyOr(dnsSubdomain));
    spec.serviceAccountName = pod.serviceAccountName;
  }
  if (pod.automountServiceAccountToken !== undefined) {
    problems.check(`${specPath}.automountServiceAccountToken`, pod.automountServiceAccountToken, boolean);
    spec.automountServiceAccountToken = pod.automountServiceAccountToken;
  }
  if (pod.imagePullSecrets.length > 0) {
    spec.imagePullSecrets = pod.imagePullSecrets.map((secret, i) => {
      // the API server takes any name: a missing Secret only means pulling without credentials
      if (!anyString.test(secret)) problems.add(`${specPath}.imagePullSecrets[${i}].name`, anyString.expected, secret);
      return { name: secret };
    });
  }
  if (pod.nodeSelector) spec.nodeSelector = emitLabels(pod.nodeSelector, `${specPath}.nodeSelector`, problems);
  if (pod.tolerations.length > 0) spec.tolerations = pod.tolerations.map((t, i) => emitToleration(t, `${specPath}.tolerations[${i}]`, problems));
  if (pod.affinity) {
    checkNodeAffinity(pod.affinity.nodeAffinity, `${specPath}.affinity.nodeAffinity`, problems);
    spec.affinity = cloned(pod.affinity);
  }
  if (pod.securityContext) spec.securityContext = emitSecurityContext(pod.securityContext, POD_SECURITY_FIELDS, "a pod securityContext", `${specPath}.securityContext`, problems);
  if (pod.terminationGracePeriodSeconds !== undefined) {
    // an int64; the API server takes a negative one too (the kubelet reads it as 1)
    problems.check(`${specPath}.terminationGracePeriodSeconds`, pod.terminationGracePeriodSeconds, int64);
    spec.terminationGracePeriodSeconds = pod.terminationGracePeriodSeconds;
  }
  if (pod.fields) emitPodFields(pod.fields, spec, specPath, problems);
  checkPodOS(spec, specPath, problems);
  if (containers.some(hasMounts) || pod.initContainers.some(hasMounts)) {
    const mounting = [
      ...containers.map((c, i) => [c, `${specPath}.containers[${i}]`] as const),
      ...pod.initContainers.map((c, i) => [c, `${specPath}.initContainers[${i}]`] as const),
    ];
    const volumes = emitVolumes(mounting, `${specPath}.volumes`, problems, claimTemplates);
    if (volumes.length > 0) spec.volumes = volumes;
  }
  return metadata.name === undefined && metadata.labels === undefined && metadata.annotations === undefined ? { spec } : { metadata, spec };
}

const hasMounts = (c: ContainerBuilder) => c.mounts.length > 0;

/** The fields of a pod's `securityContext`. */
const POD_SECURITY_FIELDS = [
  "appArmorProfile", "fsGroup", "fsGroupChangePolicy", "runAsGroup", "runAsNonRoot", "runAsUser", "seLinuxChangePolicy",
  "seLinuxOptions", "seccompProfile", "supplementalGroups", "supplementalGroupsPolicy", "sysctls", "windowsOptions",
];

/** A `sleep` hook may not outlast the pod's grace period (Kubernetes rejects it). */
function checkSleep(container: V1Container, gracePeriod: number, path: string, problems: Problems): void {
  for (const hook of ["postStart", "preStop"] as const) {
    const seconds = container.lifecycle?.[hook]?.sleep?.seconds;
    if (seconds !== undefined && Number.isInteger(gracePeriod) && seconds > gracePeriod) {
      problems.add(`${path}.lifecycle.${hook}.sleep.seconds`, `at most the pod's terminationGracePeriodSeconds (${gracePeriod})`, seconds);
    }
  }
}

/** The API server's checks of node affinity's expressions: a known operator, and the values it takes. */
function checkNodeAffinity(affinity: V1NodeAffinity | undefined, path: string, problems: Problems): void {
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const preferred = affinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const terms: [V1NodeSelectorTerm, string][] = [
    ...required.map((t, i): [V1NodeSelectorTerm, string] => [t, `${path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`]),
    ...preferred.map((p, i): [V1NodeSelectorTerm, string] => [p.preference, `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`]),
  ];
  for (const [term, at] of terms) {
    for (const list of ["matchExpressions", "matchFields"] as const) {
      term?.[list]?.forEach((e, i) => {
        const here = `${at}.${list}[${i}]`;
        if (list === "matchExpressions") problems.check(`${here}.key`, e.key, qualifiedName);
        if (!problems.check(`${here}.operator`, e.operator, oneOf(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]))) return;
        const values = e.values ?? [];
        if ((e.operator === "In" || e.operator === "NotIn") && values.length === 0) problems.add(`${here}.values`, `at least one value for ${e.operator}`, e.values);
        if ((e.operator === "Exists" || e.operator === "DoesNotExist") && values.length > 0) problems.add(`${here}.values`, `no values for ${e.operator}`, e.values);
        if ((e.operator === "Gt" || e.operator === "Lt") && values.length !== 1) problems.add(`${here}.values`, `exactly one value for ${e.operator}`, e.values);
      });
    }
  }
}

const TOLERATION_FIELDS = ["key", "operator", "value", "effect", "tolerationSeconds"];

/** Writes a toleration, checking what Kubernetes checks: key, operator and value, effect, and seconds only for NoExecute. */
function emitToleration(toleration: Toleration, path: string, problems: Problems): V1Toleration {
  const t = toleration as V1Toleration;
  checkFields(t, TOLERATION_FIELDS, "a toleration", path, problems);
  if (t.key !== undefined && t.key !== "") problems.check(`${path}.key`, t.key, qualifiedName);
  if (t.operator !== undefined) problems.check(`${path}.operator`, t.operator, oneOf(["Exists", "Equal"]));
  if (!t.key && t.operator !== "Exists") problems.add(`${path}.operator`, '"Exists" when there is no key (a toleration of every taint)', t.operator);
  if (t.operator === "Exists" && t.value) problems.add(`${path}.value`, 'nothing when operator is "Exists"', t.value);
  if (t.operator !== "Exists" && t.value !== undefined) problems.check(`${path}.value`, t.value, labelValue);
  if (t.effect !== undefined && t.effect !== "") problems.check(`${path}.effect`, t.effect, oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"]));
  if (t.tolerationSeconds !== undefined) {
    problems.check(`${path}.tolerationSeconds`, t.tolerationSeconds, { expected: "an integer", test: Number.isInteger });
    if (t.effect !== "NoExecute") problems.add(`${path}.effect`, '"NoExecute" when tolerationSeconds is set', t.effect);
  }
  return { ...t };
}

/**
 * Collects the pod volumes of the mounts of `containers` (each with its path), once per volume name: a name
 * defined twice differently is a problem, and so is a claim template outside a StatefulSet.
 */
function emitVolumes(containers: readonly (readonly [ContainerBuilder, string])[], path: string, problems: Problems, claimTemplates: boolean): V1Volume[] {
  const volumes = new Map<string, { volume: V1Volume | undefined; json: string; at: string }>();
  let emitted = 0;
  for (const [c, containerPath] of containers) {
    c.mounts.forEach((mount, i) => {
      const name = volumeName(c.name, mount, i);
      const seen = volumes.get(name);
      // the first mount of a name reports its problems; later ones are only compared with it
      const volume = emitVolume(mount, name, seen?.at ?? `${path}[${emitted}]`, seen ? new Problems() : problems);
      const json = JSON.stringify(volume ?? mount.source);
      if (seen && seen.json !== json) {
        problems.add(`${containerPath}.volumeMounts[${i}].name`, `one definition per volume name; ${JSON.stringify(name)} is defined twice differently`, name);
      }
      if (isClaimTemplate(mount.source) && !claimTemplates) {
        problems.add(`${containerPath}.volumeMounts[${i}]`, "a volume the pod can have: claimTemplate() mounts only work in a StatefulSet", name);
      }
      if (seen) return;
      volumes.set(name, { volume, json, at: `${path}[${emitted}]` });
      if (volume) emitted++;
    });
  }
  return [...volumes.values()].flatMap(({ volume }) => (volume ? [volume] : []));
}

function checkUniqueNames(all: V1Container[], initCount: number, specPath: string, problems: Problems): void {
  const seen = new Set<string>();
  all.forEach((c, i) => {
    if (!seen.has(c.name)) seen.add(c.name);
    else problems.add(i < initCount ? `${specPath}.initContainers[${i}].name` : `${specPath}.containers[${i - initCount}].name`, "a name no other container or init container of the pod has", c.name);
  });
}

/** Port names are unique within a container (the API server lets two containers name a port alike). */
function checkUniquePortNames(containers: V1Container[], specPath: string, problems: Problems): void {
  containers.forEach((c, i) => {
    // most containers have one port or none
    if (c.ports === undefined || c.ports.length < 2) return;
    const seen = new Set<string>();
    c.ports.forEach((port, j) => {
      if (!port.name) return;
      if (seen.has(port.name)) problems.add(`${specPath}.containers[${i}].ports[${j}].name`, "a port name no other port of this container has", port.name);
      seen.add(port.name);
    });
  });
}
