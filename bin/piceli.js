#!/usr/bin/env node
// The `piceli` command. In a published package it runs the compiled CLI (dist/cli.js); in a checkout of the
// repository, where lib/cli.ts exists, it runs the TypeScript source through tsx, so no build step is needed.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const source = fileURLToPath(new URL("../lib/cli.ts", import.meta.url));
const cli = existsSync(source)
  ? await (await import("tsx/esm/api")).tsImport(pathToFileURL(source).href, import.meta.url)
  : await import("../dist/cli.js");
await cli.run(process.argv.slice(2));
