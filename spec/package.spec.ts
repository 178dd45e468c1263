import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";

/** The lib files `import ... from "piceli"` loads at run time: a walk of value imports (not `import type`) from lib/index.ts. */
function runtimeModules(entry: URL): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: URL) => {
    if (seen.has(file.href)) return;
    const text = readFileSync(file, "utf8");
    seen.set(file.href, text);
    for (const [, keyword, what, from] of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gms)) {
      void keyword;
      if (what || !from!.startsWith(".")) continue;
      visit(new URL(from!.replace(/\.js$/, ".ts"), file));
    }
  };
  visit(entry);
  return seen;
}

test("the DSL never loads @kubernetes/client-node at run time: every module it loads imports only its types", () => {
  const modules = runtimeModules(new URL("../lib/index.ts", import.meta.url));
  assert.ok(modules.size > 10, "the walk follows lib/index.ts's imports");
  for (const [file, text] of modules) {
    for (const [statement] of text.matchAll(/^(import|export)\b[^;]*?from\s+["']@kubernetes\/client-node[^"']*["']/gms)) {
      assert.match(statement, /^(import|export) type\b/, `${file}: ${statement}`);
    }
  }
});

test("package.json: ESM, Node >= 20, exports with types, the required dependencies", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.is(pkg.name, "piceli");
  assert.is(pkg.type, "module");
  assert.is(pkg.engines.node, ">=20");
  assert.ok(pkg.exports["."].types);
  // piceli/config, what a piceli.config.ts imports: built from lib/config.ts (tsconfig.build.json: lib → dist).
  assert.equal(pkg.exports["./config"], { types: "./dist/config.d.ts", default: "./dist/config.js" });
  for (const dep of ["ts-pattern", "js-yaml", "@kubernetes/client-node"]) assert.ok(pkg.dependencies[dep], dep);
  assert.match(pkg.scripts.test, /^tsc --noEmit/);
});

test.run();
