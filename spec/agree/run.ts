// The agreement suite (`npm run agree`): every case is built with the DSL and posted, as the manifest build() writes,
// to a real kube-apiserver (dry-run create, strict field validation). It prints each disagreement (the input, the
// DSL's verdict, the server's message) and exits non-zero on any that is not declared. The server comes from
// PICELI_E2E_KUBECONFIG; without one the suite says it is skipped, and fails when CI is set.
import { randomBytes } from "node:crypto";
import type { Problem } from "../../lib/internal/errors.js";
import { dslVerdict, show, type Case } from "./case.js";
import { ALL_CASES } from "./cases/index.js";
import { DECLARED, declarationFor, type Declared } from "./declared.js";
import { Server, type ServerVerdict } from "./server.js";

/** How many requests are in flight at once. */
const CONCURRENCY = 8;

type Outcome = "agree" | "declared" | "depends" | "disagree" | "broken";

interface Result {
  readonly c: Case;
  readonly outcome: Outcome;
  readonly problems: readonly Problem[];
  readonly server?: ServerVerdict;
  readonly note?: string;
}

const kubeconfig = process.env["PICELI_E2E_KUBECONFIG"];
if (!kubeconfig) {
  if (process.env["CI"]) {
    console.error("agree: PICELI_E2E_KUBECONFIG is not set, and CI needs the agreement suite to run against a real cluster");
    process.exit(1);
  }
  console.log("agree: skipped (set PICELI_E2E_KUBECONFIG to a cluster's kubeconfig, e.g. kc=$(../shared/kube/up))");
  process.exit(0);
}

const started = performance.now();
const server = await Server.open(kubeconfig, `piceli-agree-${randomBytes(3).toString("hex")}`);
const used = new Set<Declared>();
let results: Result[];
try {
  results = await pool(ALL_CASES, CONCURRENCY, judge);
} finally {
  await server.close();
}

async function judge(c: Case): Promise<Result> {
  const dsl = dslVerdict(c);
  if (dsl.crash) return { c, outcome: "broken", problems: [], note: `build() crashed: ${dsl.crash.stack ?? dsl.crash.message}` };
  if (!dsl.manifest) return { c, outcome: "broken", problems: dsl.problems, note: "refused before build(): no manifest to post" };
  const verdict = await server.judge(dsl.manifest);
  const accepts = dsl.problems.length === 0;
  if (accepts === verdict.accepted) return { c, outcome: "agree", problems: dsl.problems, server: verdict };
  if (c.depends !== undefined) return { c, outcome: "depends", problems: dsl.problems, server: verdict };
  if (!accepts && verdict.accepted) {
    const declarations = dsl.problems.map((p) => declarationFor(c.kind, p));
    if (declarations.every((d) => d !== undefined)) {
      declarations.forEach((d) => used.add(d!));
      return { c, outcome: "declared", problems: dsl.problems, server: verdict };
    }
  }
  return { c, outcome: "disagree", problems: dsl.problems, server: verdict };
}

/** Runs `work` on every item, at most `limit` at a time, keeping the items' order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const dslText = (problems: readonly Problem[]) =>
  problems.length === 0 ? "accepts" : `rejects: ${problems.map((p) => `${p.path}: expected ${p.expected}, received ${show(p.received)}`).join("; ")}`;
const serverText = (verdict?: ServerVerdict) => (verdict === undefined ? "not asked" : verdict.accepted ? "accepts" : `rejects: ${verdict.message}`);

for (const outcome of ["depends", "disagree", "broken"] as const) {
  const list = results.filter((r) => r.outcome === outcome);
  if (list.length === 0) continue;
  console.log(`\n${{ depends: "Depends on more than the object (reported, not failed)", disagree: "DISAGREEMENTS", broken: "BROKEN CASES" }[outcome]}: ${list.length}`);
  for (const r of list) {
    console.log(`  ${r.c.kind} (${r.c.family}): ${r.c.input}${r.c.depends ? ` [depends on ${r.c.depends}]` : ""}`);
    console.log(`    DSL:    ${dslText(r.problems)}`);
    console.log(`    server: ${r.note ?? serverText(r.server)}`);
  }
}

const unused = DECLARED.filter((d) => !used.has(d));
for (const d of unused) console.log(`\nDeclared over-strictness no case shows (remove it or add a case): ${d.rule}`);

const kinds = [...new Set(results.map((r) => r.c.kind))].sort();
const count = (list: readonly Result[], outcome: Outcome) => list.filter((r) => r.outcome === outcome).length;
console.log("\nkind                      cases  agree  declared  depends  disagree");
for (const kind of [...kinds, "total"]) {
  const list = kind === "total" ? results : results.filter((r) => r.c.kind === kind);
  const cells = [list.length, count(list, "agree"), count(list, "declared"), count(list, "depends"), count(list, "disagree") + count(list, "broken")];
  console.log(`${kind.padEnd(24)}${cells.map((n, i) => String(n).padStart([7, 7, 10, 9, 10][i]!)).join("")}`);
}
const failures = count(results, "disagree") + count(results, "broken") + unused.length;
console.log(`\nagree: ${results.length} cases against ${server.namespace} in ${((performance.now() - started) / 1000).toFixed(1)}s; ${failures === 0 ? "no undeclared disagreement" : `${failures} failure(s)`}`);
process.exit(failures === 0 ? 0 : 1);
