import { Problems } from "../internal/errors.js";
import { jsonEqual } from "../internal/json-equal.js";
import { evaluateRule, type RuleOutcome } from "./cel.js";

/**
 * A structural OpenAPI v3 schema, as a CustomResourceDefinition's `openAPIV3Schema` has it, kept as plain data:
 * the generated file keeps only the keywords that say what is valid (descriptions live in its types' JSDoc).
 */
export interface OpenApiSchema {
  /** Not read by {@link checkSchema}: the generated types carry it as JSDoc. */
  readonly description?: string;
  /** Applied by the API server (`build()` adds nothing): a required field with a default may be left out. */
  readonly default?: unknown;
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly additionalProperties?: OpenApiSchema | boolean;
  readonly items?: OpenApiSchema;
  readonly allOf?: readonly OpenApiSchema[];
  readonly anyOf?: readonly OpenApiSchema[];
  readonly oneOf?: readonly OpenApiSchema[];
  readonly not?: OpenApiSchema;
  readonly "x-kubernetes-int-or-string"?: boolean;
  readonly "x-kubernetes-preserve-unknown-fields"?: boolean;
  readonly "x-kubernetes-embedded-resource"?: boolean;
  readonly "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  readonly "x-kubernetes-list-map-keys"?: readonly string[];
  readonly "x-kubernetes-validations"?: readonly ValidationRule[];
}

/** One `x-kubernetes-validations` entry: a CEL expression over `self` that must be true. */
export interface ValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
  readonly optionalOldSelf?: boolean;
}

/**
 * The string formats {@link checkSchema} checks, as the API server does. The server checks others too (`email`,
 * `hostname`, `ipv6`, `cidr`, `mac`, `uri`, `duration`, …): those are left to it.
 */
export const CHECKED_FORMATS = ["int32", "int64", "byte", "date", "date-time", "uuid", "uuid3", "uuid4", "uuid5", "ipv4"] as const;

/**
 * Checks `value` against `schema` as the API server validates a custom resource, recording every problem at its
 * path (`spec.ports[0].port`). Also reports what the server would silently drop: fields the schema does not
 * declare (pruned) and `null` where the schema does not allow it. `x-kubernetes-validations` rules are evaluated
 * when {@link evaluateRule} can (see its JSDoc for which); the others are left to the server.
 */
export function checkSchema(value: unknown, schema: OpenApiSchema, path: string, problems: Problems): void {
  check(value, schema, path, problems, true);
}

/**
 * `structural`: whether `schema` is a node of the structural schema, not one under `allOf`, `anyOf`, `oneOf` or `not`
 * (those only add value checks: fields they do not name are not unknown).
 */
function check(value: unknown, schema: OpenApiSchema, path: string, problems: Problems, structural: boolean): void {
  if (value === undefined) return;
  if (value === null) {
    if (schema.nullable !== true && !isUntyped(schema)) problems.add(path, `${describeType(schema)} (the field is not nullable: the API server would drop null)`, null);
    // The API server checks an enum against null too: a nullable enum must list null.
    else if (schema.enum !== undefined && !schema.enum.includes(null)) problems.add(path, `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`, null);
    return;
  }
  if (!checkType(value, schema, path, problems)) return;
  if (schema.enum !== undefined && !schema.enum.some((allowed) => jsonEqual(allowed, value))) {
    problems.add(path, `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`, value);
  }
  if (typeof value === "string") checkString(value, schema, path, problems);
  else if (typeof value === "number") checkNumber(value, schema, path, problems);
  else if (Array.isArray(value)) checkArray(value, schema, path, problems, structural);
  else if (isPlainObject(value)) checkObject(value, schema, path, problems, structural);
  checkCombinations(value, schema, path, problems);
  for (const rule of schema["x-kubernetes-validations"] ?? []) checkRule(value, rule, path, problems);
}

/** Whether a schema says nothing about its value's type (a `x-kubernetes-preserve-unknown-fields` field without `type`). */
function isUntyped(schema: OpenApiSchema): boolean {
  return schema.type === undefined && schema["x-kubernetes-int-or-string"] !== true;
}

/** How messages name a schema's type: `an integer`, `an integer or a string`. */
export function describeType(schema: OpenApiSchema): string {
  if (schema["x-kubernetes-int-or-string"] === true) return "an integer or a string";
  switch (schema.type) {
    case "object": return "an object";
    case "array": return "an array";
    case "string": return "a string";
    case "integer": return "an integer";
    case "number": return "a number";
    case "boolean": return "true or false";
    default: return "a value";
  }
}

