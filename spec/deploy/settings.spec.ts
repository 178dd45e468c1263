// Settings: flags > PICELI_* variables > config file > defaults; config files; shell completion.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import { completionScript } from "../../lib/deploy/cli/completion.js";
import { checkConfig, loadConfig } from "../../lib/deploy/cli/config.js";
import { configFlag, describeSettings, parseCli } from "../../lib/deploy/cli/options.js";
import { captureIo, tempDir } from "./helpers.js";

const message = async (run: () => unknown) => {
  try {
    await run();
    return "no error";
  } catch (error) {
    return (error as Error).message;
  }
};

test("flags win over PICELI_* variables, which win over the config file; each origin kept", () => {
  const config = { file: join(process.cwd(), "piceli.config.yaml"), values: { files: ["/p/app.ts"], namespace: "from-file", fieldManager: "file-manager", timeout: "2m", set: "shop", createNamespace: true } };
  const env = { PICELI_NAMESPACE: "from-env", PICELI_TIMEOUT: "90s", PICELI_RECURSIVE: "false", PICELI_E2E_IMAGE: "not a setting" };
  const options = parseCli(["apply", "-n", "from-flag"], { env, config })!;
  assert.equal(
    { paths: options.paths, namespace: options.namespace, fieldManager: options.fieldManager, timeoutMs: options.timeoutMs, set: options.set, createNamespace: options.createNamespace, recursive: options.recursive },
    { paths: ["/p/app.ts"], namespace: "from-flag", fieldManager: "file-manager", timeoutMs: 90_000, set: "shop", createNamespace: true, recursive: false },
  );
  assert.equal(options.origins, {
    files: "piceli.config.yaml", namespace: "--namespace", kubeconfig: "default", context: "default", fieldManager: "piceli.config.yaml",
    timeout: "PICELI_TIMEOUT", set: "piceli.config.yaml", createNamespace: "piceli.config.yaml", recursive: "PICELI_RECURSIVE",
  });
  assert.is(describeSettings(options), [
    "settings (flags, then PICELI_* variables, then the config file, then defaults):",
    "  files           /p/app.ts                           from piceli.config.yaml",
    "  namespace       from-flag                           from --namespace",
    "  kubeconfig      ($KUBECONFIG, else ~/.kube/config)  from default",
    "  context         (the kubeconfig's current-context)  from default",
    "  fieldManager    file-manager                        from piceli.config.yaml",
    "  timeout         90s                                 from PICELI_TIMEOUT",
    "  set             shop                                from piceli.config.yaml",
    "  createNamespace true                                from piceli.config.yaml",
    "  recursive       false                               from PICELI_RECURSIVE",
    "",
  ].join("\n"));
  // Files on the command line replace the config's; settings that do not apply to a command are left out of it.
  assert.equal(parseCli(["synth", "x.yaml"], { env, config })!.paths, ["x.yaml"]);
  assert.equal([parseCli(["synth"], { config })!.set, parseCli(["synth"], { config })!.createNamespace], [undefined, false]);
  assert.is(parseCli(["apply", "--prune"], { config })!.prune, true, "--prune takes the config's set");
});

test("new flags: --create-namespace, --no-recursive, --rerun-jobs, repeated --timeout, --config; and their mistakes", async () => {
  const options = parseCli(["apply", "a.ts", "--create-namespace", "--no-recursive", "--rerun-jobs", "--timeout", "2m", "--timeout", "Job/migrate=15m", "--timeout", "web=30s"])!;
  assert.equal(
    { createNamespace: options.createNamespace, recursive: options.recursive, rerunJobs: options.rerunJobs, timeoutMs: options.timeoutMs, timeouts: options.timeouts },
    { createNamespace: true, recursive: false, rerunJobs: true, timeoutMs: 120_000, timeouts: [{ target: "Job/migrate", ms: 900_000 }, { target: "web", ms: 30_000 }] },
  );
  assert.is(parseCli(["list", "a.ts"])!.recursive, true, "recursive by default");
  assert.is(await message(() => parseCli(["plan", "--create-namespace", "a.ts"])), "--create-namespace applies to diff and apply, not plan");
  assert.is(await message(() => parseCli(["diff", "--rerun-jobs", "a.ts"])), "--rerun-jobs applies to apply, not diff");
  assert.is(await message(() => parseCli(["apply", "--timeout", "1m", "--timeout", "2m", "a.ts"])), "--timeout given twice (1m, 2m): one default, and [Kind/]name=duration for single objects");
  assert.is(await message(() => parseCli(["apply", "--timeout", "a/b/c=1m", "a.ts"])), "--timeout a/b/c=1m: expected [Kind/]name=duration, such as Job/migrate=15m");
  assert.is(await message(() => parseCli(["apply", "--timeout", "web=soon", "a.ts"])), '--timeout web: expected a duration such as 90s, 5m or 1h, received "soon"');
  assert.is(await message(() => parseCli(["apply", "-R", "--no-recursive", "a.ts"])), "--recursive and --no-recursive contradict each other");
  assert.is(await message(() => parseCli(["apply", "a.ts"], { env: { PICELI_CREATE_NAMESPACE: "maybe" } })), 'PICELI_CREATE_NAMESPACE: expected true or false (1/0, yes/no), received "maybe"');
  assert.is(await message(() => parseCli(["apply", "a.ts"], { config: { file: join(process.cwd(), "c.json"), values: { timeout: "soon" } } })), 'config file c.json: timeout: expected a duration such as 90s, 5m or 1h, received "soon"');
  assert.equal([configFlag(["apply", "--config", "x.yaml"]), configFlag(["apply", "--config=y.json"]), configFlag(["apply", "--", "--config", "z"])], ["x.yaml", "y.json", undefined]);
});

