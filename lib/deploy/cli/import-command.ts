import { importDefinitions } from "../import/import-definitions.js";
import type { CliIo } from "./commands.js";
import type { CliOptions } from "./options.js";

/** `piceli import`: writes the TypeScript for CustomResourceDefinitions and says what it wrote and what it leaves to the server. */
export async function importCommand(options: CliOptions, io: CliIo): Promise<number> {
  const { definitions, files } = await importDefinitions({
    sources: options.paths,
    recursive: options.recursive,
    ...(options.out !== undefined && { out: options.out }),
    ...(options.kubeconfig !== undefined && { kubeconfig: options.kubeconfig }),
    ...(options.context !== undefined && { context: options.context }),
  });
  for (const file of files) {
    const kinds = definitions
      .filter((d) => file.name === `${d.group}.ts`)
      .map((d) => `${d.kind} (${d.versions.filter((v) => v.served).map((v) => v.name).join(", ")})`);
    io.stderr.write(`wrote ${file.path}: ${kinds.join(", ")}\n`);
    for (const note of file.notes) io.stderr.write(`note: ${note}\n`);
  }
  return 0;
}
