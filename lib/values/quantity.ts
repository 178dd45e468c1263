import type { Rule } from "../internal/errors.js";

/** Binary (`Ki` = 1024) and decimal (`m` = 0.001, `k` = 1000) suffixes of a Kubernetes quantity. */
export type QuantitySuffix = "m" | "k" | "M" | "G" | "T" | "P" | "E" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei";

/**
 * A Kubernetes resource quantity such as `"100m"`, `"0.5"`, `"250Mi"` or `"1e3"`.
 * The type rejects words and units Kubernetes does not know (`"lots"`, `"2 GB"`); the exact grammar
 * (no spaces, no hexadecimal, not negative) is checked at run time.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export type Quantity = `${number}` | `${number}${QuantitySuffix}`;

const QUANTITY = /^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[mkMGTPE])?$/;

const MULTIPLIERS: Record<string, number> = {
  "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A non-negative quantity in Kubernetes' exact grammar. */
export const quantity: Rule = {
  expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"',
  test: (v) => typeof v === "string" && QUANTITY.test(v),
};

/** The numeric value of a valid quantity (`"250Mi"` -> 262144000), for comparisons. */
export function quantityValue(text: string): number {
  const match = QUANTITY.exec(text);
  if (!match) return Number.NaN;
  const [, number, , suffix = ""] = match;
  if (suffix[0] === "e" || (suffix[0] === "E" && suffix.length > 1)) return Number(number + suffix);
  return Number(number) * MULTIPLIERS[suffix]!;
}
