import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";

function sources(dir: URL): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(new URL(f, dir), "utf8"));
}

test("the DSL never loads @kubernetes/client-node at run time: it imports only its types", () => {
  const imports = sources(new URL("../lib/", import.meta.url)).flatMap((text) =>
    [...text.matchAll(/^(import|export)\b[^;]*?from\s+["']@kubernetes\/client-node[^"']*["']/gms)].map((m) => m[0]));
  assert.ok(imports.length > 0, "lib uses client-node's types");
  for (const statement of imports) assert.match(statement, /^(import|export) type\b/, statement);
});

test("package.json: ESM, Node >= 20, exports with types, the required dependencies", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.is(pkg.name, "piceli");
  assert.is(pkg.type, "module");
  assert.is(pkg.engines.node, ">=20");
  assert.ok(pkg.exports["."].types);
  for (const dep of ["ts-pattern", "js-yaml", "@kubernetes/client-node"]) assert.ok(pkg.dependencies[dep], dep);
  assert.match(pkg.scripts.test, /^tsc --noEmit/);
});

test.run();
