// checkSchema: the structural schema checks build() runs for custom resources, one feature at a time. The e2e suite
// (spec/e2e/custom-resource.e2e.ts) checks the same features against a real API server.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkSchema, PiceliValidationError, type OpenApiSchema, type Problem } from "../../lib/index.js";
import { Problems } from "../../lib/internal/errors.js";

/** The problems checkSchema records for `value` at `spec`. */
function problemsOf(schema: OpenApiSchema, value: unknown): Problem[] {
  const problems = new Problems();
  checkSchema(value, schema, "spec", problems);
  try {
    problems.throwIfAny("X");
    return [];
  } catch (error) {
    return [...(error as PiceliValidationError).problems];
  }
}

const ok = (schema: OpenApiSchema, value: unknown) => assert.equal(problemsOf(schema, value), [], JSON.stringify(value));

test("types: each JSON type, integers apart from numbers, int-or-string, untyped preserved values", () => {
  ok({ type: "string" }, "x");
  ok({ type: "integer" }, 3);
  ok({ type: "number" }, 3.5);
  ok({ type: "boolean" }, false);
  ok({ type: "array" }, []);
  ok({ type: "object" }, {});
  ok({ "x-kubernetes-int-or-string": true }, 80);
  ok({ "x-kubernetes-int-or-string": true }, "http");
  ok({ "x-kubernetes-preserve-unknown-fields": true }, { any: ["thing", 1, null] });
  assert.equal(problemsOf({ type: "string" }, 1), [{ path: "spec", expected: "a string", received: 1 }]);
  assert.equal(problemsOf({ type: "integer" }, 1.5), [{ path: "spec", expected: "an integer", received: 1.5 }]);
  assert.equal(problemsOf({ type: "integer" }, "1"), [{ path: "spec", expected: "an integer", received: "1" }]);
  assert.equal(problemsOf({ type: "number" }, Number.NaN), [{ path: "spec", expected: "a number", received: Number.NaN }]);
  assert.equal(problemsOf({ type: "boolean" }, "true"), [{ path: "spec", expected: "true or false", received: "true" }]);
  assert.equal(problemsOf({ type: "object" }, []), [{ path: "spec", expected: "an object", received: [] }]);
  assert.equal(problemsOf({ type: "array" }, {}), [{ path: "spec", expected: "an array", received: {} }]);
  assert.equal(problemsOf({ "x-kubernetes-int-or-string": true }, 1.5), [{ path: "spec", expected: "an integer or a string", received: 1.5 }]);
  assert.equal(problemsOf({ "x-kubernetes-preserve-unknown-fields": true }, () => 1).length, 1, "a function is not JSON");
});

test("nullable: null only where allowed (the API server drops it elsewhere); a nullable enum must list null", () => {
  ok({ type: "string", nullable: true }, null);
  assert.equal(problemsOf({ type: "string" }, null), [{ path: "spec", expected: "a string (the field is not nullable: the API server would drop null)", received: null }]);
  assert.equal(problemsOf({ type: "string", nullable: true, enum: ["a"] }, null), [{ path: "spec", expected: 'one of "a"', received: null }]);
  ok({ type: "string", nullable: true, enum: ["a", null] }, null);
});

test("enums compare JSON values", () => {
  ok({ type: "string", enum: ["a", "b"] }, "b");
  ok({ type: "object", "x-kubernetes-preserve-unknown-fields": true, enum: [{ a: 1, b: 2 }] }, { b: 2, a: 1 });
  assert.equal(problemsOf({ type: "integer", enum: [1, 2] }, 3), [{ path: "spec", expected: "one of 1, 2", received: 3 }]);
});

