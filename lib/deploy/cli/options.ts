import { delimiter } from "node:path";
import { parseArgs } from "node:util";
import { parseDuration, type TimeoutOverride } from "../apply/timeouts.js";
import { DeployError } from "../errors.js";
import { DEFAULT_LOAD_TIMEOUT_MS } from "../load/settle-within.js";
import { checkPruneAllow } from "../ownership.js";
import { displayPath } from "../load/source.js";
import { SETTINGS, type LoadedConfig, type SettingName } from "./config.js";
import type { PiceliConfig } from "./define-config.js";

/** The commands of `piceli`. */
export const COMMANDS = ["synth", "list", "plan", "diff", "apply", "status", "import", "completion"] as const;
/** One of {@link COMMANDS}. */
export type Command = (typeof COMMANDS)[number];

/** Parsed command line, with the settings from `PICELI_*` variables and the config file merged in. */
export interface CliOptions {
  readonly command: Command;
  readonly paths: string[];
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly recursive: boolean;
  /** `--load-timeout`: how long loading one entry file may take. */
  readonly loadTimeoutMs: number;
  /** `--typecheck`: type-check the TypeScript entry files before running them. */
  readonly typecheck: boolean;
  readonly verbose: boolean;
  readonly color: "auto" | "always" | "never";
  readonly format?: string;
  readonly out?: string;
  readonly fieldManager: string;
  readonly forceConflicts: boolean;
  readonly dryRun: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  /** `--timeout [Kind/]name=duration`: objects' own wait timeouts. */
  readonly timeouts: readonly TimeoutOverride[];
  readonly replace: boolean;
  readonly rollback: boolean;
  readonly set?: string;
  readonly prune: boolean;
  /** `--prune-allow`: Namespaces and CustomResourceDefinitions prune may delete, as `Namespace/<name>`. */
  readonly pruneAllow: readonly string[];
  readonly createNamespace: boolean;
  readonly rerunJobs: boolean;
  /** `--config <file>`. */
  readonly config?: string;
  /** Where each setting came from: a flag, a `PICELI_*` variable, the config file, or the default (`--verbose` prints it). */
  readonly origins: Readonly<Record<SettingName, string>>;
}

/** What `--help` prints. */
export const USAGE = `Usage: piceli <command> [options] <file.ts | file.yaml | folder | package>...

From code to cluster: TypeScript entry files (their exported builders, manifests, arrays of them and functions
returning them, with workloads' companion Services and autoscalers), YAML/JSON files, folders of them (subfolders
too) and installed packages by name.

Commands:
  synth   print the objects in apply order, as multi-document YAML (--format json: a v1 List; --out <dir>: one file each)
  list    list the objects: NAME, KIND, NAMESPACE, SOURCE
  plan    show the apply steps and what each object waits for (--format text | dot | mermaid)
  diff    compare with the cluster through a server-side dry run; exit 0 nothing would change, 2 something would,
          1 something is refused
  apply   server-side apply in plan order; on failure, undo what this run changed (in reverse order)
  status  what of the code exists in the cluster, what differs, what is missing, and (with --set) what is extra;
          exit 0 all in sync, 2 otherwise
  completion bash|zsh|fish   print a shell completion script
  import  write TypeScript builders for CustomResourceDefinitions: piceli import <crd.yaml | folder | crd-name>...
          (a name is read from the cluster); one file per API group in --out (default imports)

Options for all commands:
  -n, --namespace <ns>      namespace of namespaced objects that name none (an explicit one is never overridden)
      --kubeconfig <file>   kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context <name>      kubeconfig context to use (default: its current-context)
      --no-recursive        read only the files directly in folders given (default: subfolders too)
      --load-timeout <duration>  how long loading one .ts/.js entry file may take, Promises it exports included
                                 (default 60s)
      --typecheck           type-check the .ts entry files (with the project's typescript and tsconfig.json)
                            before running them; a type error stops the command
      --config <file>       config file (default: piceli.config.{ts,mts,js,mjs,json,yaml,yml} in this folder)
      --color <when>        auto (default), always or never
  -v, --verbose             say more (settings and where each came from, module output while loading, skipped
                            exports, stack traces)
  -h, --help                show this help

synth:  --format yaml|json    --out <dir>
plan:   --format text|dot|mermaid
import: --out <dir>
diff:   --field-manager <name>  --force-conflicts  --set <name> [--prune [--prune-allow <Kind/name>]...]  --create-namespace
status: --field-manager <name>  --set <name>
apply:  --dry-run               server-side dry run: report what would happen, change nothing
        --wait                  wait for rollouts, Jobs, claims and Service endpoints, step by step; a pod that
                                cannot start (image pull, crash loop, missing config key, unschedulable) fails it
        --timeout <duration>    how long waiting for one object may take: 90s, 5m, 1h (default 5m)
        --timeout <[Kind/]name>=<duration>   that object's own timeout (also: annotation piceli/timeout)
        --field-manager <name>  server-side apply field manager (default piceli)
        --force-conflicts       take over fields other field managers own
        --create-namespace      create the namespaces objects need that the code does not declare (deleted again
                                if the run fails)
        --replace               delete and create again objects whose change is refused in place (immutable fields)
        --rerun-jobs            delete finished Jobs of the code and create them again, so they run once more
                                (also: annotation piceli/rerun: "true" on a Job)
        --no-rollback           on failure, leave what was applied as it is
        --set <name>            label the objects piceli/set=<name>, so a later --prune can find them
        --prune                 after applying, delete what this field manager applied with this --set and the code no
                                longer has; never PersistentVolumeClaims or PersistentVolumes
        --prune-allow <Kind/name>  let --prune delete this Namespace or CustomResourceDefinition (repeatable)

Settings also come from PICELI_* environment variables and the config file, flags first:
  files (PICELI_FILES), namespace, kubeconfig, context, fieldManager (PICELI_FIELD_MANAGER), timeout, set,
  createNamespace (PICELI_CREATE_NAMESPACE), recursive (PICELI_RECURSIVE).
`;

