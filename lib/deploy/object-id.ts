import type { Manifest } from "./manifest.js";

/** What names one Kubernetes object: its type (`apiVersion`, `kind`), `name` and, if namespaced, `namespace`. */
export interface ObjectId {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The identity of a manifest. */
export function idOf(manifest: Manifest): ObjectId {
  const { apiVersion, kind, metadata } = manifest;
  return metadata.namespace === undefined
    ? { apiVersion, kind, name: metadata.name }
    : { apiVersion, kind, name: metadata.name, namespace: metadata.namespace };
}

/** The API group of an `apiVersion`: `""` for the core group (`v1`), `apps` for `apps/v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * A key that is equal for two ids exactly when they name the same stored object: group, kind, namespace, name
 * (the version is left out, since one object is served under several versions).
 */
export function keyOf(id: ObjectId): string {
  return `${groupOf(id.apiVersion)}/${id.kind}/${id.namespace ?? ""}/${id.name}`;
}

/** How objects are named in output: `Deployment shop/web`, `Namespace shop`. */
export function describe(id: ObjectId): string {
  return `${id.kind} ${id.namespace === undefined ? "" : `${id.namespace}/`}${id.name}`;
}
