// The small CEL evaluator behind x-kubernetes-validations in build(): what it answers, and what it leaves to the
// API server ("unevaluated") rather than guess.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { canEvaluate, evaluateRule } from "../../lib/validation/cel.js";

const self = { min: 1, max: 3, name: "web-1", tags: ["a", "b"], ports: [{ port: 80 }, { port: 443 }], labels: { app: "web" }, ratio: 0.5, on: true };

test("comparisons, arithmetic, logic, conditionals and literals", () => {
  const cases: [string, boolean][] = [
    ["self.min <= self.max", true],
    ["self.min > self.max", false],
    ["self.max - self.min == 2", true],
    ["self.min * 2 + 1 == self.max", true],
    ["self.max % 2 == 1", true],
    ["self.ratio < 1.0", true],
    ["-self.min < 0", true],
    ["self.on && !false", true],
    ["self.min == 1 || self.max == 1", true],
    ["(self.min == 2 ? self.max : 0) == 0", true],
    ["self.name == 'web-1' && self.name != \"web-2\"", true],
    ["self.name + '-x' == 'web-1-x'", true],
    ["self.tags == ['a', 'b']", true],
    ["'a' in self.tags", true],
    ["'app' in self.labels", true],
    ["self.labels['app'] == 'web'", true],
    ["self.tags[1] == 'b'", true],
    ["self.labels == {'app': 'web'}".replace("{'app': 'web'}", "self.labels"), true],
  ];
  for (const [rule, expected] of cases) assert.is(evaluateRule(rule, self), expected, rule);
});

test("has, size, string functions and the list macros", () => {
  const cases: [string, boolean][] = [
    ["has(self.min)", true],
    ["!has(self.missing)", true],
    ["size(self.tags) == 2 && self.tags.size() == 2", true],
    ["size(self.name) == 5", true],
    ["self.name.startsWith('web') && self.name.endsWith('-1') && self.name.contains('b-')", true],
    ["self.name.matches('^[a-z]+-[0-9]$')", true],
    ["self.ports.all(p, p.port > 0)", true],
    ["self.ports.exists(p, p.port == 443)", true],
    ["self.ports.exists_one(p, p.port > 100)", true],
    ["self.labels.all(k, k.startsWith('a'))", true],
    ["self.ports.all(p, p.port < 100)", false],
  ];
  for (const [rule, expected] of cases) assert.is(evaluateRule(rule, self), expected, rule);
});

test("CEL's commutative logic: a decisive side wins over an error on the other", () => {
  assert.is(evaluateRule("self.missing > 1 || self.min == 1", self), true);
  assert.is(evaluateRule("self.missing > 1 && self.min == 2", self), false);
  assert.is(evaluateRule("self.missing > 1 || self.min == 2", self), "unevaluated");
});

test("what it leaves to the API server: transition rules, other functions, runtime errors, non-boolean results", () => {
  for (const rule of ["self == oldSelf", "self.name.lowerAscii() == self.name", "quantity(self.q).isLessThan(quantity('1'))", "self.min <<< 2", "self.x.y.z"]) {
    assert.is(evaluateRule(rule, self), "unevaluated", rule);
  }
  assert.not.ok(canEvaluate("self == oldSelf"));
  assert.not.ok(canEvaluate("self.name.lowerAscii() == self.name"));
  assert.ok(canEvaluate("self.x.y.z"), "readable; it only fails on values without x");
  assert.is(evaluateRule("self.min", self), "unevaluated", "not a boolean");
  assert.is(evaluateRule("self.min / 0 == 1", self), "unevaluated");
  assert.is(evaluateRule("self.max / 2 == 1", self), "unevaluated", "integer division truncates in CEL; the evaluator does not guess");
});

test.run();