/** Where settings come from besides the command line. */
export interface SettingSources {
  /** The environment (`PICELI_*` variables are read). @default no variables */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The config file. */
  readonly config?: LoadedConfig;
}

/** The options `piceli` accepts, as `node:util` `parseArgs` takes them. */
export const FLAGS = {
  help: { type: "boolean", short: "h" },
  namespace: { type: "string", short: "n" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  recursive: { type: "boolean", short: "R" },
  "no-recursive": { type: "boolean" },
  "load-timeout": { type: "string" },
  typecheck: { type: "boolean" },
  config: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  color: { type: "string" },
  format: { type: "string", short: "o" },
  out: { type: "string" },
  "field-manager": { type: "string" },
  "force-conflicts": { type: "boolean" },
  "dry-run": { type: "boolean" },
  wait: { type: "boolean" },
  timeout: { type: "string", multiple: true },
  replace: { type: "boolean" },
  "rerun-jobs": { type: "boolean" },
  "no-rollback": { type: "boolean" },
  "create-namespace": { type: "boolean" },
  set: { type: "string" },
  prune: { type: "boolean" },
  "prune-allow": { type: "string", multiple: true },
} as const;

/**
 * Parses `argv` (without `node` and the script) and merges settings: flags, else `PICELI_*` variables, else the
 * config file, else defaults. `undefined` means help was asked for.
 */
export function parseCli(argv: readonly string[], sources: SettingSources = {}): CliOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new DeployError(`${(error as Error).message} (see piceli --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return undefined;
  const [command, ...paths] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command!)) {
    throw new DeployError(`unknown command ${JSON.stringify(command)}: expected one of ${COMMANDS.join(", ")} (see piceli --help)`);
  }
  const color = values.color ?? "auto";
  if (color !== "auto" && color !== "always" && color !== "never") throw new DeployError(`--color: expected auto, always or never, received ${JSON.stringify(color)}`);
  checkFormat(command as Command, values.format);
  const onlyFor = (flag: string, set: unknown, commands: readonly Command[]) => {
    if (set !== undefined && !commands.includes(command as Command)) throw new DeployError(`${flag} applies to ${commands.join(" and ")}, not ${command}`);
  };
  onlyFor("--out", values.out, ["synth", "import"]);
  onlyFor("--dry-run", values["dry-run"], ["apply"]);
  onlyFor("--wait", values.wait, ["apply"]);
  onlyFor("--timeout", values.timeout, ["apply"]);
  onlyFor("--replace", values.replace, ["apply"]);
  onlyFor("--rerun-jobs", values["rerun-jobs"], ["apply"]);
  onlyFor("--no-rollback", values["no-rollback"], ["apply"]);
  onlyFor("--create-namespace", values["create-namespace"], ["diff", "apply"]);
  onlyFor("--prune", values.prune, ["diff", "apply"]);
  onlyFor("--set", values.set, ["diff", "apply", "status"]);
  onlyFor("--prune-allow", values["prune-allow"], ["diff", "apply"]);
  if (values["prune-allow"] !== undefined && !values.prune) throw new DeployError("--prune-allow only applies with --prune");
  onlyFor("--field-manager", values["field-manager"], ["diff", "apply", "status"]);
  onlyFor("--force-conflicts", values["force-conflicts"], ["diff", "apply"]);
  if (values.recursive && values["no-recursive"]) throw new DeployError("--recursive and --no-recursive contradict each other");
  const timeoutFlags = values.timeout ?? [];
  const plainTimeouts = timeoutFlags.filter((t) => !t.includes("="));
  if (plainTimeouts.length > 1) throw new DeployError(`--timeout given twice (${plainTimeouts.join(", ")}): one default, and [Kind/]name=duration for single objects`);
  const flags: PiceliConfig = {
    ...(command !== "completion" && command !== "import" && paths.length > 0 && { files: paths }),
    ...(values.namespace !== undefined && { namespace: values.namespace }),
    ...(values.kubeconfig !== undefined && { kubeconfig: values.kubeconfig }),
    ...(values.context !== undefined && { context: values.context }),
    ...(values["field-manager"] !== undefined && { fieldManager: values["field-manager"] }),
    ...(plainTimeouts[0] !== undefined && { timeout: plainTimeouts[0] }),
    ...(values.set !== undefined && { set: values.set }),
    ...(values["create-namespace"] !== undefined && { createNamespace: values["create-namespace"] }),
    ...(values["no-recursive"] !== undefined ? { recursive: false } : values.recursive !== undefined && { recursive: true }),
  };
  const { settings, origins } = mergeSettings(flags, sources);
  if (values.prune && settings.set === undefined) throw new DeployError("--prune needs --set <name>: only objects piceli applied earlier with the same --set are pruned");
  return {
    command: command as Command,
    // completion takes a shell, import CRD files or names: not the settings' files.
    paths: command === "completion" || command === "import" ? paths : [...(settings.files ?? [])],
    ...(settings.kubeconfig !== undefined && { kubeconfig: settings.kubeconfig }),
    ...(settings.context !== undefined && { context: settings.context }),
    ...(settings.namespace !== undefined && { namespace: settings.namespace }),
    recursive: settings.recursive ?? true,
    loadTimeoutMs: values["load-timeout"] === undefined ? DEFAULT_LOAD_TIMEOUT_MS : parseDuration(values["load-timeout"], "--load-timeout"),
    typecheck: values.typecheck ?? false,
    verbose: values.verbose ?? false,
    color,
    ...(values.format !== undefined && { format: values.format }),
    ...(values.out !== undefined && { out: values.out }),
    fieldManager: settings.fieldManager ?? "piceli",
    forceConflicts: values["force-conflicts"] ?? false,
    dryRun: values["dry-run"] ?? false,
    wait: values.wait ?? false,
    timeoutMs: settings.timeout === undefined ? 300_000 : parseDuration(settings.timeout, /^(-|PICELI_)/.test(origins.timeout) ? origins.timeout : `config file ${origins.timeout}: timeout`),
    timeouts: timeoutFlags.filter((t) => t.includes("=")).map(parseTimeoutOverride),
    replace: values.replace ?? false,
    rollback: !(values["no-rollback"] ?? false),
    ...(settings.set !== undefined && (command === "diff" || command === "apply" || command === "status") && { set: settings.set }),
    prune: values.prune ?? false,
    pruneAllow: (values["prune-allow"] ?? []).map(checkPruneAllow),
    createNamespace: (command === "diff" || command === "apply") && (settings.createNamespace ?? false),
    rerunJobs: values["rerun-jobs"] ?? false,
    ...(values.config !== undefined && { config: values.config }),
    origins,
  };
}

/** The config file named on the command line (`--config <file>`, `--config=<file>`), read before the rest is settled. */
export function configFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") return undefined;
    if (argv[i] === "--config") return argv[i + 1];
    if (argv[i]!.startsWith("--config=")) return argv[i]!.slice("--config=".length);
  }
  return undefined;
}

/** Flags, else `PICELI_*` variables, else the config file; each setting's origin named (`--namespace`, `PICELI_SET`). */
function mergeSettings(flags: PiceliConfig, sources: SettingSources): { settings: PiceliConfig; origins: Record<SettingName, string> } {
  const env = fromEnvironment(sources.env ?? {});
  const file = sources.config?.values ?? {};
  const settings: Record<string, unknown> = {};
  const origins = {} as Record<SettingName, string>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const [value, origin] = flags[name] !== undefined ? [flags[name], SETTINGS[name].flag]
      : env[name] !== undefined ? [env[name], SETTINGS[name].env]
      : file[name] !== undefined ? [file[name], displayPath(sources.config!.file)]
      : [undefined, "default"];
    if (value !== undefined) settings[name] = value;
    origins[name] = origin;
  }
  return { settings: settings as PiceliConfig, origins };
}

/** The settings `PICELI_*` variables give (others, such as `PICELI_E2E_…`, are not piceli's and are left alone). */
function fromEnvironment(env: Readonly<Record<string, string | undefined>>): PiceliConfig {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const { env: variable, type } = SETTINGS[name];
    const text = env[variable];
    if (text === undefined || text === "") continue;
    if (type === "list") out[name] = text.split(delimiter).filter((f) => f !== "");
    else if (type === "boolean") {
      if (/^(1|true|yes)$/i.test(text)) out[name] = true;
      else if (/^(0|false|no)$/i.test(text)) out[name] = false;
      else throw new DeployError(`${variable}: expected true or false (1/0, yes/no), received ${JSON.stringify(text)}`);
    } else out[name] = text;
  }
  return out as PiceliConfig;
}

/** The settings and where each came from, for `--verbose`. */
export function describeSettings(options: CliOptions): string {
  const shown: [SettingName, string][] = [
    ["files", options.paths.map(displayPath).join(", ") || "(none)"],
    ["namespace", options.namespace ?? "(the kubeconfig context's, else default)"],
    ["kubeconfig", options.kubeconfig ?? "($KUBECONFIG, else ~/.kube/config)"],
    ["context", options.context ?? "(the kubeconfig's current-context)"],
    ["fieldManager", options.fieldManager],
    ["timeout", options.timeoutMs % 60_000 === 0 ? `${options.timeoutMs / 60_000}m` : `${options.timeoutMs / 1000}s`],
    ["set", options.set ?? "(none)"],
    ["createNamespace", String(options.createNamespace)],
    ["recursive", String(options.recursive)],
  ];
  const width = Math.max(...shown.map(([, v]) => v.length));
  return `settings (flags, then PICELI_* variables, then the config file, then defaults):\n${shown
    .map(([name, value]) => `  ${name.padEnd(15)} ${value.padEnd(width)}  from ${options.origins[name]}`).join("\n")}\n`;
}

/** `Job/migrate=15m` as a {@link TimeoutOverride}. */
function parseTimeoutOverride(text: string): TimeoutOverride {
  const equals = text.lastIndexOf("=");
  const target = text.slice(0, equals);
  if (target === "" || target.split("/").length > 2 || target.endsWith("/")) throw new DeployError(`--timeout ${text}: expected [Kind/]name=duration, such as Job/migrate=15m`);
  return { target, ms: parseDuration(text.slice(equals + 1), `--timeout ${target}`) };
}

function checkFormat(command: Command, format: string | undefined): void {
  if (format === undefined) return;
  const allowed: Partial<Record<Command, string[]>> = { synth: ["yaml", "json"], plan: ["text", "dot", "mermaid"] };
  const options = allowed[command];
  if (options === undefined) throw new DeployError(`--format applies to synth and plan, not ${command}`);
  if (!options.includes(format)) throw new DeployError(`--format: expected ${options.join(", ")} for ${command}, received ${JSON.stringify(format)}`);
}

export { parseDuration };
