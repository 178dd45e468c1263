import type { V1ObjectMeta } from "@kubernetes/client-node";
import { Problems, type Rule } from "../internal/errors.js";
import type { AllKeys } from "../internal/types.js";
import { merged } from "../internal/merged.js";
import { anyString, dnsLabel, labelValue, qualifiedName } from "../validation/rules.js";
import { applyPatches, PATCHES, type Built, type Patch, type PatchedProps } from "./patch.js";

/** Labels or annotations: keys `[prefix/]name`, e.g. `app.kubernetes.io/name`. */
export type StringMap = Readonly<Record<string, string>>;

/** The `metadata` every object carries. */
export interface MetadataProps {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: StringMap;
  readonly annotations?: StringMap;
}

/** The metadata of a new object: its name, the other keys unset but present, so every builder's metadata has one shape (see AllKeys). */
export function startMetadata(name: string): MetadataProps {
  return { name, namespace: undefined, labels: undefined, annotations: undefined } satisfies AllKeys<MetadataProps>;
}

/** What every builder's props have: the object's `metadata`, and the patches given with `.patch()`. */
export interface ObjectProps extends PatchedProps {
  readonly metadata: MetadataProps;
}

/** `metadata` with its name, as every manifest piceli builds has one. */
export type NamedMetadata = V1ObjectMeta & { name: string };

/** A builder another builder refers to (a pod's ServiceAccount, ConfigMaps, Secrets and claims; a binding's role). */
export interface Referenced {
  readonly name: string;
  readonly references: readonly Referenced[];
  build(): object;
}

/**
 * Where `piceli synth`, `plan` and `apply` are told of every object builder made while an entry file loads, to warn
 * of objects made but never exported (a global symbol, so that two copies of piceli share it).
 */
export const BUILDER_CREATED: unique symbol = Symbol.for("piceli.builderCreated");

/** The kind and name of a builder, for messages. */
export let kindAndName: (builder: ObjectBuilder<ObjectProps>) => { kind: string; name: string };

/** The common part of every builder: an object with `metadata`. Methods return a new builder of the same type. */
export abstract class ObjectBuilder<Props extends ObjectProps> {
  // `declare`: assigned in the constructor only, not also defined as a class field first (a second store per builder)
  protected declare readonly props: Props;

  static {
    kindAndName = (builder) => ({ kind: builder.kindName, name: builder.props.metadata.name });
  }

  protected constructor(props: Props) {
    // not frozen: methods only ever copy props, and V8 copies a frozen object several times slower
    this.props = props;
    (globalThis as { [BUILDER_CREATED]?: (builder: object) => void })[BUILDER_CREATED]?.(this);
  }

  /**
   * Returns a new builder of the same class with `props`, and `metadata` if given. Each class writes the props out as
   * one literal with all their keys, so that they keep one shape: a copy of a copy by spread gets a new shape from V8
   * at each method, and a method shared by every kind copying props itself would see dozens; past four, V8 copies
   * through its slow generic path.
   */
  protected abstract with(props: Props, metadata?: MetadataProps): this;

  /** The Kubernetes kind this builder makes, for messages. */
  protected abstract readonly kindName: string;

  /** `metadata.name`. */
  get name(): string {
    return this.props.metadata.name;
  }

  /**
   * The builders this object refers to and needs in the cluster: `piceli synth`, `plan` and `apply` emit them with it
   * (once), so an object referenced but not exported is never missing. None for most kinds.
   */
  get references(): readonly Referenced[] {
    return [];
  }

  /** `metadata.namespace`, if set. */
  get namespaceName(): string | undefined {
    return this.props.metadata.namespace;
  }

  /** How messages name this object, e.g. `Job "test-job"`. */
  protected describe(): string {
    return `${this.kindName} ${JSON.stringify(this.props.metadata.name)}`;
  }

  /** Runs `emit`, then the patches given with {@link patch} (checking what they return), then throws every problem recorded. */
  protected checked<M>(emit: (props: Props, problems: Problems) => M): M {
    const problems = new Problems();
    let manifest = emit(this.props, problems);
    const patches = (this.props as PatchedProps)[PATCHES];
    // the object is described only when a problem is reported
    if (patches) {
      if (problems.count > 0) problems.throwIfAny(this.describe());
      manifest = applyPatches(manifest, patches, problems);
    }
    if (problems.count > 0) problems.throwIfAny(this.describe());
    return manifest;
  }

