import { createRequire } from "node:module";
import { extname } from "node:path";
import type * as TypeScript from "typescript";
import { DeployError, InputError } from "../errors.js";
import { nearestTsconfig } from "./module-source.js";

/** Extensions `--typecheck` checks (JavaScript entry files have no types to check). */
const TYPED_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];

/**
 * Type-checks the TypeScript entry files among `files` (and what they import) with the TypeScript compiler of the
 * user's project, resolved from each file, and the nearest `tsconfig.json`'s options (one program per tsconfig).
 * Throws, with the compiler's diagnostics as `tsc` prints them, when one has a type error; throws when the project
 * has no `typescript` package. `piceli synth --typecheck` (and every command that loads files) runs it before any
 * entry file is run.
 */
export function typecheckFiles(files: readonly string[]): void {
  const typed = files.filter((f) => TYPED_EXTENSIONS.includes(extname(f).toLowerCase()) && !f.split(/[\\/]/).includes("node_modules"));
  const byConfig = new Map<string | undefined, string[]>();
  for (const file of typed) {
    const config = nearestTsconfig(file);
    byConfig.set(config, [...(byConfig.get(config) ?? []), file]);
  }
  const reports: string[] = [];
  let count = 0;
  for (const [config, group] of byConfig) {
    const ts = typescriptFor(group[0]!);
    const options = config === undefined ? ts.getDefaultCompilerOptions() : parsedOptions(ts, config);
    const program = ts.createProgram(group, { ...options, noEmit: true }, reusingHost(ts, options));
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    count += errors.length;
    if (errors.length > 0) {
      reports.push(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" }));
    }
  }
  if (count > 0) {
    throw new DeployError(`--typecheck: ${count} type error${count === 1 ? "" : "s"}; no entry file was run:\n${reports.join("").trimEnd()}`);
  }
}

/** Source files parsed by earlier checks in this process, per compiler and options, by path and how it is parsed. */
const parsedFiles = new WeakMap<typeof TypeScript, Map<string, Map<string, TypeScript.SourceFile>>>();

/**
 * A compiler host that reuses the source files earlier checks in this process parsed with the same compiler and
 * options while their text is unchanged (as a language service's document registry does): the compiler's lib files and
 * the `@types` declarations are parsed once, not for every check.
 */
function reusingHost(ts: typeof TypeScript, options: TypeScript.CompilerOptions): TypeScript.CompilerHost {
  const host = ts.createCompilerHost(options);
  const byOptions = parsedFiles.get(ts) ?? new Map<string, Map<string, TypeScript.SourceFile>>();
  parsedFiles.set(ts, byOptions);
  const optionsKey = JSON.stringify(options);
  const files = byOptions.get(optionsKey) ?? new Map<string, TypeScript.SourceFile>();
  byOptions.set(optionsKey, files);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const text = host.readFile(fileName);
    const { languageVersion, impliedNodeFormat } = typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions, impliedNodeFormat: undefined };
    const key = `${fileName}\0${languageVersion}\0${impliedNodeFormat}`;
    const cached = files.get(key);
    if (cached !== undefined && cached.text === text && !shouldCreateNewSourceFile) return cached;
    const file = parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (file === undefined) files.delete(key);
    else files.set(key, file);
    return file;
  };
  return host;
}

/** The `typescript` package as the project that holds `file` resolves it. */
function typescriptFor(file: string): typeof TypeScript {
  const require = createRequire(file);
  try {
    return require(require.resolve("typescript")) as typeof TypeScript;
  } catch {
    throw new InputError(file, "--typecheck needs the typescript package in this project (npm install --save-dev typescript), which cannot be resolved from here");
  }
}

/** The compiler options of a `tsconfig.json`, or its errors. */
function parsedOptions(ts: typeof TypeScript, config: string): TypeScript.CompilerOptions {
  const fail = (diagnostic: TypeScript.Diagnostic) => {
    throw new InputError(config, ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
  const error = parsed?.errors.find((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (error) fail(error);
  return parsed!.options;
}
