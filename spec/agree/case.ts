// What an agreement case is, and how the DSL's verdict on one is taken.
import type { KubernetesObject } from "@kubernetes/client-node";
import { PiceliValidationError, Problems, type Problem } from "../../lib/internal/errors.js";

/** Anything whose `build()` returns a manifest: every kind's builder. */
export interface Buildable {
  build(): KubernetesObject;
}

/** One input to judge: built with the DSL, then posted to the API server as the manifest the DSL wrote. */
export interface Case {
  /** The kind of the object posted, for counts. */
  readonly kind: string;
  /** The field family, e.g. "names", "quantities". */
  readonly family: string;
  /** The input in words: `metadata.name = "a-"`. */
  readonly input: string;
  /** Makes the builder (through an untyped caller where types forbid the input). */
  readonly make: () => Buildable;
  /**
   * Why the server's answer depends on more than the object (a feature gate, the time-zone database): a
   * disagreement is then reported as such, not failed.
   */
  readonly depends?: string;
}

/** What the DSL said: the manifest its `build()` writes, and the problems it found (none: it accepts). */
export interface DslVerdict {
  readonly manifest?: KubernetesObject;
  readonly problems: readonly Problem[];
  /** An error other than a validation error: a bug in the DSL or in the case. */
  readonly crash?: Error;
}

let collecting: Problem[] | undefined;
const throwIfAny = Problems.prototype.throwIfAny;
// While a case is judged, build() records its problems instead of throwing, so the suite gets both the verdict
// and the very manifest build() writes (emitters write every value, valid or not, before the check throws).
Problems.prototype.throwIfAny = function (this: Problems, object: string) {
  try {
    throwIfAny.call(this, object);
  } catch (error) {
    if (collecting === undefined || !(error instanceof PiceliValidationError)) throw error;
    collecting.push(...error.problems);
  }
};

/** Builds the case's object, collecting the problems `build()` would have thrown. */
export function dslVerdict(c: Case): DslVerdict {
  const problems: Problem[] = [];
  collecting = problems;
  try {
    const manifest = c.make().build();
    return { manifest, problems };
  } catch (error) {
    // a validation error thrown before build() (at the call): the DSL refuses, with no manifest to post
    if (error instanceof PiceliValidationError) return { problems: error.problems };
    return { problems, crash: error as Error };
  } finally {
    collecting = undefined;
  }
}

/** A value as a case names it: JSON, long strings shortened with their length. */
export function show(value: unknown): string {
  if (typeof value === "string" && value.length > 40) return `${JSON.stringify(value.slice(0, 12))}…(${value.length} chars)`;
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The cases of one field: each value of `values` set with `set` on a fresh builder. `field` names the
 * field in the input text.
 */
export function each<V>(family: string, kind: string, field: string, values: readonly V[], set: (value: V) => Buildable, depends?: string): Case[] {
  return values.map((value) => ({
    kind, family, input: `${field} = ${show(value)}`, make: () => set(value), ...(depends !== undefined && { depends }),
  }));
}

/** Lets a case give a value the types forbid, as an untyped JavaScript caller can. */
export function untyped<T = never>(value: unknown): T {
  return value as T;
}
