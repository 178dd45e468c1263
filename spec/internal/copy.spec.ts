import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { copyData } from "../../lib/internal/copy.js";

test("copyData gives what structuredClone gives on plain data, sharing no object with its input", () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: false }), (json, any) => {
      for (const value of [json, any]) {
        const copy = copyData(value);
        assert.equal(copy, structuredClone(value));
        if (typeof value === "object" && value !== null) assert.is.not(copy, value);
      }
    }),
  );
});

test("copyData copies nested objects and arrays, keeps undefined values and holes", () => {
  const given = { a: [1, { b: "x" }], c: undefined, d: { e: null }, f: [, 2] };
  const copy = copyData(given);
  assert.equal(copy, structuredClone(given));
  assert.ok("c" in copy);
  assert.is.not(copy.a, given.a);
  assert.is.not(copy.a[1], given.a[1]);
  assert.is.not(copy.d, given.d);
  assert.not.ok(0 in copy.f);
});

test('copyData keeps a key "__proto__" as a property, as structuredClone does', () => {
  const given = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
  const copy = copyData(given);
  assert.equal(copy, structuredClone(given));
  assert.is(Object.getPrototypeOf(copy), Object.prototype);
  assert.ok(Object.hasOwn(copy, "__proto__"));
});

test("copyData hands what is not plain data to structuredClone: dates copied, functions refused alike", () => {
  const date = new Date(0);
  const copy = copyData({ at: date });
  assert.instance(copy.at, Date);
  assert.is.not(copy.at, date);
  assert.is(copy.at.getTime(), 0);
  assert.throws(() => copyData({ f: () => 1 }), (error: unknown) => error instanceof Error && error.name === "DataCloneError");
  assert.throws(() => structuredClone({ f: () => 1 }), (error: unknown) => error instanceof Error && error.name === "DataCloneError");
});

test.run();
