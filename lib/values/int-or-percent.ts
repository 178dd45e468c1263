import type { Rule } from "../internal/errors.js";

/** A number of pods, or a percentage of them such as `"25%"`. */
export type IntOrPercent = number | `${number}%`;

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647;

/** An int-or-percent: an integer >= 0 or a percentage. */
export const intOrPercent: Rule = {
  expected: 'an integer >= 0 or a percentage such as "25%"',
  test: (v: unknown) => isCount(v) || (typeof v === "string" && /^\d+%$/.test(v)),
};

/** An int-or-percent whose percentage is at most 100%. */
export const intOrPercentTo100: Rule = {
  expected: 'an integer >= 0 or a percentage from "0%" to "100%"',
  test: (v: unknown) => isCount(v) || (typeof v === "string" && /^\d+%$/.test(v) && Number.parseInt(v, 10) <= 100),
};
