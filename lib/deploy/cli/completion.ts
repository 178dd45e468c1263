import { DeployError } from "../errors.js";
import { COMMANDS, FLAGS, type Command } from "./options.js";

/** Shells `piceli completion` writes a script for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@link SHELLS}. */
export type Shell = (typeof SHELLS)[number];

const COMMAND_HELP: Record<Command, string> = {
  synth: "print the objects in apply order",
  list: "list the objects and where they come from",
  plan: "show the apply steps",
  diff: "compare with the cluster",
  apply: "apply to the cluster, rolling back on failure",
  status: "what of the code exists in the cluster",
  import: "write builders for CustomResourceDefinitions",
  completion: "print a shell completion script",
};

/** What each flag's value is completed with. */
type ValueKind = "file" | "folder" | "none" | readonly string[];

const FLAG_HELP: Record<keyof typeof FLAGS, readonly [help: string, value?: ValueKind]> = {
  help: ["show the help"],
  namespace: ["namespace of objects that name none", "none"],
  kubeconfig: ["kubeconfig file to use", "file"],
  context: ["kubeconfig context to use", "none"],
  recursive: ["read subfolders too (the default)"],
  "no-recursive": ["read only the files directly in folders"],
  "load-timeout": ["how long loading one entry file may take", "none"],
  typecheck: ["type-check the entry files before running them"],
  config: ["config file", "file"],
  verbose: ["say more"],
  color: ["colour output", ["auto", "always", "never"]],
  format: ["output format", ["yaml", "json", "text", "dot", "mermaid"]],
  out: ["folder to write one file per object to", "folder"],
  "field-manager": ["server-side apply field manager", "none"],
  "force-conflicts": ["take over fields other managers own"],
  "dry-run": ["server-side dry run, changing nothing"],
  wait: ["wait for rollouts, Jobs, claims and endpoints"],
  timeout: ["how long a wait may take ([Kind/]name=duration for one object)", "none"],
  replace: ["delete and create again what cannot change in place"],
  "rerun-jobs": ["delete finished Jobs and create them again"],
  "no-rollback": ["on failure, leave what was applied"],
  "create-namespace": ["create namespaces the code does not declare"],
  set: ["label objects with this set (for --prune and status)", "none"],
  prune: ["delete objects of the set the code no longer has"],
  "prune-allow": ["let --prune delete this Namespace or CustomResourceDefinition (Kind/name)", "none"],
};

/** The completion script for a shell; `piceli completion bash` prints it. */
export function completionScript(shell: string | undefined): string {
  switch (shell) {
    case "bash":
      return bash();
    case "zsh":
      return zsh();
    case "fish":
      return fish();
    default:
      throw new DeployError(`completion: expected a shell, one of ${SHELLS.join(", ")}, received ${shell === undefined ? "nothing" : JSON.stringify(shell)}`);
  }
}

const flags = () => Object.entries(FLAG_HELP).map(([name, [help, value]]) => ({ name, short: (FLAGS as Record<string, { short?: string }>)[name]!.short, help, value }));

function bash(): string {
  const all = flags().flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
  const names = (f: ReturnType<typeof flags>[number]) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])].join("|");
  const cases = flags().filter((f) => f.value !== undefined).map((f) => {
    const reply = f.value === "file" ? 'compgen -f -- "$cur"' : f.value === "folder" ? 'compgen -d -- "$cur"' : f.value === "none" ? "" : `compgen -W "${(f.value as string[]).join(" ")}" -- "$cur"`;
    return `    ${names(f)}) ${reply === "" ? "COMPREPLY=()" : `COMPREPLY=($(${reply}))`}; return ;;`;
  });
  return `# piceli completion for bash. Load it with: source <(piceli completion bash)
# or save it: piceli completion bash > ~/.local/share/bash-completion/completions/piceli
_piceli() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${COMMANDS.join(" ")}" -- "$cur")); return
  fi
  case "$prev" in
${cases.join("\n")}
  esac
  if [ "\${COMP_WORDS[1]}" = completion ]; then COMPREPLY=($(compgen -W "${SHELLS.join(" ")}" -- "$cur")); return; fi
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${all.join(" ")}" -- "$cur")); return; fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _piceli piceli
`;
}

function zsh(): string {
  // In an _arguments description, brackets are escaped; a single quote ends the quoted word.
  const quote = (text: string) => text.replace(/[[\]']/g, (c) => (c === "'" ? "'\\''" : `\\${c}`));
  const specs = flags().map((f) => {
    const action = f.value === undefined ? "" : f.value === "file" ? ":file:_files" : f.value === "folder" ? ":folder:_files -/" : f.value === "none" ? `:${f.name}: ` : `:${f.name}:(${(f.value as string[]).join(" ")})`;
    const repeat = f.name === "timeout" ? "*" : "";
    const names = f.short ? `{-${f.short},--${f.name}}` : `--${f.name}`;
    const exclusive = f.short && !repeat ? `'(-${f.short} --${f.name})'` : "";
    return `    ${exclusive}${repeat ? `'*'` : ""}${names}'[${quote(f.help)}]${action}'`;
  });
  const commands = COMMANDS.map((c) => `'${c}:${quote(COMMAND_HELP[c])}'`).join(" ");
  return `#compdef piceli
# piceli completion for zsh. Load it with: source <(piceli completion zsh)
# or save it as _piceli in a folder of $fpath: piceli completion zsh > "\${fpath[1]}/_piceli"
_piceli() {
  local -a commands
  commands=(${commands})
  _arguments -s \\
${specs.join(" \\\n")} \\
    '1:command:->command' \\
    '*:file:->files'
  case $state in
    command) _describe command commands ;;
    files) if [[ $words[2] == completion ]]; then _values shell ${SHELLS.join(" ")}; else _files; fi ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _piceli "$@"; else compdef _piceli piceli; fi
`;
}

function fish(): string {
  const quote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const lines = [
    "# piceli completion for fish. Load it with: piceli completion fish | source",
    "# or save it: piceli completion fish > ~/.config/fish/completions/piceli.fish",
    "complete -c piceli -f",
    ...COMMANDS.map((c) => `complete -c piceli -n __fish_use_subcommand -a ${c} -d ${quote(COMMAND_HELP[c])}`),
    `complete -c piceli -n '__fish_seen_subcommand_from completion' -a ${quote(SHELLS.join(" "))}`,
    `complete -c piceli -n 'not __fish_use_subcommand; and not __fish_seen_subcommand_from completion' -F`,
    ...flags().map((f) => {
      const value = f.value === undefined ? "" : f.value === "file" || f.value === "folder" ? " -r -F" : f.value === "none" ? " -r" : ` -r -a ${quote((f.value as string[]).join(" "))}`;
      return `complete -c piceli${f.short ? ` -s ${f.short}` : ""} -l ${f.name}${value} -d ${quote(f.help)}`;
    }),
  ];
  return `${lines.join("\n")}\n`;
}
