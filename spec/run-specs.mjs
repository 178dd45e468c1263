// The uvu specs (spec/**/*.spec.ts, through tsx) in two processes at once, one per core: the spec files that use the
// API test double (spec/deploy/fake-api-server.ts: they load the cluster client) or the examples' loading
// (spec/examples.ts, shared by two of them) in one, the rest in the other (measured: the first takes longer).
// The first prints as it runs, the second's output follows it, then the totals of both in uvu's form.
// Fails when either fails; one that ends without its totals (a spec file that throws on load) counts as one failure.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const FIRST = /from "\.\.?\/(?:fake-api-server|examples)\.js"/;

/** The spec files, as uvu names them (relative to spec/). */
const files = readdirSync(new URL(".", import.meta.url), { recursive: true })
  .filter((file) => file.endsWith(".spec.ts") && !file.split("/").includes("node_modules"))
  .sort();
const first = files.filter((file) => FIRST.test(readFileSync(new URL(file, import.meta.url), "utf8")));
const shards = [first, files.filter((file) => !first.includes(file))];

/** uvu on these spec files; what it prints is kept, and written out while `live`. */
function specs(shard) {
  const pattern = `^(${shard.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;
  const child = spawn(tsx, ["node_modules/uvu/bin.js", "spec", pattern], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const run = { output: [], live: false };
  for (const stream of ["stdout", "stderr"]) {
    child[stream].on("data", (chunk) => {
      run.output.push([stream, chunk]);
      if (run.live) process[stream].write(chunk);
    });
  }
  run.code = new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return run;
}

/** uvu's count of this name in a run's output (`  Total:     12`), or undefined when it printed none. */
function count(run, name) {
  const stdout = Buffer.concat(run.output.filter(([stream]) => stream === "stdout").map(([, chunk]) => chunk)).toString("utf8");
  const match = stdout.replace(/\x1b\[[0-9;]*m/g, "").match(new RegExp(`^\\s*${name}:\\s+(\\d+)`, "m"));
  return match ? Number(match[1]) : undefined;
}

const started = performance.now();
const runs = shards.map(specs);
const codes = [];
for (const run of runs) {
  for (const [stream, chunk] of run.output) process[stream].write(chunk);
  run.live = true;
  codes.push(await run.code);
}
const incomplete = runs.filter((run) => count(run, "Total") === undefined).length;
const sum = (name) => runs.reduce((total, run) => total + (count(run, name) ?? 0), 0);
if (incomplete > 0) console.log(`\n${incomplete} of the ${runs.length} spec processes ended without their totals (see above): counted as a failure each`);
console.log(`\n  Total:     ${sum("Total") + incomplete}\n  Passed:    ${sum("Passed")}\n  Skipped:   ${sum("Skipped")}`);
console.log(`  Duration:  ${(performance.now() - started).toFixed(2)}ms (all ${files.length} spec files, ${runs.length} processes at once)\n`);
process.exitCode = codes.some((code) => code !== 0) || incomplete > 0 ? 1 : 0;
