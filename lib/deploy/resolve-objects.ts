import { DeployError } from "./errors.js";
import { describeSource, type LoadedObject } from "./load/source.js";
import { jsonEqual } from "./manifest.js";
import { describe, idOf, keyOf } from "./object-id.js";
import { builtInScope, firstKnown, scopeFromDefinitions, type ScopeLookup } from "./scope.js";

/** How {@link resolveObjects} settles namespaces. */
export interface ResolveOptions {
  /**
   * The namespace of namespaced objects that have none (`--namespace`, else the kubeconfig context's). An explicit
   * `metadata.namespace` is never overridden. Unset: such objects are left without one (as `synth` prints them).
   */
  readonly namespace?: string;
  /** Where scopes come from besides CustomResourceDefinitions among the objects. @default built-in kinds only */
  readonly scope?: ScopeLookup;
}

/** Objects ready to plan: namespaces settled, each object once. */
export interface ResolvedObjects {
  readonly objects: LoadedObject[];
  /** Things worth telling the user (a namespace ignored on a cluster-scoped object). */
  readonly warnings: string[];
}

/**
 * Settles each object's namespace and removes exact duplicates (an object exported both on its own and in a list).
 * Kinds whose scope nobody knows (a custom resource whose definition is neither given nor served) are taken as
 * namespaced, as most custom resources are. Two different objects with one identity are an error naming both sources.
 */
export function resolveObjects(objects: readonly LoadedObject[], options: ResolveOptions = {}): ResolvedObjects {
  const scopeOf = firstKnown(scopeFromDefinitions(objects.map((o) => o.manifest)), ...(options.scope ? [options.scope] : []), builtInScope);
  const warnings: string[] = [];
  const byKey = new Map<string, LoadedObject>();
  const out: LoadedObject[] = [];
  for (const object of objects) {
    const { manifest } = object;
    const scope = scopeOf(manifest.apiVersion, manifest.kind) ?? "Namespaced";
    let resolved = object;
    if (scope === "Cluster" && manifest.metadata.namespace !== undefined) {
      warnings.push(`${describeSource(object.source)}: ${manifest.kind} ${manifest.metadata.name} is cluster-scoped: metadata.namespace ${JSON.stringify(manifest.metadata.namespace)} is ignored`);
      const { namespace: _ignored, ...metadata } = manifest.metadata;
      resolved = { ...object, manifest: { ...manifest, metadata } };
    } else if (scope === "Namespaced" && manifest.metadata.namespace === undefined && options.namespace !== undefined) {
      resolved = { ...object, manifest: { ...manifest, metadata: { ...manifest.metadata, namespace: options.namespace } } };
    }
    const key = keyOf(idOf(resolved.manifest));
    const first = byKey.get(key);
    if (first === undefined) {
      byKey.set(key, resolved);
      out.push(resolved);
    } else if (!jsonEqual(first.manifest, resolved.manifest)) {
      throw new DeployError(
        `${describe(idOf(resolved.manifest))} is defined twice, differently: in ${describeSource(first.source)} and in ${describeSource(resolved.source)}`,
      );
    }
  }
  return { objects: out, warnings };
}
