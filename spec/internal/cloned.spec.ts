import { test } from "uvu";
import * as assert from "uvu/assert";
import { isDeepStrictEqual } from "node:util";
import { cloned } from "../../lib/internal/cloned.js";

test("plain data is copied deeply, as structuredClone copies it", () => {
  const value = { apiGroups: [""], verbs: ["get"], nested: { list: [1, { a: null, b: undefined, c: true }] }, big: 5n };
  const copy = cloned(value);
  assert.ok(isDeepStrictEqual(copy, structuredClone(value)));
  assert.is.not(copy, value);
  assert.is.not(copy.nested.list, value.nested.list);
  value.nested.list.push(2);
  assert.equal(copy.nested.list, [1, { a: null, b: undefined, c: true }]);
  for (const scalar of [1, "a", null, undefined, false]) assert.is(cloned(scalar), scalar);
});

test("anything else is left to structuredClone: the same copy, or the same error", () => {
  const odd: unknown[] = [new Date(0), new Map([[1, 2]]), [1, , 3], Object.assign(Object.create(null), { x: 1 }), JSON.parse('{"__proto__": {"x": 1}}')];
  odd.forEach((value, i) => assert.ok(isDeepStrictEqual(cloned(value), structuredClone(value)), `value ${i}`));
  const cycle: { self?: unknown } = {};
  cycle.self = cycle;
  const copy = cloned(cycle);
  assert.is(copy.self, copy);
  for (const bad of [{ f: () => 1 }, [Symbol("s")]]) {
    assert.throws(() => cloned(bad), (error: Error) => {
      assert.throws(() => structuredClone(bad), (original: Error) => original.name === error.name && original.message === error.message);
      return error.name === "DataCloneError";
    });
  }
});

test.run();
