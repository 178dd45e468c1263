import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseQuantity } from "../../lib/values/quantity.js";

test("quantities: value and format as the API server reads them", () => {
  const cases: [string, number, string][] = [
    ["100m", 0.1, "DecimalSI"], ["2", 2, "DecimalSI"], ["0.5", 0.5, "DecimalSI"], ["250Mi", 262_144_000, "BinarySI"],
    ["1Ki", 1024, "BinarySI"], ["1k", 1000, "DecimalSI"], ["1e3", 1000, "DecimalExponent"], ["1E3", 1000, "DecimalExponent"],
    ["5n", 5e-9, "DecimalSI"], ["3E", 3e18, "DecimalSI"], ["2Ei", 2 * 2 ** 60, "BinarySI"], ["007", 7, "DecimalSI"], [" 1Gi ", 2 ** 30, "BinarySI"],
  ];
  for (const [text, value, format] of cases) assert.equal(parseQuantity(text), { value, format }, text);
  for (const text of ["", "1ki", "1KI", "1 Gi", "1Mb", "Mi1", "1.2.3", "0x10", "1e", "lots"]) assert.is(parseQuantity(text), undefined, text);
});

test("quantities: the common form (digits, a suffix) is read as the full grammar reads it", () => {
  // a leading space makes parseQuantity take the full grammar (the API server trims spaces): the two must agree
  const text = fc.oneof(fc.stringMatching(/^[0-9]{0,4}[numkKMGTPEei]{0,2}[0-9]?$/), fc.stringMatching(/^[1-9][0-9]{13,17}(Mi|m)?$/));
  fc.assert(fc.property(text, (t) => assert.equal(parseQuantity(t), parseQuantity(` ${t}`), t)), { numRuns: 3000 });
});

test.run();
