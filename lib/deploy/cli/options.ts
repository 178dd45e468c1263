import { parseArgs } from "node:util";
import { DeployError } from "../errors.js";
import { DEFAULT_LOAD_TIMEOUT_MS } from "../load/settle-within.js";
import { checkPruneAllow } from "../ownership.js";

/** The commands of `piceli`. */
export const COMMANDS = ["synth", "list", "plan", "diff", "apply", "import"] as const;
/** One of {@link COMMANDS}. */
export type Command = (typeof COMMANDS)[number];

/** Parsed command line. */
export interface CliOptions {
  readonly command: Command;
  readonly paths: string[];
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly recursive: boolean;
  /** `--load-timeout`: how long loading one entry file may take. */
  readonly loadTimeoutMs: number;
  readonly verbose: boolean;
  readonly color: "auto" | "always" | "never";
  readonly format?: string;
  readonly out?: string;
  readonly fieldManager: string;
  readonly forceConflicts: boolean;
  readonly dryRun: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly replace: boolean;
  readonly rollback: boolean;
  readonly set?: string;
  readonly prune: boolean;
  /** `--prune-allow`: Namespaces and CustomResourceDefinitions prune may delete, as `Namespace/<name>`. */
  readonly pruneAllow: readonly string[];
}

/** What `--help` prints. */
export const USAGE = `Usage: piceli <command> [options] <file.ts | file.yaml | folder>...

From code to cluster: TypeScript entry files (their exported builders, manifests, arrays of them and functions
returning them, with workloads' companion Services and autoscalers), YAML/JSON files and folders of them.

Commands:
  synth   print the objects in apply order, as multi-document YAML (--format json: a v1 List; --out <dir>: one file each)
  list    list the objects: NAME, KIND, NAMESPACE, SOURCE
  plan    show the apply steps and what each object waits for (--format text | dot | mermaid)
  diff    compare with the cluster through a server-side dry run; exit 0 nothing would change, 2 something would,
          1 something is refused
  apply   server-side apply in plan order; on failure, undo what this run changed (in reverse order)
  import  write TypeScript builders for CustomResourceDefinitions: piceli import <crd.yaml | folder | crd-name>...
          (a name is read from the cluster); one file per API group in --out (default imports)

Options for all commands:
  -n, --namespace <ns>      namespace of namespaced objects that name none (an explicit one is never overridden)
      --kubeconfig <file>   kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context <name>      kubeconfig context to use (default: its current-context)
  -R, --recursive           read folders' subfolders too
      --load-timeout <duration>  how long loading one .ts/.js entry file may take, Promises it exports included
                                 (default 60s)
      --color <when>        auto (default), always or never
  -v, --verbose             say more (module output while loading, skipped exports, stack traces)
  -h, --help                show this help

synth:  --format yaml|json    --out <dir>
plan:   --format text|dot|mermaid
import: --out <dir>
diff:   --field-manager <name>  --force-conflicts  --set <name> [--prune [--prune-allow <Kind/name>]...]
apply:  --dry-run               server-side dry run: report what would happen, change nothing
        --wait                  wait for rollouts, Jobs, claims and Service endpoints, step by step
        --timeout <duration>    how long one wait may take: 90s, 5m, 1h (default 5m)
        --field-manager <name>  server-side apply field manager (default piceli)
        --force-conflicts       take over fields other field managers own
        --replace               delete and create again objects whose change is refused in place (immutable fields)
        --no-rollback           on failure, leave what was applied as it is
        --set <name>            label the objects piceli/set=<name>, so a later --prune can find them
        --prune                 after applying, delete what this field manager applied with this --set and the code no
                                longer has; never PersistentVolumeClaims or PersistentVolumes
        --prune-allow <Kind/name>  let --prune delete this Namespace or CustomResourceDefinition (repeatable)
`;

/** Parses `argv` (without `node` and the script). `undefined` means help was asked for. */
export function parseCli(argv: readonly string[]): CliOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        namespace: { type: "string", short: "n" },
        kubeconfig: { type: "string" },
        context: { type: "string" },
        recursive: { type: "boolean", short: "R" },
        "load-timeout": { type: "string" },
        verbose: { type: "boolean", short: "v" },
        color: { type: "string" },
        format: { type: "string", short: "o" },
        out: { type: "string" },
        "field-manager": { type: "string" },
        "force-conflicts": { type: "boolean" },
        "dry-run": { type: "boolean" },
        wait: { type: "boolean" },
        timeout: { type: "string" },
        replace: { type: "boolean" },
        "no-rollback": { type: "boolean" },
        set: { type: "string" },
        prune: { type: "boolean" },
        "prune-allow": { type: "string", multiple: true },
      },
    });
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
  onlyFor("--no-rollback", values["no-rollback"], ["apply"]);
  onlyFor("--prune", values.prune, ["diff", "apply"]);
  onlyFor("--set", values.set, ["diff", "apply"]);
  onlyFor("--prune-allow", values["prune-allow"], ["diff", "apply"]);
  if (values["prune-allow"] !== undefined && !values.prune) throw new DeployError("--prune-allow only applies with --prune");
  onlyFor("--field-manager", values["field-manager"], ["diff", "apply"]);
  onlyFor("--force-conflicts", values["force-conflicts"], ["diff", "apply"]);
  if (values.prune && values.set === undefined) throw new DeployError("--prune needs --set <name>: only objects piceli applied earlier with the same --set are pruned");
  return {
    command: command as Command,
    paths,
    ...(values.kubeconfig !== undefined && { kubeconfig: values.kubeconfig }),
    ...(values.context !== undefined && { context: values.context }),
    ...(values.namespace !== undefined && { namespace: values.namespace }),
    recursive: values.recursive ?? false,
    loadTimeoutMs: values["load-timeout"] === undefined ? DEFAULT_LOAD_TIMEOUT_MS : parseDuration(values["load-timeout"], "--load-timeout"),
    verbose: values.verbose ?? false,
    color,
    ...(values.format !== undefined && { format: values.format }),
    ...(values.out !== undefined && { out: values.out }),
    fieldManager: values["field-manager"] ?? "piceli",
    forceConflicts: values["force-conflicts"] ?? false,
    dryRun: values["dry-run"] ?? false,
    wait: values.wait ?? false,
    timeoutMs: values.timeout === undefined ? 300_000 : parseDuration(values.timeout, "--timeout"),
    replace: values.replace ?? false,
    rollback: !(values["no-rollback"] ?? false),
    ...(values.set !== undefined && { set: values.set }),
    prune: values.prune ?? false,
    pruneAllow: (values["prune-allow"] ?? []).map(checkPruneAllow),
  };
}

function checkFormat(command: Command, format: string | undefined): void {
  if (format === undefined) return;
  const allowed: Partial<Record<Command, string[]>> = { synth: ["yaml", "json"], plan: ["text", "dot", "mermaid"] };
  const options = allowed[command];
  if (options === undefined) throw new DeployError(`--format applies to synth and plan, not ${command}`);
  if (!options.includes(format)) throw new DeployError(`--format: expected ${options.join(", ")} for ${command}, received ${JSON.stringify(format)}`);
}

/** `90s`, `5m`, `1h`, `1m30s` or plain seconds, in milliseconds; errors name `flag`. */
export function parseDuration(text: string, flag = "--timeout"): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (match === null || text === "") throw new DeployError(`${flag}: expected a duration such as 90s, 5m or 1h, received ${JSON.stringify(text)}`);
  const [, h = "0", m = "0", s = "0"] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}
