import { InputError, type InputLocation } from "../errors.js";
import { isObject, jsonCopy, type Manifest } from "../manifest.js";

/**
 * Checks that a loaded value is an object the deploy tooling can handle (a mapping with string `apiVersion`,
 * `kind` and `metadata.name`) and returns it as plain JSON data. Throws an {@link InputError} naming `file` and
 * `location` otherwise.
 */
export function checkManifest(value: unknown, file: string, location: InputLocation): Manifest {
  const fail = (detail: string): never => {
    throw new InputError(file, detail, location);
  };
  if (!isObject(value)) fail(`expected a Kubernetes object (a mapping with apiVersion, kind and metadata), received ${received(value)}`);
  const object = value as Record<string, unknown>;
  if (typeof object["apiVersion"] !== "string" || object["apiVersion"] === "") fail(`apiVersion: expected a string such as "apps/v1", received ${received(object["apiVersion"])}`);
  if (typeof object["kind"] !== "string" || object["kind"] === "") fail(`kind: expected a string such as "Deployment", received ${received(object["kind"])}`);
  const metadata = object["metadata"];
  if (!isObject(metadata)) fail(`metadata: expected a mapping with a name, received ${received(metadata)}`);
  const { name, namespace, generateName } = metadata as Record<string, unknown>;
  if (typeof name !== "string" || name === "") {
    const hint = generateName === undefined ? "" : " (generateName cannot be used: server-side apply needs a fixed name)";
    fail(`${object["kind"] as string}: metadata.name: expected a name${hint}, received ${received(name)}`);
  }
  if (namespace !== undefined && (typeof namespace !== "string" || namespace === "")) {
    fail(`${object["kind"] as string} ${name as string}: metadata.namespace: expected a namespace name, received ${received(namespace)}`);
  }
  try {
    return jsonCopy(object) as Manifest;
  } catch (error) {
    return fail(`${object["kind"] as string} ${name as string}: not JSON data: ${(error as Error).message}`);
  }
}

/** How an unexpected value is shown in an error. */
export function received(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "function") return "a function";
  return JSON.stringify(value) ?? String(value);
}
