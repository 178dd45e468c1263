import { DeployError } from "../errors.js";
import { arrayAt, at, isObject, stringAt, type Manifest } from "../manifest.js";
import type { OpenApiSchema } from "../../validation/schema.js";

/** One version of a CustomResourceDefinition, as the generator reads it. */
export interface DefinitionVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  /** Whether `status` is a subresource: then writes of the object ignore it, and the builder does not set it. */
  readonly statusSubresource: boolean;
  readonly schema: OpenApiSchema;
}

/** What the generator needs of a CustomResourceDefinition. */
export interface CustomResourceDefinitionInput {
  /** `metadata.name`: `<plural>.<group>`. */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: "Namespaced" | "Cluster";
  readonly versions: readonly DefinitionVersion[];
}

/**
 * Reads an `apiextensions.k8s.io/v1` CustomResourceDefinition; `where` names its source in errors. Throws a
 * {@link DeployError} naming the field when something the generator needs is missing.
 */
export function readDefinition(manifest: Manifest, where: string): CustomResourceDefinitionInput {
  const fail = (path: string, expected: string): never => {
    throw new DeployError(`${where}: CustomResourceDefinition ${manifest.metadata.name}: ${path}: expected ${expected}, received ${JSON.stringify(at(manifest, ...path.split(".")))}`);
  };
  if (manifest.apiVersion !== "apiextensions.k8s.io/v1") fail("apiVersion", '"apiextensions.k8s.io/v1" (v1beta1 definitions are gone since Kubernetes 1.22)');
  const group = stringAt(manifest, "spec", "group") ?? fail("spec.group", "an API group");
  const kind = stringAt(manifest, "spec", "names", "kind") ?? fail("spec.names.kind", "a kind");
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) fail("spec.names.kind", "a kind in PascalCase");
  const plural = stringAt(manifest, "spec", "names", "plural") ?? fail("spec.names.plural", "a resource name");
  const scope = at(manifest, "spec", "scope");
  if (scope !== "Namespaced" && scope !== "Cluster") fail("spec.scope", '"Namespaced" or "Cluster"');
  const versions = arrayAt(manifest, "spec", "versions").map((version, i): DefinitionVersion => {
    const path = `spec.versions.${i}`;
    if (!isObject(version)) return fail(path, "a version");
    const name = typeof version["name"] === "string" ? version["name"] : fail(`${path}.name`, "a version name");
    const schema = at(version, "schema", "openAPIV3Schema");
    if (!isObject(schema)) return fail(`${path}.schema.openAPIV3Schema`, "a schema");
    return {
      name,
      served: version["served"] === true,
      storage: version["storage"] === true,
      statusSubresource: isObject(at(version, "subresources", "status")),
      schema: schema as OpenApiSchema,
    };
  });
  if (!versions.some((v) => v.served)) fail("spec.versions", "at least one served version");
  return { name: manifest.metadata.name, group, kind, plural, scope: scope as "Namespaced" | "Cluster", versions };
}
