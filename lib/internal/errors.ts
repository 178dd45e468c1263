import { match, P } from "ts-pattern";

/** One problem found in a manifest: where, what was expected, what was received. */
export interface Problem {
  /** Field path inside the manifest, e.g. `spec.template.spec.containers[0].name`. */
  readonly path: string;
  /** What a valid value looks like, e.g. `an integer >= 0`. */
  readonly expected: string;
  /** The value that was given. */
  readonly received: unknown;
}

/**
 * Thrown when a builder is given input that Kubernetes would reject. Carries every problem found,
 * not only the first; its message lists them one per line.
 *
 * @example
 * ```
 * Job "test-job" is invalid:
 *   spec.backoffLimit: expected an integer >= 0, received -1
 * ```
 */
export class PiceliValidationError extends Error {
  override readonly name = "PiceliValidationError";

  constructor(
    /** The object that failed, e.g. `Job "test-job"`. */
    readonly object: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${object} is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}

function formatProblem({ path, expected, received }: Problem): string {
  return `${path}: expected ${expected}, received ${show(received)}`;
}

function show(value: unknown): string {
  return match(value)
    .with(undefined, () => "nothing")
    .with(P.bigint, (n) => `${n}n`)
    .when((v) => typeof v === "function", () => "a function")
    .when(isClassInstance, (v) => `an instance of ${v.constructor.name || "a class"}`)
    .otherwise((v) => JSON.stringify(v));
}

function isClassInstance(value: unknown): value is { constructor: { name: string } } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null;
}

/** Collects problems while a manifest is built, then throws them all at once. */
export class Problems {
  readonly #list: Problem[] = [];

  add(path: string, expected: string, received: unknown): void {
    this.#list.push({ path, expected, received });
  }

  /** Records a problem when `value` fails `rule`; returns whether it passed. */
  check<T>(path: string, value: T, rule: Rule): boolean {
    if (rule.test(value)) return true;
    this.add(path, rule.expected, value);
    return false;
  }

  /** Throws a {@link PiceliValidationError} naming `object` if any problem was found. */
  throwIfAny(object: string): void {
    if (this.#list.length > 0) throw new PiceliValidationError(object, this.#list);
  }
}

/** A validation rule: a test and the words that say what passes it. */
export interface Rule {
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
}
