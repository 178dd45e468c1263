// Loading never hangs (issue 16): the `piceli` command run as a real process, since how a process ends is the point.
// Every process starts when this file is loaded and each test awaits its own, so they run at once: most of a run is
// Node starting and timers running out.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InputError } from "../../lib/deploy/errors.js";
import { loadSources } from "../../lib/deploy/load/load-sources.js";
import { tempDir } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** An entry file with this text, in a new temporary folder of an ES module package (where top-level await works). */
function entry(name: string, text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `piceli <args>` as a process, started now; killed after 120 s (ample on a loaded machine), so a hang fails the spec instead of stalling it. */
function piceli(...args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, "bin/piceli.js"), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const timer = entry("timer.ts", "setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport const x = 1;\n");
const timerRun = piceli("synth", "--load-timeout", "1s", timer);
test("a pending top-level await with a live timer: --load-timeout ends loading with the file and what was pending, and the process exits", async () => {
  const result = await timerRun;
  assert.equal(result, {
    code: 1, signal: null, stdout: "",
    stderr: `error: ${timer}: did not load within 1s: its top-level code is still running (a top-level await that has not settled) (--load-timeout <duration> sets the limit)\n`,
  });
});

const exported = entry("exports.ts", [
  'export const ok = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ok" } };',
  "const keepAlive = setInterval(() => {}, 1000);",
  "export const later = () => new Promise(() => keepAlive);",
].join("\n"));
const exportedRun = piceli("list", "--load-timeout", "3s", exported);
test("an exported Promise, or one a function returns, that a live timer keeps from ending: named by its export", async () => {
  const result = await exportedRun;
  assert.equal([result.code, result.stdout], [1, ""]);
  assert.is(result.stderr, `error: ${exported}: did not load within 3s: export "later()" returned a Promise that has not settled (--load-timeout <duration> sets the limit)\n`);
});

const never = entry("never.ts", "export const later = new Promise(() => {});\n");
const neverRun = piceli("plan", never);
const awaited = entry("await.ts", "await new Promise(() => {});\nexport const x = 1;\n");
const awaitedRun = piceli("synth", awaited);
test("a Promise nothing can settle (no timer): said at once instead of Node's silent exit code 13", async () => {
  assert.equal(await neverRun, {
    code: 1, signal: null, stdout: "", stderr: `error: ${never}: export "later" is a Promise that has not settled, and nothing is left running that could settle it\n`,
  });
  assert.equal(await awaitedRun, {
    code: 1, signal: null, stdout: "",
    stderr: `error: ${awaited}: its top-level code is still running (a top-level await that has not settled), and nothing is left running that could settle it\n`,
  });
});

const lingering = entry("lingering.ts", 'setInterval(() => {}, 1000);\nexport const c = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } };\n');
const lingeringRun = piceli("synth", lingering);
test("a module that leaves a timer running after loading does not keep the command from ending", async () => {
  const result = await lingeringRun;
  assert.equal([result.code, result.signal, result.stderr], [0, null, ""]);
  assert.is(result.stdout, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
});

const interrupted = entry("interrupted.ts", 'process.stderr.write("loading\\n");\nsetInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport const x = 1;\n');
/** `piceli synth` of the file above, sent Ctrl-C (SIGINT) once the file says it is loading: its exit code and stderr. */
const interruptedRun = new Promise<[number | null, string]>((resolve) => {
  const child = spawn(process.execPath, [join(root, "bin/piceli.js"), "synth", interrupted], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    if (chunk.includes("loading\n")) child.kill("SIGINT");
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  child.on("close", (code) => {
    clearTimeout(killer);
    resolve([code, stderr]);
  });
});
test("Ctrl-C while loading ends the command at once, saying what was loading", async () => {
  assert.equal(await interruptedRun, [130, `loading\nerror: interrupted while loading ${interrupted}: its top-level code is still running (a top-level await that has not settled)\n`]);
});

test("loadSources: the timeout is an InputError naming the file and the export whose Promise is pending", async () => {
  // A finite timer: the spec's own process must be able to end.
  const file = entry("slow.ts", "export const slow = new Promise((resolve) => setTimeout(resolve, 6000));\n");
  try {
    await loadSources([file], { loadTimeoutMs: 3000 });
    assert.unreachable("expected a timeout");
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as InputError).message, `${file}: did not load within 3s: export "slow" is a Promise that has not settled (--load-timeout <duration> sets the limit)`);
  }
  const { objects } = await loadSources([entry("fine.ts", 'export const c = Promise.resolve({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });\n')], { loadTimeoutMs: 5_000 });
  assert.is(objects.length, 1);
});

test.run();
