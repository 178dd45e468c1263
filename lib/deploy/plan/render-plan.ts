import { describeSource } from "../load/source.js";
import { describe } from "../object-id.js";
import type { Dependency, Plan, PlannedObject } from "./plan.js";

/** How a plan can be printed. */
export type PlanFormat = "text" | "dot" | "mermaid";

/** Prints a plan as text (steps, with what each object waits for), Graphviz DOT or a Mermaid flowchart. */
export function renderPlan(plan: Plan, format: PlanFormat = "text"): string {
  switch (format) {
    case "text":
      return planText(plan);
    case "dot":
      return planDot(plan);
    case "mermaid":
      return planMermaid(plan);
  }
}

/** Dependencies worth drawing: every namespaced object follows its Namespace, which step 1 already shows. */
function shownDependencies(plan: Plan): Dependency[] {
  return plan.dependencies.filter((d) => d.via !== "namespace");
}

function planText(plan: Plan): string {
  const byKey = new Map(plan.objects.map((o) => [o.key, o]));
  const after = new Map<string, Dependency[]>();
  for (const d of shownDependencies(plan)) after.set(d.to, [...(after.get(d.to) ?? []), d]);
  const count = plan.objects.length;
  const lines = [`Plan: ${count} object${count === 1 ? "" : "s"} in ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}`];
  plan.steps.forEach((step, i) => {
    lines.push(`Step ${i + 1}:`);
    for (const object of step) {
      const deps = after.get(object.key) ?? [];
      const reasons = deps.map((d) => `${describe(byKey.get(d.from)!.id)} (${d.via})`);
      lines.push(`  ${describe(object.id)}${reasons.length === 0 ? "" : `  after ${reasons.join(", ")}`}`);
    }
  });
  return `${lines.join("\n")}\n`;
}

function label(object: PlannedObject): string {
  return `${object.id.kind}\n${object.id.namespace === undefined ? "" : `${object.id.namespace}/`}${object.id.name}`;
}

function planDot(plan: Plan): string {
  const ids = new Map(plan.objects.map((o, i) => [o.key, `n${i}`]));
  const quote = (text: string) => JSON.stringify(text);
  const lines = ["digraph plan {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  plan.steps.forEach((step, i) => {
    lines.push(`  subgraph cluster_step${i + 1} {`, `    label=${quote(`Step ${i + 1}`)};`, "    style=dashed;");
    for (const object of step) lines.push(`    ${ids.get(object.key)} [label=${quote(label(object))}${tooltip(object)}];`);
    lines.push("  }");
  });
  for (const d of shownDependencies(plan)) lines.push(`  ${ids.get(d.from)} -> ${ids.get(d.to)} [label=${quote(d.via)}];`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function tooltip(object: PlannedObject): string {
  return object.source === undefined ? "" : `, tooltip=${JSON.stringify(describeSource(object.source))}`;
}

function planMermaid(plan: Plan): string {
  const ids = new Map(plan.objects.map((o, i) => [o.key, `n${i}`]));
  // Mermaid labels: quotes are not allowed inside "…", line breaks are <br/>.
  const text = (value: string) => value.replaceAll('"', "#quot;").replaceAll("\n", "<br/>");
  const lines = ["flowchart TB"];
  plan.steps.forEach((step, i) => {
    lines.push(`  subgraph step${i + 1}["Step ${i + 1}"]`);
    for (const object of step) lines.push(`    ${ids.get(object.key)}["${text(label(object))}"]`);
    lines.push("  end");
  });
  for (let i = 1; i < plan.steps.length; i++) lines.push(`  step${i} ~~~ step${i + 1}`);
  for (const d of shownDependencies(plan)) lines.push(`  ${ids.get(d.from)} -->|${text(d.via)}| ${ids.get(d.to)}`);
  return `${lines.join("\n")}\n`;
}
