import type { KubernetesObject } from "@kubernetes/client-node";
import { dump } from "js-yaml";
import type { BuildableState } from "./pod.js";

/** A builder whose `build()` may be called: a workload's state must be buildable. */
export interface ReadyBuilder {
  readonly "~state"?: BuildableState;
  build(): KubernetesObject;
}

/** What {@link toYaml} accepts: manifests, builders ready to build, and (nested) arrays of them. */
export type YamlInput = KubernetesObject | ReadyBuilder | readonly YamlInput[];

const FIRST_KEYS = ["apiVersion", "kind", "metadata"] as const;
const FIRST_METADATA_KEYS = ["name", "generateName", "namespace", "labels", "annotations"] as const;

/**
 * Writes manifests as YAML that `kubectl apply -f` accepts: one document per object, separated by `---`,
 * `apiVersion`, `kind` and `metadata` first, long strings never folded, and strings that a YAML 1.1
 * reader would take for something else (`yes`, `0777`, `12:30`) quoted. Same input, same bytes.
 * @example toYaml(job("hello").image("busybox"), configMapManifest)
 */
export function toYaml(...items: YamlInput[]): string {
  return manifestsOf(items).map((manifest) => dump(conventionalOrder(manifest), { lineWidth: -1, noRefs: true })).join("---\n");
}

/** Flattens builders and arrays into manifests, in order. */
export function manifestsOf(items: readonly YamlInput[]): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  const visit = (item: YamlInput): void => {
    if (Array.isArray(item)) (item as readonly YamlInput[]).forEach(visit);
    else if (typeof (item as { build?: unknown }).build === "function") out.push((item as ReadyBuilder).build());
    else out.push(item as KubernetesObject);
  };
  items.forEach(visit);
  return out;
}

function conventionalOrder(manifest: KubernetesObject): object {
  const metadata = manifest.metadata && reorder(manifest.metadata as Record<string, unknown>, FIRST_METADATA_KEYS);
  return reorder({ ...manifest, ...(metadata && { metadata }) } as Record<string, unknown>, FIRST_KEYS);
}

function reorder(object: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (key in object) out[key] = object[key];
  for (const key in object) if (!(key in out)) out[key] = object[key];
  return out;
}