test("strings: lengths in characters (code points), patterns, formats", () => {
  ok({ type: "string", maxLength: 2 }, "😀😀");
  assert.equal(problemsOf({ type: "string", maxLength: 2 }, "abc"), [{ path: "spec", expected: "a string of at most 2 characters", received: "abc" }]);
  assert.equal(problemsOf({ type: "string", minLength: 2 }, "a"), [{ path: "spec", expected: "a string of at least 2 characters", received: "a" }]);
  assert.equal(problemsOf({ type: "string", pattern: "^\\d+$" }, "12a"), [{ path: "spec", expected: "a string matching ^\\d+$", received: "12a" }]);
  // Go's inline flags are not JavaScript: such a pattern is left to the API server (and `piceli import` says so).
  ok({ type: "string", pattern: "(?i)^abc$" }, "anything");
  const formats: [string, string[], string[]][] = [
    ["byte", ["", "aGk=", "aGVsbG8="], ["aGk", "a b=", "!!!!"]],
    ["date", ["2024-02-29"], ["2023-02-29", "2024-1-01", "2024-13-01"]],
    ["date-time", ["2024-01-31T12:00:00Z", "2024-01-31t12:00:00.5z", "2024-01-31 12:00:00+01:00"], ["2024-01-31", "2024-01-31T24:00:00Z", "2024-01-31T12:00:00"]],
    ["uuid", ["123e4567-e89b-12d3-a456-426614174000", "123E4567E89B12D3A456426614174000"], ["nope", "123e4567-e89b-12d3-a456-42661417400"]],
    ["uuid4", ["123e4567-e89b-42d3-a456-426614174000"], ["123e4567-e89b-12d3-a456-426614174000"]],
    ["ipv4", ["10.0.0.1", "255.255.255.255"], ["1.2.3", "256.0.0.1", "01.2.3.4"]],
  ];
  for (const [format, good, bad] of formats) {
    for (const v of good) ok({ type: "string", format }, v);
    for (const v of bad) assert.is(problemsOf({ type: "string", format }, v).length, 1, `${format}: ${v}`);
  }
  ok({ type: "string", format: "email" }, "left to the API server");
});

test("numbers: bounds (inclusive and exclusive), multipleOf, integer formats", () => {
  ok({ type: "integer", minimum: 1, maximum: 3 }, 3);
  assert.equal(problemsOf({ type: "integer", minimum: 1 }, 0), [{ path: "spec", expected: "an integer >= 1", received: 0 }]);
  assert.equal(problemsOf({ type: "number", minimum: 1, exclusiveMinimum: true }, 1), [{ path: "spec", expected: "a number > 1", received: 1 }]);
  assert.equal(problemsOf({ type: "number", maximum: 1, exclusiveMaximum: true }, 1), [{ path: "spec", expected: "a number < 1", received: 1 }]);
  assert.equal(problemsOf({ type: "integer", maximum: 1 }, 2), [{ path: "spec", expected: "an integer <= 1", received: 2 }]);
  ok({ type: "number", multipleOf: 0.1 }, 0.3);
  ok({ type: "integer", multipleOf: 2 }, 0);
  assert.equal(problemsOf({ type: "integer", multipleOf: 2 }, 3), [{ path: "spec", expected: "a multiple of 2", received: 3 }]);
  assert.equal(problemsOf({ type: "number", multipleOf: 0.25 }, 0), [
    { path: "spec", expected: "a non-zero multiple of 0.25 (the API server rejects 0 for a number with multipleOf)", received: 0 },
  ]);
  assert.equal(problemsOf({ type: "integer", format: "int32" }, 2 ** 31), [{ path: "spec", expected: "an integer of format int32 (-2147483648 to 2147483647)", received: 2 ** 31 }]);
  ok({ type: "integer", format: "int64" }, 2 ** 40);
});

