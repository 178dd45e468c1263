import type { V1LabelSelector, V1LabelSelectorRequirement } from "@kubernetes/client-node";
import { cloned } from "../internal/cloned.js";
import type { Problems } from "../internal/errors.js";
import { checkFields } from "../internal/fields.js";
import { emitLabels, type StringMap } from "./metadata.js";
import { labelValue, oneOf, qualifiedName } from "../validation/rules.js";

/** A requirement of a label selector: `In`/`NotIn` a list of values, or `Exists`/`DoesNotExist`. */
export type LabelSelectorRequirement =
  | { readonly key: string; readonly operator: "In" | "NotIn"; readonly values: readonly string[] }
  | { readonly key: string; readonly operator: "Exists" | "DoesNotExist"; readonly values?: readonly [] };

/** A label selector (`matchLabels` and `matchExpressions`, all of which must hold). `{}` selects everything. */
export interface LabelSelector {
  readonly matchLabels?: StringMap;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Anything with pods to select: a Deployment, StatefulSet, DaemonSet, Job or Pod builder. */
export interface PodSelectable {
  readonly podLabels: StringMap;
}

/** Whether `value` is something with pods ({@link PodSelectable}), not a plain selector. */
export function isPodSelectable(value: unknown): value is PodSelectable {
  return typeof value === "object" && value !== null && "podLabels" in value;
}

/** The selector of a workload's pods (their labels), or a copy of a selector given as is. */
export function selectorOf(target: PodSelectable | LabelSelector): LabelSelector {
  if (isPodSelectable(target)) return { matchLabels: { ...target.podLabels } };
  return cloned(target) as LabelSelector;
}

const OPERATOR = oneOf(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Writes a label selector at `path`, checking keys, values and operators as the API server does. */
export function emitLabelSelector(selector: LabelSelector, path: string, problems: Problems): V1LabelSelector {
  checkFields(selector, ["matchLabels", "matchExpressions"], "a label selector", path, problems);
  const out: V1LabelSelector = {};
  if (selector.matchLabels) out.matchLabels = emitLabels(selector.matchLabels, `${path}.matchLabels`, problems);
  if (selector.matchExpressions) {
    out.matchExpressions = selector.matchExpressions.map((r, i): V1LabelSelectorRequirement => {
      const at = `${path}.matchExpressions[${i}]`;
      problems.checkField(at, "key", r.key, qualifiedName);
      problems.checkField(at, "operator", r.operator, OPERATOR);
      const values = r.values ?? [];
      if ((r.operator === "In" || r.operator === "NotIn") && values.length === 0) problems.add(`${at}.values`, `at least one value for operator ${r.operator}`, r.values);
      if ((r.operator === "Exists" || r.operator === "DoesNotExist") && values.length > 0) problems.add(`${at}.values`, `no values for operator ${r.operator}`, r.values);
      values.forEach((v, j) => {
        // the path is written only when it is reported
        if (!labelValue.test(v)) problems.check(`${at}.values[${j}]`, v, labelValue);
      });
      return r.values === undefined ? { key: r.key, operator: r.operator } : { key: r.key, operator: r.operator, values: [...r.values] };
    });
  }
  return out;
}
