import { readFileSync } from "node:fs";
import { load, YAML11_SCHEMA } from "js-yaml";
import * as assert from "uvu/assert";
import { PiceliValidationError, type Problem } from "../lib/index.js";

/** Loads a Piceli golden manifest the way Piceli reads it (YAML 1.1: `0777` is an octal). */
export function golden(name: string): unknown {
  return load(readFileSync(new URL(`goldens/${name}`, import.meta.url), "utf8"), { schema: YAML11_SCHEMA });
}

/** Runs `fn`, asserts it throws a PiceliValidationError, and returns it. */
export function validationError(fn: () => unknown): PiceliValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PiceliValidationError) return error;
    throw error;
  }
  assert.unreachable("expected a PiceliValidationError");
  throw new Error("unreachable");
}

/** Asserts that `fn` throws exactly these problems. */
export function assertProblems(fn: () => unknown, problems: Problem[]): void {
  assert.equal(validationError(fn).problems, problems);
}
