import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCommand, type CliIo } from "./deploy/cli/commands.js";
import { loadConfig } from "./deploy/cli/config.js";
import { configFlag, parseCli, USAGE } from "./deploy/cli/options.js";
import { DeployError } from "./deploy/errors.js";
import { pendingLoad } from "./deploy/load/settle-within.js";
import { displayPath } from "./deploy/load/source.js";

/**
 * The `piceli` command: `synth`, `list`, `plan`, `diff`, `apply`, `status`, `completion` (see `piceli --help`), with
 * settings from flags, `PICELI_*` variables (`io.env`, default `process.env`) and the config file. Resolves to the exit code:
 * 0 success, 1 failure, 2 `diff` found changes. Errors are printed as one `error: …` line (`--verbose`: with stack).
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-V") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  try {
    const env = io.env ?? process.env;
    if (parseCli(argv) === undefined) {
      io.stdout.write(USAGE);
      return argv.length === 0 ? 1 : 0;
    }
    const config = await loadConfig({ ...optional("file", configFlag(argv) ?? env["PICELI_CONFIG"]), cwd: process.cwd() });
    return await runCommand(parseCli(argv, { env, ...optional("config", config) })!, io);
  } catch (error) {
    if (error instanceof DeployError) io.stderr.write(`error: ${error.message}\n`);
    else io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** `{ [key]: value }`, or nothing when the value is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Runs `main` with Ctrl-C handling: the first interrupts (an apply rolls back), the second quits at once. Every way
 * out prints why; once `main` is done the process ends, even if a loaded module left timers or sockets behind.
 */
export async function run(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  let finished = false;
  process.on("SIGINT", () => {
    interrupts++;
    // Nothing has changed while loading: no need to wait for anything.
    if (interrupts > 1 || pendingLoad() !== undefined) process.exit(130);
    process.stderr.write("\ninterrupted: stopping, and undoing what this run changed (Ctrl-C again to quit at once)\n");
    controller.abort();
  });
  process.on("exit", (code) => {
    if (finished) return;
    const exitCode = typeof process.exitCode === "number" ? process.exitCode : code;
    process.stderr.write(`${whyUnfinished(exitCode)}\n`);
    // Node's 13 (a Promise nothing can settle) means nothing to a user: it is a failure like any other.
    if (exitCode === 13) process.exitCode = 1;
  });
  const code = await main(argv, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  finished = true;
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}

/** Why the process ends before `main` is done: on the second Ctrl-C, or (exit code 13) when nothing left running can settle what it awaits. */
function whyUnfinished(code: number): string {
  const load = pendingLoad();
  const loading = load && `${displayPath(load.file)}: ${load.what}`;
  if (code === 130) return loading ? `error: interrupted while loading ${loading}` : "error: quit on the second Ctrl-C: what this run changed so far was not rolled back";
  if (loading) return `error: ${loading}, and nothing is left running that could settle it`;
  return `error: piceli stopped before finishing (exit code ${code}): it was waiting for something nothing left running could finish`;
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

/** Whether this file is the script node was started with (`npx tsx lib/cli.ts …`, `node dist/cli.js …`). */
function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) await run(process.argv.slice(2));