test("config files: YAML, JSON and TypeScript (default export), paths relative to the file; one file at most; unknown keys and wrong types are errors", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "piceli.config.yaml"), "files: [deploy/app.ts, /abs/k8s]\nkubeconfig: .kube/config\nnamespace: shop\ncreateNamespace: true\n");
  assert.equal(await loadConfig({ cwd: dir }), {
    file: join(dir, "piceli.config.yaml"),
    values: { files: [join(dir, "deploy/app.ts"), "/abs/k8s"], kubeconfig: join(dir, ".kube/config"), namespace: "shop", createNamespace: true },
  });
  writeFileSync(join(dir, "piceli.config.json"), JSON.stringify({ set: "shop" }));
  assert.match(await message(() => loadConfig({ cwd: dir })), /^more than one config file: .*piceli\.config\.json, .*piceli\.config\.yaml: keep one \(or choose with --config\)$/);
  assert.equal((await loadConfig({ cwd: dir, file: "piceli.config.json" }))!.values, { set: "shop" });
  assert.is(await message(() => loadConfig({ cwd: dir, file: "nope.yaml" })), "config file nope.yaml: no such file");
  const ts = join(tempDir(), "sub");
  mkdirSync(ts);
  // defineConfig from piceli/config (lib/config.ts), as the README says to import it.
  const configModule = fileURLToPath(new URL("../../lib/config.js", import.meta.url));
  writeFileSync(join(ts, "piceli.config.ts"), `import { defineConfig } from ${JSON.stringify(configModule)};\nexport default defineConfig({ namespace: "from-ts", timeout: "90s" });\n`);
  assert.equal((await loadConfig({ cwd: ts }))!.values, { namespace: "from-ts", timeout: "90s" });
  assert.is(await loadConfig({ cwd: tempDir() }), undefined);
  assert.is(await message(() => checkConfig({ namspace: "x" }, "/p/piceli.config.yaml")),
    'config file /p/piceli.config.yaml: unknown setting "namspace": expected one of files, namespace, kubeconfig, context, fieldManager, timeout, set, createNamespace, recursive');
  assert.is(await message(() => checkConfig({ files: "app.ts" }, "/p/c.yaml")), 'config file /p/c.yaml: files: expected a list of files and folders, received "app.ts"');
  assert.is(await message(() => checkConfig({ createNamespace: "yes" }, "/p/c.yaml")), 'config file /p/c.yaml: createNamespace: expected true or false, received "yes"');
  assert.is(await message(() => checkConfig(["x"], "/p/c.yaml")), "config file /p/c.yaml: expected a mapping of settings (export default { … } in TypeScript), received a list of 1");
});

test("the CLI reads the config file (--config, PICELI_CONFIG) and PICELI_* variables from its io.env; --verbose prints the settings", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  writeFileSync(join(dir, "team.yaml"), "files: [app.yaml]\nnamespace: from-file\n");
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const io = { ...captureIo(), env };
    const code = await main(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };
  const viaFlag = await run(["list", "--config", join(dir, "team.yaml")]);
  assert.is(viaFlag.stdout.split("\n")[1], `c     ConfigMap  from-file  ${join(dir, "app.yaml").replace(`${process.cwd()}/`, "")}: document 1`);
  const viaEnv = await run(["list", "--verbose"], { PICELI_CONFIG: join(dir, "team.yaml"), PICELI_NAMESPACE: "from-env" });
  assert.match(viaEnv.stdout.split("\n")[1]!, /^c +ConfigMap +from-env /);
  assert.match(viaEnv.stderr, /\n  namespace +from-env +from PICELI_NAMESPACE\n/);
  assert.match((await run(["list"], {})).stderr, /^error: .*expected at least one file or folder/);
});

test("completion: bash completes commands, options and values (run in bash); zsh and fish scripts name every command and option", () => {
  const script = completionScript("bash");
  const file = join(tempDir(), "piceli.bash");
  writeFileSync(file, script);
  const complete = (...words: string[]) => {
    const line = `source ${file}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}; _piceli; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return spawnSync("bash", ["-c", line], { encoding: "utf8" }).stdout.trim().split("\n");
  };
  assert.equal(complete("piceli", ""), ["synth", "list", "plan", "diff", "apply", "status", "import", "completion"]);
  assert.equal(complete("piceli", "apply", "--cr"), ["--create-namespace"]);
  assert.equal(complete("piceli", "plan", "-o", "m"), ["mermaid"]);
  assert.equal(complete("piceli", "status", "--namespace", ""), [""]);
  assert.equal(complete("piceli", "completion", ""), ["bash", "zsh", "fish"]);
  const zsh = completionScript("zsh");
  assert.match(zsh, /^#compdef piceli\n/);
  assert.match(zsh, /'\(-n --namespace\)'\{-n,--namespace\}'\[namespace of objects that name none\]:namespace: '/);
  assert.match(zsh, /\n {4}--color'\[colour output\]:color:\(auto always never\)' \\\n/);
  assert.match(zsh, /\n {4}'\*'--timeout'\[how long a wait may take \(\\\[Kind\/\\\]name=duration for one object\)\]:timeout: ' \\\n/);
  const fish = completionScript("fish");
  assert.match(fish, /\ncomplete -c piceli -n __fish_use_subcommand -a status -d 'what of the code exists in the cluster'\n/);
  assert.match(fish, /\ncomplete -c piceli -s n -l namespace -r -d 'namespace of objects that name none'\n/);
  assert.match(fish, /\ncomplete -c piceli -l color -r -a 'auto always never' -d 'colour output'\n/);
  for (const name of ["create-namespace", "rerun-jobs", "no-recursive", "config", "field-manager"]) {
    assert.ok(zsh.includes(`--${name}`) && fish.includes(`-l ${name}`), name);
  }
});

test.run();
