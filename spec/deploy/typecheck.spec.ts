// `--typecheck`: the entry files are type-checked with the project's TypeScript and tsconfig.json before they run.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import { captureIo, folderWith } from "./helpers.js";

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const manifest = 'export const settings = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { A: "1" } };\n';

test("a type error stops synth and plan with the compiler's diagnostic, before the file runs; exit 1", async () => {
  // inside the project (its tsconfig.json and typescript), in a hidden folder the project's own tsc does not read
  const dir = mkdtempSync(join(fileURLToPath(new URL(".", import.meta.url)), ".typecheck-"));
  try {
    const marker = join(dir, "ran");
    const file = join(dir, "app.ts");
    writeFileSync(file, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nconst replicas: number = "three";\n${manifest}export const count = replicas;\n`);
    for (const command of ["synth", "plan"]) {
      const result = await run(command, "--typecheck", file);
      assert.is(result.code, 1, command);
      assert.is(result.stdout, "");
      assert.is(result.stderr, `error: --typecheck: 1 type error; no entry file was run:\n${relative(process.cwd(), file)}(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n`);
      assert.not.ok(existsSync(marker), "the file was run");
    }
    // without --typecheck the file runs (tsx does not check types), and what it exports is synthesized
    const unchecked = await run("synth", file);
    assert.is(unchecked.code, 0);
    assert.ok(existsSync(marker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a file without type errors passes: the same output as without --typecheck", async () => {
  const file = fileURLToPath(new URL("fixtures/exports.ts", import.meta.url));
  const checked = await run("synth", "--typecheck", file);
  assert.is(checked.code, 0);
  assert.is(checked.stdout, (await run("synth", file)).stdout);
});

test("a project without the typescript package: a clear error naming what to install", async () => {
  // a temporary folder outside the project: no node_modules to resolve typescript from
  const file = join(folderWith({ "app.ts": manifest }), "app.ts");
  const result = await run("synth", "--typecheck", file);
  assert.is(result.code, 1);
  assert.is(result.stderr, `error: ${file}: --typecheck needs the typescript package in this project (npm install --save-dev typescript), which cannot be resolved from here\n`);
});

test.run();