  /**
   * The escape hatch: sets anything on the manifest the builder has no method for. `edit` gets the fresh, typed
   * manifest at every `build()` and changes it in place (or returns a replacement); patches run in the order given
   * and keep applying after later method calls. What comes out is checked again (identity, labels, a pod's restart
   * policy, containers, resources, a workload's selector): a patch can add fields, never smuggle in what the rules forbid.
   * @example job("x").image("busybox").patch((m) => { m.spec.template.spec!.hostNetwork = true; })
   */
  patch(edit: Patch<Built<this>>): this {
    const patches = (this.props as PatchedProps)[PATCHES] ?? [];
    return this.with({ ...this.props, [PATCHES]: [...patches, edit as Patch<unknown>] });
  }

  /** Adds `metadata.labels`. Keys given again replace earlier values. */
  labels(labels: StringMap): this {
    const { name, namespace, annotations } = this.props.metadata;
    return this.withMetadata(name, namespace, merged(this.props.metadata.labels, labels), annotations);
  }

  /** Adds `metadata.annotations`. Keys given again replace earlier values. */
  annotations(annotations: StringMap): this {
    const { name, namespace, labels } = this.props.metadata;
    return this.withMetadata(name, namespace, labels, merged(this.props.metadata.annotations, annotations));
  }

  /** Sets `metadata.namespace`. @default the namespace `kubectl apply` targets */
  namespace(namespace: string): this {
    const { name, labels, annotations } = this.props.metadata;
    return this.withMetadata(name, namespace, labels, annotations);
  }

  private withMetadata(name: string, namespace: string | undefined, labels: StringMap | undefined, annotations: StringMap | undefined): this {
    // written with all its keys, so every builder's metadata has one shape (see AllKeys)
    const metadata = { name, namespace, labels, annotations } satisfies AllKeys<MetadataProps>;
    return this.with(this.props, metadata);
  }
}

/** Writes `metadata` in the conventional order: name, namespace, labels, annotations. */
export function emitMetadata(meta: MetadataProps, nameRule: Rule, problems: Problems, path = "metadata"): NamedMetadata {
  problems.checkField(path, "name", meta.name, nameRule);
  const out: NamedMetadata = { name: meta.name };
  if (meta.namespace !== undefined) {
    problems.checkField(path, "namespace", meta.namespace, dnsLabel);
    out.namespace = meta.namespace;
  }
  if (meta.labels) out.labels = emitLabels(meta.labels, `${path}.labels`, problems);
  if (meta.annotations) out.annotations = emitAnnotations(meta.annotations, `${path}.annotations`, problems);
  return out;
}

/** Writes the `metadata` of a cluster-scoped kind (`kind`, e.g. "StorageClass"), which must name no namespace. */
export function emitClusterMetadata(meta: MetadataProps, kind: string, nameRule: Rule, problems: Problems): NamedMetadata {
  if (meta.namespace === undefined) return emitMetadata(meta, nameRule, problems);
  problems.add("metadata.namespace", `nothing: a ${kind} is cluster-scoped`, meta.namespace);
  return emitMetadata({ ...meta, namespace: undefined }, nameRule, problems);
}

/** Copies labels (or a label selector's `matchLabels`, or a `nodeSelector`), checking keys and values. */
export function emitLabels(labels: StringMap, path: string, problems: Problems): Record<string, string> {
  return emitStringMap(labels, path, labelValue, problems);
}

/** Kubernetes' limit on the bytes of all of an object's annotation keys and values together. */
const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Copies annotations, checking their keys (whose prefix may have capitals) and their total size. */
export function emitAnnotations(annotations: StringMap, path: string, problems: Problems): Record<string, string> {
  const out = emitStringMap(annotations, path, anyString, problems, true);
  const bytes = Object.entries(out).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0), 0);
  if (bytes > MAX_ANNOTATION_BYTES) problems.add(path, `at most ${MAX_ANNOTATION_BYTES} bytes of keys and values in all (Kubernetes' limit)`, `${bytes} bytes`);
  return out;
}

/** Copies `map`, checking its keys (lowercased first where `lowercaseKeys`: annotation prefixes may have capitals) and values. */
function emitStringMap(map: StringMap, path: string, valueRule: Rule, problems: Problems, lowercaseKeys = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map)) {
    const value = map[key]!;
    // the value's path is written only when it is reported: most maps have no problem
    if (!qualifiedName.test(lowercaseKeys ? key.toLowerCase() : key)) problems.add(path, qualifiedName.expected, key);
    else if (!valueRule.test(value)) problems.check(`${path}[${JSON.stringify(key)}]`, value, valueRule);
    out[key] = value;
  }
  return out;
}
