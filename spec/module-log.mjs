// `node --import ./spec/module-log.mjs …` with PICELI_MODULE_LOG=<file>: appends every module the process
// loads to that file, one a line, so a spec can tell which packages a command really loaded. ES modules are logged
// (as URLs) by a resolve hook, which sees what tsx loads too (tsx's hooks, registered later, hand each specifier on to
// this one); CommonJS modules (as paths) where Node loads each one, which also sees what tsx's require hook compiles
// (a piceli.config.ts in a folder without `"type": "module"` is CommonJS, and so is all it imports).
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { isMainThread } from "node:worker_threads";

const file = process.env["PICELI_MODULE_LOG"];
// The hooks run in a thread of their own, which imports this file again: register them from the main thread only.
if (isMainThread && file) {
  register(import.meta.url, { data: { log: file } });
  const load = Module.prototype.load;
  Module.prototype.load = function (filename) {
    appendFileSync(file, `${filename}\n`);
    return load.call(this, filename);
  };
}

let log;

/** Receives the log file's path from `register`. */
export function initialize(data) {
  log = data.log;
}

/** Resolves as the next hook does, and logs the URL. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (log) appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