function checkType(value: unknown, schema: OpenApiSchema, path: string, problems: Problems): boolean {
  const ok = schema["x-kubernetes-int-or-string"] === true
    ? typeof value === "string" || Number.isInteger(value)
    : matchesType(value, schema.type);
  if (!ok) problems.add(path, describeType(schema), value);
  return ok;
}

function matchesType(value: unknown, type: OpenApiSchema["type"]): boolean {
  switch (type) {
    case undefined: return isJson(value);
    case "object": return isPlainObject(value);
    case "array": return Array.isArray(value);
    case "string": return typeof value === "string";
    case "integer": return Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "boolean": return typeof value === "boolean";
  }
}

function checkString(value: string, schema: OpenApiSchema, path: string, problems: Problems): void {
  // The API server counts characters (code points), not UTF-16 units.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) problems.add(path, `a string of at least ${schema.minLength} characters`, value);
  if (schema.maxLength !== undefined && length > schema.maxLength) problems.add(path, `a string of at most ${schema.maxLength} characters`, value);
  if (schema.pattern !== undefined) {
    const pattern = compilePattern(schema.pattern);
    if (pattern !== undefined && !pattern.test(value)) problems.add(path, `a string matching ${schema.pattern}`, value);
  }
  const format = schema.format === undefined ? undefined : STRING_FORMATS[schema.format];
  if (format !== undefined && !format.test(value)) problems.add(path, format.expected, value);
}

function checkNumber(value: number, schema: OpenApiSchema, path: string, problems: Problems): void {
  const what = schema.type === "integer" || schema["x-kubernetes-int-or-string"] === true ? "an integer" : "a number";
  if (schema.minimum !== undefined) {
    const below = schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum;
    if (below) problems.add(path, `${what} ${schema.exclusiveMinimum === true ? ">" : ">="} ${schema.minimum}`, value);
  }
  if (schema.maximum !== undefined) {
    const above = schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum;
    if (above) problems.add(path, `${what} ${schema.exclusiveMaximum === true ? "<" : "<="} ${schema.maximum}`, value);
  }
  if (schema.multipleOf !== undefined && !isMultipleOf(value, schema.multipleOf)) problems.add(path, `a multiple of ${schema.multipleOf}`, value);
  // The API server (go-openapi) rejects 0 for a `number` with multipleOf ("factor must be positive"): so does build().
  else if (schema.multipleOf !== undefined && value === 0 && schema.type === "number") problems.add(path, `a non-zero multiple of ${schema.multipleOf} (the API server rejects 0 for a number with multipleOf)`, value);
  const range = schema.type === "integer" && schema.format !== undefined ? INTEGER_FORMATS[schema.format] : undefined;
  if (range !== undefined && (value < range[0] || value > range[1])) problems.add(path, `an integer of format ${schema.format} (${range[0]} to ${range[1]})`, value);
}

function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  // Floating point: 0.3 / 0.1 is 2.9999999999999996.
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

function checkArray(value: readonly unknown[], schema: OpenApiSchema, path: string, problems: Problems, structural: boolean): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) problems.add(path, `at least ${schema.minItems} items`, value);
  if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.add(path, `at most ${schema.maxItems} items`, value);
  if (schema.items !== undefined) value.forEach((item, i) => check(item, schema.items!, `${path}[${i}]`, problems, structural));
  const listType = schema["x-kubernetes-list-type"];
  if (listType === "set") {
    value.forEach((item, i) => {
      if (value.findIndex((other) => jsonEqual(other, item)) < i) problems.add(`${path}[${i}]`, "a value not already in the list (a set)", item);
    });
  } else if (listType === "map") {
    const keys = schema["x-kubernetes-list-map-keys"] ?? [];
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      if (!isPlainObject(item)) return;
      const key = JSON.stringify(keys.map((k) => item[k] ?? null));
      if (seen.has(key)) problems.add(`${path}[${i}]`, `an item whose ${keys.join(", ")} differs from item ${seen.get(key)}'s (a map keyed by ${keys.join(", ")})`, keys.length === 1 ? item[keys[0]!] : keys.map((k) => item[k]));
      else seen.set(key, i);
    });
  }
}

