// Shared by the deploy specs: temporary files, the API test double's kubeconfig, plans, captured output (a Cluster
// client for the double is in cluster-for.ts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocuments } from "../../lib/deploy/load/document-source.js";
import { planApply, type Plan } from "../../lib/deploy/plan/plan.js";
import type { Progress } from "../../lib/deploy/progress.js";
import { resolveObjects } from "../../lib/deploy/resolve-objects.js";
import type { FakeApiServer } from "./fake-api-server.js";

/** A temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "piceli-deploy-spec-"));
}

/** A temporary folder holding these files (paths relative to it, subfolders made as needed). */
export function folderWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Writes the double's kubeconfig to a temporary file and returns its path. */
export function kubeconfigFile(api: FakeApiServer, namespace?: string): string {
  const file = join(tempDir(), "kubeconfig.yaml");
  writeFileSync(file, api.kubeconfig(namespace));
  return file;
}

/** The text of a fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), "utf8");
}

/** The plan of YAML text (namespaces defaulted to `default`). */
export function planOf(yaml: string, namespace = "default"): Plan {
  return planApply(resolveObjects(parseDocuments(yaml, "app.yaml"), { namespace }).objects);
}

/** A Progress that keeps its lines. */
export function recordingProgress(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return { lines, line: (text) => void lines.push(text), status: () => {}, clear: () => {} };
}

/** Captures what the CLI writes. */
export function captureIo(): { stdout: { write(text: string): boolean; text: string }; stderr: { write(text: string): boolean; text: string } } {
  const stream = () => ({ text: "", write(chunk: string) { this.text += chunk; return true; } });
  return { stdout: stream(), stderr: stream() };
}
