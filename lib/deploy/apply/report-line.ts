import { describe, type ObjectId } from "../object-id.js";

/** Width of the action column in apply output (`unchanged`, `not pruned`). */
export const ACTION_WIDTH = 10;

/** One line of apply output: `  created    Deployment shop/web: detail`, the same live and in the report. */
export function reportLine(action: string, id: ObjectId, detail = "", style: (text: string) => string = (t) => t, width = ACTION_WIDTH): string {
  return `  ${style(action.padEnd(width))} ${describe(id)}${detail === "" ? "" : `: ${detail}`}`;
}

/** `Apply failed at Deployment shop/web (wait): timed out …`. */
export function failureLine(failure: { readonly phase: string; readonly id?: ObjectId; readonly message: string }): string {
  return `Apply failed${failure.id ? ` at ${describe(failure.id)}` : ""} (${failure.phase}): ${failure.message}`;
}
