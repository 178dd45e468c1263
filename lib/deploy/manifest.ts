/** A JSON value, as Kubernetes objects are on the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** `metadata` of a manifest the deploy tooling handles: a name is required (server-side apply needs one). */
export interface ManifestMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** A Kubernetes object as plain JSON data: what is loaded, planned, sent and compared. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ManifestMetadata;
  [key: string]: unknown;
}

/** Whether `value` is a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` looks like a Kubernetes object: a mapping with string `apiVersion` and `kind`. */
export function looksLikeManifest(value: unknown): value is { apiVersion: string; kind: string; [key: string]: unknown } {
  return isObject(value) && typeof value["apiVersion"] === "string" && typeof value["kind"] === "string";
}

/** A deep copy of JSON data (also drops `undefined` and turns Dates into strings, as sending it would). */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Reads a nested value by path (`["spec", "template", "spec"]`); `undefined` when any step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** The string at `path`, or `undefined` when it is missing or not a string. */
export function stringAt(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === "string" ? found : undefined;
}

/** The array at `path`, or an empty array when it is missing or not an array. */
export function arrayAt(value: unknown, ...path: (string | number)[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** Deep equality of JSON data (key order ignored). */
export { jsonEqual } from "../internal/json-equal.js";
