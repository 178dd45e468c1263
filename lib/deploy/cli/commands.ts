import { loadSources, type LoadResult } from "../load/load-sources.js";
import { displayPath, type LoadedObject } from "../load/source.js";
import { planApply, type Plan } from "../plan/plan.js";
import { renderPlan, type PlanFormat } from "../plan/render-plan.js";
import { resolveObjects } from "../resolve-objects.js";
import type { ScopeLookup } from "../scope.js";
import { Redactor } from "../secrets.js";
import { renderList, synthChunks, synthToDirectory, type SynthFormat } from "../synth.js";
import { completionScript } from "./completion.js";
import { describeSettings, type CliOptions } from "./options.js";

/** Where the CLI writes: `process.stdout` and `process.stderr`, or buffers in specs. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Aborted on Ctrl-C: an apply then stops and rolls back. */
  readonly signal?: AbortSignal;
  /** Where `PICELI_*` settings are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs one parsed command; resolves to the exit code. Error messages are cleared of Secret values. */
export async function runCommand(options: CliOptions, io: CliIo): Promise<number> {
  if (options.command === "import") return (await import("./import-command.js")).importCommand(options, io);
  if (options.command === "completion") {
    io.stdout.write(completionScript(options.paths[0]));
    return 0;
  }
  if (options.verbose) io.stderr.write(describeSettings(options));
  const loaded = await load(options, io);
  const redactor = redactorFor(loaded);
  try {
    return await dispatch(options, io, loaded);
  } catch (error) {
    if (error instanceof Error) {
      error.message = redactor.redact(error.message);
      // --verbose prints the stack, which may hold the message as it was.
      if (typeof error.stack === "string") error.stack = redactor.redact(error.stack);
    }
    throw error;
  }
}

async function dispatch(options: CliOptions, io: CliIo, loaded: LoadResult): Promise<number> {
  switch (options.command) {
    case "synth":
      return synth(options, io, offlinePlan(loaded, options, io));
    case "list": {
      const { objects } = resolved(loaded, options, io);
      io.stdout.write(renderList(objects));
      return 0;
    }
    case "plan":
      io.stdout.write(renderPlan(offlinePlan(loaded, options, io), (options.format ?? "text") as PlanFormat));
      return 0;
    case "diff":
    case "apply":
    case "status": {
      // Loaded only for the commands that connect (they load @kubernetes/client-node when they do).
      const { diff, apply, status } = await import("./cluster-commands.js");
      return { diff, apply, status }[options.command](options, io, loaded);
    }
    case "import":
      throw new Error("piceli import loads no objects: runCommand runs it first");
    case "completion":
      throw new Error("completion is answered before loading");
  }
}

async function load(options: CliOptions, io: CliIo): Promise<LoadResult> {
  const loaded = await loadSources(options.paths, { recursive: options.recursive, loadTimeoutMs: options.loadTimeoutMs, typecheck: options.typecheck });
  const redactor = redactorFor(loaded);
  for (const { file, text } of loaded.printed) {
    if (options.verbose) io.stderr.write(`${displayPath(file)} printed while loading:\n${redactor.redact(text)}${text.endsWith("\n") ? "" : "\n"}`);
    else io.stderr.write(`note: ${displayPath(file)} printed ${text.length} characters while loading (not part of the output; --verbose shows them)\n`);
  }
  if (options.verbose) for (const s of loaded.skipped) io.stderr.write(`note: ${displayPath(s.file)}: export ${s.export} skipped: ${s.reason}\n`);
  for (const { file, kind, name, namespace } of loaded.unexported) {
    const where = namespace === undefined ? "" : ` in namespace ${JSON.stringify(namespace)}`;
    io.stderr.write(`warning: ${displayPath(file)} makes ${kind} ${JSON.stringify(name)}${where}, but no export holds it or refers to it: it is not in the output (export it)\n`);
  }
  if (loaded.objects.length === 0) io.stderr.write("warning: the input holds no Kubernetes objects\n");
  return loaded;
}

/** Settles namespaces (offline: built-in kinds' scopes), prints warnings. */
function resolved(loaded: LoadResult, options: CliOptions, io: CliIo, scope?: ScopeLookup): { objects: LoadedObject[] } {
  const result = resolveObjects(loaded.objects, { ...(options.namespace !== undefined && { namespace: options.namespace }), ...(scope && { scope }) });
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  return result;
}

function offlinePlan(loaded: LoadResult, options: CliOptions, io: CliIo): Plan {
  return planApply(resolved(loaded, options, io).objects);
}

function synth(options: CliOptions, io: CliIo, plan: Plan): number {
  const format = (options.format ?? "yaml") as SynthFormat;
  if (options.out !== undefined) {
    const files = synthToDirectory(plan, options.out, format);
    io.stderr.write(`wrote ${files.length} file${files.length === 1 ? "" : "s"} to ${options.out}\n`);
  } else {
    for (const chunk of synthChunks(plan, format)) io.stdout.write(chunk);
  }
  return 0;
}

/** A redactor that knows the Secret values of the input. */
export function redactorFor(loaded: LoadResult): Redactor {
  return new Redactor().learn(loaded.objects.map((o) => o.manifest));
}
