import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load, YAML11_SCHEMA } from "js-yaml";
import * as assert from "uvu/assert";
import { PiceliValidationError, type Problem } from "../lib/index.js";

/** Loads a Piceli golden manifest the way Piceli reads it (YAML 1.1: `0777` is an octal). */
export function golden(name: string): unknown {
  return load(readFileSync(new URL(`goldens/${name}`, import.meta.url), "utf8"), { schema: YAML11_SCHEMA });
}

/** Runs `fn`, asserts it throws a PiceliValidationError, and returns it. */
export function validationError(fn: () => unknown): PiceliValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PiceliValidationError) return error;
    throw error;
  }
  assert.unreachable("expected a PiceliValidationError");
  throw new Error("unreachable");
}

/** Asserts that `fn` throws exactly these problems. */
export function assertProblems(fn: () => unknown, problems: Problem[]): void {
  assert.equal(validationError(fn).problems, problems);
}

/** What {@link piceliLoggingModules} saw: the command's exit code and output, and every module the process loaded. */
export interface LoggedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each module once, as a `file:` URL or path, in the order first loaded (spec/module-log.mjs). */
  readonly modules: readonly string[];
}

/**
 * Runs `node bin/piceli.js …argv` (the command as installed, running lib/cli.ts through tsx) in a child process that
 * logs every module it loads, ES modules and CommonJS alike (spec/module-log.mjs); `node`: options for node, `script`: another script to run.
 */
export function piceliLoggingModules(argv: readonly string[], options: { readonly cwd: string; readonly node?: readonly string[]; readonly script?: string }): LoggedRun {
  const log = join(mkdtempSync(join(tmpdir(), "piceli-modules-")), "modules.log");
  writeFileSync(log, "");
  const script = options.script ?? fileURLToPath(new URL("../bin/piceli.js", import.meta.url));
  const hook = new URL("module-log.mjs", import.meta.url).href;
  const result = spawnSync(process.execPath, ["--import", hook, ...(options.node ?? []), script, ...argv], {
    cwd: options.cwd, encoding: "utf8", env: { ...process.env, PICELI_MODULE_LOG: log, NO_COLOR: "1" },
  });
  const modules = [...new Set(readFileSync(log, "utf8").split("\n").filter((line) => line !== "" && !line.startsWith("node:")))];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, modules };
}

/** The modules of `@kubernetes/client-node` a run loaded. */
export function clientNodeModules(run: LoggedRun): string[] {
  return run.modules.filter((m) => m.includes("/node_modules/@kubernetes/client-node/"));
}
