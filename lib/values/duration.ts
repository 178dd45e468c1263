import { pathOf, type Problems, type Rule } from "../internal/errors.js";

/** A duration in whole seconds, or a number with a unit: `"90s"`, `"30m"`, `"1h"`, `"1d"`. */
export type Duration = number | `${number}${"s" | "m" | "h" | "d"}`;

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION = /^(\d+(?:\.\d+)?)([smhd])$/;

/** The number of seconds in a duration, or `undefined` when it is not a whole, non-negative number of seconds. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = DURATION.exec(value);
  if (!match) return undefined;
  const seconds = Number(match[1]) * SECONDS_PER_UNIT[match[2]!]!;
  return Number.isInteger(seconds) ? seconds : undefined;
}

const withinInt32 = (seconds: number | undefined) => seconds !== undefined && seconds <= 2_147_483_647;

/** A duration {@link durationSeconds} can read, within int32. */
export const duration: Rule = {
  expected: 'a whole number of seconds >= 0, or a duration such as "90s", "30m", "1h" or "1d"',
  test: (v) => withinInt32(durationSeconds(v)),
};

/** The seconds of the duration `value` of `field` under `path`; when it is not a {@link duration}, records the problem and returns it as given. */
export function emitDuration(value: Duration, path: string, field: string, problems: Problems): number {
  const seconds = durationSeconds(value);
  if (!withinInt32(seconds)) problems.add(pathOf(path, field), duration.expected, value);
  return seconds ?? (value as number);
}