test("arrays: item schemas with their index, counts, sets and maps keyed by fields", () => {
  assert.equal(problemsOf({ type: "array", items: { type: "string" } }, ["a", 1]), [{ path: "spec[1]", expected: "a string", received: 1 }]);
  assert.equal(problemsOf({ type: "array", minItems: 1 }, []), [{ path: "spec", expected: "at least 1 items", received: [] }]);
  assert.equal(problemsOf({ type: "array", maxItems: 1 }, [1, 2]), [{ path: "spec", expected: "at most 1 items", received: [1, 2] }]);
  assert.equal(problemsOf({ type: "array", "x-kubernetes-list-type": "set" }, [1, 2, 1]), [{ path: "spec[2]", expected: "a value not already in the list (a set)", received: 1 }]);
  ok({ type: "array", "x-kubernetes-list-type": "atomic" }, [1, 1]);
  const map: OpenApiSchema = { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name", "protocol"], items: { type: "object", "x-kubernetes-preserve-unknown-fields": true } };
  ok(map, [{ name: "a", protocol: "TCP" }, { name: "a", protocol: "UDP" }]);
  assert.equal(problemsOf(map, [{ name: "a", protocol: "TCP" }, { name: "a", protocol: "TCP" }]), [
    { path: "spec[1]", expected: "an item whose name, protocol differs from item 0's (a map keyed by name, protocol)", received: ["a", "TCP"] },
  ]);
});

test("objects: required fields (unless defaulted), declared fields only, maps, field counts, embedded objects", () => {
  const schema: OpenApiSchema = {
    type: "object",
    required: ["a", "b"],
    properties: { a: { type: "string" }, b: { type: "integer", default: 1 }, c: { type: "object", properties: { d: { type: "string" } } } },
  };
  ok(schema, { a: "x" });
  assert.equal(problemsOf(schema, { c: { d: 1, e: 2 } }), [
    { path: "spec.a", expected: "a value (the field is required)", received: undefined },
    { path: "spec.c.d", expected: "a string", received: 1 },
    { path: "spec.c.e", expected: "a field the schema declares in spec.c (d); the API server would drop it", received: 2 },
  ]);
  assert.equal(problemsOf({ type: "object" }, { x: 1 }), [{ path: "spec.x", expected: "no field here: the schema declares none in spec (the API server would drop it)", received: 1 }]);
  assert.equal(problemsOf({ type: "object", additionalProperties: { type: "integer" } }, { x: 1, "a.b/c": "2" }), [{ path: 'spec["a.b/c"]', expected: "an integer", received: "2" }]);
  assert.equal(problemsOf({ type: "object", minProperties: 1 }, {}), [{ path: "spec", expected: "an object with at least 1 fields", received: {} }]);
  assert.equal(problemsOf({ type: "object", maxProperties: 1, additionalProperties: { type: "integer" } }, { a: 1, b: 2 }), [
    { path: "spec", expected: "an object with at most 1 fields", received: { a: 1, b: 2 } },
  ]);
  ok({ type: "object", properties: { a: { type: "string" } }, "x-kubernetes-preserve-unknown-fields": true }, { a: "x", b: 1 });
  const embedded: OpenApiSchema = { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } };
  ok(embedded, { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {} });
  assert.equal(problemsOf(embedded, { kind: "Pod" }), [
    { path: "spec.apiVersion", expected: "a non-empty string (an embedded object names its apiVersion and kind)", received: undefined },
  ]);
});

test("allOf, anyOf, oneOf and not add value checks; fields they name are not unknown", () => {
  const oneOf: OpenApiSchema = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, oneOf: [{ required: ["a"] }, { required: ["b"] }] };
  ok(oneOf, { a: "x" });
  assert.equal(problemsOf(oneOf, { a: "x", b: "y" }), [{ path: "spec", expected: "a value matching exactly one of 2 schemas (oneOf; it matches 2)", received: { a: "x", b: "y" } }]);
  const anyOf: OpenApiSchema = { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string", pattern: "^\\d+%$" }] };
  ok(anyOf, "50%");
  assert.equal(problemsOf(anyOf, "half"), [{ path: "spec", expected: "a value matching at least one of 2 schemas (anyOf)", received: "half" }]);
  assert.equal(problemsOf({ type: "integer", allOf: [{ minimum: 1 }, { maximum: 3 }] }, 4), [{ path: "spec", expected: "a number <= 3", received: 4 }]);
  assert.equal(problemsOf({ type: "string", not: { enum: ["x"] } }, "x"), [{ path: "spec", expected: "a value not matching the schema under `not`", received: "x" }]);
});

test("x-kubernetes-validations: evaluated rules report their message at the rule's field path; others are left to the server", () => {
  const schema: OpenApiSchema = {
    type: "object",
    properties: { min: { type: "integer" }, max: { type: "integer" } },
    "x-kubernetes-validations": [
      { rule: "self.min <= self.max", message: "min must not exceed max", fieldPath: ".min" },
      { rule: "self.min == oldSelf.min", message: "min is immutable" },
      { rule: "self.max < 10" },
    ],
  };
  ok(schema, { min: 1, max: 2 });
  assert.equal(problemsOf(schema, { min: 13, max: 12 }), [
    { path: "spec.min", expected: "a value for which the rule self.min <= self.max holds (min must not exceed max)", received: { min: 13, max: 12 } },
    { path: "spec", expected: "a value for which the rule self.max < 10 holds", received: { min: 13, max: 12 } },
  ]);
});

test.run();
