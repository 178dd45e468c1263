import type { Rule } from "../internal/errors.js";

/** Binary (`Ki` = 1024) and decimal (`n` = 1e-9, `m` = 0.001, `k` = 1000) suffixes of a Kubernetes quantity. */
export type QuantitySuffix = "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei";

/**
 * A Kubernetes resource quantity such as `"100m"`, `"0.5"`, `"250Mi"` or `"1e3"`.
 * The type rejects words and units Kubernetes does not know (`"lots"`, `"2 GB"`); the exact grammar
 * (no hexadecimal, not negative) is checked at run time.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export type Quantity = `${number}` | `${number}${QuantitySuffix}`;

/** How a quantity is written, which decides its canonical form: `"1e3"`, `"1Ki"` or `"1k"`. */
export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

// The API server's grammar (apimachinery's parseQuantityString): a sign, digits, a fraction (each part may be
// empty, so "Gi" and "." are 0), then suffix letters, a sign and digits, read by the suffix tables below.
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/;
const DECIMAL: Readonly<Record<string, number>> = { "": 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const EXPONENT = /^[eE][+-]?\d+$/;
// The API server reads a quantity from JSON with strings.TrimSpace: spaces around it are dropped.
const SPACE = /^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g;

/** A parsed quantity: its numeric value and its format. */
export interface ParsedQuantity {
  readonly value: number;
  readonly format: QuantityFormat;
}

// Quantities in the less common forms (fractions, exponents, signs, spaces) parsed lately: build() reads a value
// more than once (its rule, then the request-limit comparison). Cleared when full, so one-off values never pile up.
const parsed = new Map<string, ParsedQuantity | undefined>();
const PARSED_MAX = 4096;

/** A quantity's numeric value and format, as the API server reads it, or `undefined` when it does not parse. */
export function parseQuantity(text: unknown): ParsedQuantity | undefined {
  if (typeof text !== "string") return undefined;
  const simple = parseSimple(text);
  if (simple !== undefined) return simple;
  if (text.length > 64) return parse(text);
  let result = parsed.get(text);
  if (result === undefined && !parsed.has(text)) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    result = parse(text);
    parsed.set(text, result);
  }
  return result;
}

// By character code: the factor of each one-letter decimal suffix, and of the binary suffix of that letter and "i"
// (computed as parse() computes them, so values are the same to the last bit).
const DECIMAL_FACTOR: number[] = [];
const BINARY_FACTOR: number[] = [];
for (const letter of "numkMGTPE") DECIMAL_FACTOR[letter.charCodeAt(0)] = 10 ** DECIMAL[letter]!;
for (const suffix of Object.keys(BINARY)) BINARY_FACTOR[suffix.charCodeAt(0)] = 2 ** BINARY[suffix]!;
const LOWER_I = 0x69;

/**
 * The common form, read without a regular expression or a cache: up to 15 digits (exact as a double), then nothing, a
 * decimal suffix letter or a binary suffix ("Mi"). The same value and format as {@link parse}; `undefined` for any
 * other form, which {@link parse} reads.
 */
function parseSimple(text: string): ParsedQuantity | undefined {
  const length = text.length;
  let digits = 0;
  let number = 0;
  while (digits < length) {
    const code = text.charCodeAt(digits);
    if (code < 0x30 || code > 0x39) break;
    number = number * 10 + (code - 0x30);
    digits++;
  }
  if (digits === 0 || digits > 15) return undefined;
  if (digits === length) return { value: number, format: "DecimalSI" };
  const letter = text.charCodeAt(digits);
  if (digits + 1 === length) {
    const factor = DECIMAL_FACTOR[letter];
    return factor === undefined ? undefined : { value: number * factor, format: "DecimalSI" };
  }
  const factor = BINARY_FACTOR[letter];
  if (digits + 2 !== length || factor === undefined || text.charCodeAt(digits + 1) !== LOWER_I) return undefined;
  return { value: number * factor, format: "BinarySI" };
}

const isSpace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0xa0;

function parse(text: string): ParsedQuantity | undefined {
  const trimmed = text !== "" && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) ? text.replace(SPACE, "") : text;
  const match = trimmed === "" ? null : QUANTITY.exec(trimmed);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", suffix = ""] = match;
  const number = Number(`${sign}${whole || "0"}.${fraction || "0"}`);
  if (suffix in DECIMAL) return { value: number * 10 ** DECIMAL[suffix]!, format: "DecimalSI" };
  if (suffix in BINARY) return { value: number * 2 ** BINARY[suffix]!, format: "BinarySI" };
  if (EXPONENT.test(suffix)) return { value: number * 10 ** Number(suffix.slice(1)), format: "DecimalExponent" };
  return undefined;
}

/** A non-negative quantity in Kubernetes' exact grammar (spaces around it are trimmed, as the API server does). */
export const quantity: Rule = {
  expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"',
  test: (v) => (parseQuantity(v)?.value ?? -1) >= 0,
};

/** A quantity in Kubernetes' exact grammar, negative ones too (a LimitRange's bounds, which the API server takes so). */
export const signedQuantity: Rule = {
  expected: 'a quantity such as "100m", "0.5", "-1" or "1Gi"',
  test: (v) => parseQuantity(v) !== undefined,
};

/** A valid quantity in thousandths, rounded up as the API server's MilliValue() rounds (float noise trimmed first). */
export function milliValue(text: string): number {
  return milli(quantityValue(text));
}

/** {@link milliValue} of a quantity's numeric value. */
export function milli(value: number): number {
  const thousandths = value * 1000;
  // a whole number below 1e12 is what trimming to 12 digits gives back
  if (Number.isInteger(thousandths) && Math.abs(thousandths) < 1e12) return thousandths;
  return Math.ceil(Number(thousandths.toPrecision(12)));
}

/** The numeric value of a valid quantity (`"250Mi"` -> 262144000), for comparisons; `NaN` when it does not parse. */
export function quantityValue(text: string): number {
  return parseQuantity(text)?.value ?? Number.NaN;
}
