import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Cluster } from "../cluster/cluster.js";
import type { ConnectionOptions } from "../cluster/kube-config.js";
import { DeployError } from "../errors.js";
import { loadSources } from "../load/load-sources.js";
import { describeSource } from "../load/source.js";
import { jsonEqual, type Manifest } from "../manifest.js";
import { readDefinition, type CustomResourceDefinitionInput } from "./definition.js";
import { generateFiles, type GeneratedFile } from "./generate.js";

/** What {@link importDefinitions} reads and where it writes. */
export interface ImportOptions extends ConnectionOptions {
  /**
   * Files or folders holding CustomResourceDefinitions (YAML, JSON, or TypeScript entry files exporting them), or
   * names of CustomResourceDefinitions to read from the cluster (`certificates.cert-manager.io`): an argument that is
   * not a file or folder is a name.
   */
  readonly sources: readonly string[];
  /** The folder the files are written to. @default "imports" */
  readonly out?: string;
  /** Read folders' subfolders too. @default false */
  readonly recursive?: boolean;
}

/** What {@link importDefinitions} wrote. */
export interface ImportResult {
  readonly definitions: readonly CustomResourceDefinitionInput[];
  /** Each file with the path it was written to. */
  readonly files: readonly (GeneratedFile & { readonly path: string })[];
}

const CRD_API_VERSION = "apiextensions.k8s.io/v1";

/**
 * `piceli import`: reads CustomResourceDefinitions from files, folders or the cluster and writes one TypeScript file
 * per API group into `out` (see {@link generateFiles}). Sources that hold no CustomResourceDefinition, a name the
 * cluster does not know, and two different definitions of one name are errors.
 * @example await importDefinitions({ sources: ["crds/"], out: "imports" })
 */
export async function importDefinitions(options: ImportOptions): Promise<ImportResult> {
  if (options.sources.length === 0) throw new DeployError("piceli import: expected CustomResourceDefinition files, folders or names (see piceli --help)");
  const found = new Map<string, { manifest: Manifest; where: string }>();
  const add = (manifest: Manifest, where: string) => {
    const earlier = found.get(manifest.metadata.name);
    if (earlier !== undefined && !jsonEqual(earlier.manifest["spec"], manifest["spec"])) {
      throw new DeployError(`CustomResourceDefinition ${manifest.metadata.name} is given twice, differently: in ${earlier.where} and in ${where}`);
    }
    if (earlier === undefined) found.set(manifest.metadata.name, { manifest, where });
  };
  const names: string[] = [];
  for (const source of options.sources) {
    if (!existsSync(source)) {
      names.push(source);
      continue;
    }
    const { objects } = await loadSources([source], { recursive: options.recursive ?? false });
    const definitions = objects.filter((o) => o.manifest.kind === "CustomResourceDefinition");
    if (definitions.length === 0) throw new DeployError(`${source}: holds no CustomResourceDefinition`);
    for (const { manifest, source: from } of definitions) add(manifest, describeSource(from));
  }
  if (names.length > 0) {
    const cluster = await Cluster.connect(options);
    for (const name of names) {
      const manifest = await cluster.get({ apiVersion: CRD_API_VERSION, kind: "CustomResourceDefinition", name });
      if (manifest === undefined) throw new DeployError(`${name}: no such file or folder, and the cluster at ${cluster.server} has no CustomResourceDefinition of that name`);
      add(manifest, `the cluster at ${cluster.server}`);
    }
  }
  const definitions = [...found.values()].map(({ manifest, where }) => readDefinition(manifest, where));
  const out = options.out ?? "imports";
  mkdirSync(out, { recursive: true });
  const files = generateFiles(definitions).map((file) => {
    const path = join(out, file.name);
    writeFileSync(path, file.text);
    return { ...file, path };
  });
  return { definitions, files };
}
