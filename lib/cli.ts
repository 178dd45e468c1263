import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCommand, type CliIo } from "./deploy/cli/commands.js";
import { parseCli, USAGE } from "./deploy/cli/options.js";
import { DeployError } from "./deploy/errors.js";

/**
 * The `piceli` command: `synth`, `list`, `plan`, `diff`, `apply` (see `piceli --help`). Resolves to the exit code:
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
    const options = parseCli(argv);
    if (options === undefined) {
      io.stdout.write(USAGE);
      return argv.length === 0 ? 1 : 0;
    }
    return await runCommand(options, io);
  } catch (error) {
    if (error instanceof DeployError) io.stderr.write(`error: ${error.message}\n`);
    else io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Runs `main` with Ctrl-C handling: the first interrupts (an apply rolls back), the second quits at once. */
export async function run(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\ninterrupted: stopping, and undoing what this run changed (Ctrl-C again to quit at once)\n");
    controller.abort();
  });
  process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
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