function checkObject(value: Readonly<Record<string, unknown>>, schema: OpenApiSchema, path: string, problems: Problems, structural: boolean): void {
  const keys = Object.keys(value);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) problems.add(path, `an object with at least ${schema.minProperties} fields`, value);
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) problems.add(path, `an object with at most ${schema.maxProperties} fields`, value);
  for (const field of schema.required ?? []) {
    // A required field with a default is filled in by the API server before it checks.
    if (value[field] === undefined && schema.properties?.[field]?.default === undefined) problems.add(join(path, field), "a value (the field is required)", undefined);
  }
  if (schema["x-kubernetes-embedded-resource"] === true) {
    for (const field of ["apiVersion", "kind"]) if (typeof value[field] !== "string" || value[field] === "") problems.add(join(path, field), "a non-empty string (an embedded object names its apiVersion and kind)", value[field]);
  }
  const properties = schema.properties ?? {};
  const additional = schema.additionalProperties;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  for (const key of keys) {
    const property = hasOwn(properties, key) ? properties[key] : undefined;
    if (property !== undefined) check(value[key], property, join(path, key), problems, structural);
    else if (typeof additional === "object") check(value[key], additional, `${path}[${JSON.stringify(key)}]`, problems, structural);
    else if (additional === true || preserve || !structural) continue;
    else if (schema["x-kubernetes-embedded-resource"] === true && (key === "apiVersion" || key === "kind" || key === "metadata")) continue;
    else problems.add(join(path, key), fieldsExpected(path, Object.keys(properties)), value[key]);
  }
}

function fieldsExpected(path: string, fields: readonly string[]): string {
  const owner = path === "" ? "the object" : path;
  if (fields.length === 0) return `no field here: the schema declares none in ${owner} (the API server would drop it)`;
  return `a field the schema declares in ${owner} (${fields.join(", ")}); the API server would drop it`;
}

function checkCombinations(value: unknown, schema: OpenApiSchema, path: string, problems: Problems): void {
  const passes = (sub: OpenApiSchema) => {
    const found = new Problems();
    check(value, sub, path, found, false);
    return found.count === 0;
  };
  for (const sub of schema.allOf ?? []) check(value, sub, path, problems, false);
  if (schema.anyOf !== undefined && !schema.anyOf.some(passes)) problems.add(path, `a value matching at least one of ${schema.anyOf.length} schemas (anyOf)`, value);
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter(passes).length;
    if (matching !== 1) problems.add(path, `a value matching exactly one of ${schema.oneOf.length} schemas (oneOf; it matches ${matching})`, value);
  }
  if (schema.not !== undefined && passes(schema.not)) problems.add(path, "a value not matching the schema under `not`", value);
}

function checkRule(value: unknown, rule: ValidationRule, path: string, problems: Problems): void {
  const outcome: RuleOutcome = evaluateRule(rule.rule, value);
  if (outcome !== false) return; // true, or not evaluable here: the API server judges it
  // fieldPath is relative to the rule's field: `.min`, `['a.b']`, `items[0]`.
  const relative = rule.fieldPath?.replace(/^\./, "");
  const at = relative === undefined || relative === "" ? path : relative.startsWith("[") ? `${path}${relative}` : join(path, relative);
  problems.add(at, `a value for which the rule ${rule.rule} holds${rule.message === undefined ? "" : ` (${rule.message})`}`, value);
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

const patterns = new Map<string, RegExp | undefined>();

/** A schema's `pattern` (RE2 syntax, which JavaScript reads the same way for the patterns CRDs use), compiled once. */
export function compilePattern(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(pattern);
    } catch {
      compiled = undefined; // not a JavaScript regular expression: left to the API server
    }
    patterns.set(pattern, compiled);
  }
  return patterns.get(pattern);
}

interface Format {
  readonly expected: string;
  readonly test: (value: string) => boolean;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const STRING_FORMATS: Readonly<Record<string, Format>> = {
  byte: { expected: "base64-encoded data (format byte)", test: (v) => BASE64.test(v) },
  date: { expected: "a date such as 2024-01-31 (format date)", test: isDate },
  "date-time": {
    expected: "a date and time such as 2024-01-31T12:00:00Z (format date-time, RFC 3339)",
    test: (v) => {
      const match = DATE_TIME.exec(v);
      return match !== null && isDate(match[1]!) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
    },
  },
  uuid: { expected: "a UUID such as 123e4567-e89b-12d3-a456-426614174000 (format uuid)", test: (v) => UUID.test(v) },
  uuid3: { expected: "a version 3 UUID (format uuid3)", test: (v) => UUID.test(v) && /^.{8}-?.{4}-?3/i.test(v) },
  uuid4: { expected: "a version 4 UUID (format uuid4)", test: (v) => UUID.test(v) && /^.{8}-?.{4}-?4.{3}-?[89ab]/i.test(v) },
  uuid5: { expected: "a version 5 UUID (format uuid5)", test: (v) => UUID.test(v) && /^.{8}-?.{4}-?5.{3}-?[89ab]/i.test(v) },
  ipv4: { expected: "an IPv4 address such as 10.0.0.1 (format ipv4)", test: (v) => IPV4.test(v) },
};

const INTEGER_FORMATS: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `value` is JSON data (what an untyped, preserved field may hold). */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isPlainObject(value) && Object.values(value).every((v) => v === undefined || isJson(v));
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
