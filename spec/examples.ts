// The examples, loaded once per test process: spec/examples.spec.ts and spec/deploy/synth-examples.spec.ts both
// read what they print, so a test run does not start tsx and load the library once per example and spec.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSources, type LoadResult } from "../lib/deploy/load/load-sources.js";

/** The examples folder, with a trailing slash. */
export const examplesDir = fileURLToPath(new URL("../examples/", import.meta.url));

/** Every `examples/*.ts` file, as an absolute path. */
export const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith(".ts")).map((f) => `${examplesDir}${f}`);

let loaded: Promise<LoadResult> | undefined;

/**
 * Every example loaded in one pass, as `piceli synth examples/*.ts` loads them: each through tsx in a module graph
 * of its own, what it prints to stdout captured per file (`printed`), and what it exports (`objects`).
 */
export function loadExamples(): Promise<LoadResult> {
  loaded ??= loadSources(exampleFiles);
  return loaded;
}

/** What running `examples/<name>` printed to stdout (`npx tsx examples/<name>` prints the same). */
export async function examplePrinted(name: string): Promise<string> {
  const { printed } = await loadExamples();
  return printed.filter((p) => p.file === `${examplesDir}${name}`).map((p) => p.text).join("");
}
