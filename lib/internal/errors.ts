import { match, P } from "ts-pattern";

/** One problem found in a manifest: where, what was expected, what was received. */
export interface Problem {
  /** Field path inside the manifest, e.g. `spec.template.spec.containers[0].name`. */
  readonly path: string;
  /** What a valid value looks like, e.g. `an integer >= 0`. */
  readonly expected: string;
  /** The value that was given, or a {@link Withheld} description of a sensitive one (a Secret's data). */
  readonly received: unknown;
}

/**
 * What a problem shows instead of a sensitive value (a Secret's data), so neither the message nor the error object
 * holds it: its length and kinds of characters, and what is wrong with it.
 */
export class Withheld {
  constructor(
    /** `a secret value (not shown) of 22 characters: letters, digits and symbols; not base64: …`. */
    readonly description: string,
  ) {
    Object.freeze(this);
  }
}

/** A {@link Withheld} description of `value`, with `wrong` (what is wrong with it, without the value) appended. */
export function withheld(value: unknown, wrong?: string): Withheld {
  const like = typeof value === "string"
    ? `of ${value.length} character${value.length === 1 ? "" : "s"}${value.length === 0 ? "" : `: ${characterClasses(value).join(", ")}`}`
    : `that is ${value === null ? "null" : Array.isArray(value) ? "a list" : `a ${typeof value}`}`;
  return new Withheld(`a secret value (not shown) ${like}${wrong === undefined ? "" : `; ${wrong}`}`);
}

/** The kinds of characters in `text`: `lowercase letters`, `digits`, `symbols`, `non-ASCII characters`, … */
export function characterClasses(text: string): string[] {
  const classes: [string, RegExp][] = [
    ["uppercase letters", /[A-Z]/], ["lowercase letters", /[a-z]/], ["digits", /[0-9]/], ["spaces", / /],
    ["symbols", /[!-/:-@[-`{-~]/], ["control characters", /[\u0000-\u001f\u007f]/], ["non-ASCII characters", /[^\u0000-\u007f]/],
  ];
  return classes.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
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
    .when((v) => v instanceof Withheld, (v) => (v as Withheld).description)
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

/** The path of `field` under `path` (under `""`, the top of a manifest or a container of its own: `field` alone). */
export function pathOf(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}

/** Collects problems while a manifest is built, then throws them all at once. */
export class Problems {
  readonly #list: Problem[] = [];

  add(path: string, expected: string, received: unknown): void {
    this.#list.push({ path, expected, received });
  }

  /**
   * Records a problem when `value` fails `rule`; returns whether it passed. A `sensitive` value (a Secret's data)
   * is never recorded: the problem says what is wrong with it instead ({@link withheld}, {@link Rule.wrong}).
   */
  check<T>(path: string, value: T, rule: Rule, sensitive = false): boolean {
    if (rule.test(value)) return true;
    this.add(path, rule.expected, sensitive ? withheld(value, rule.wrong?.(value)) : value);
    return false;
  }

  /** {@link check}, writing the path only when `value` fails: `field` under `path` (under `""`: `field` alone). */
  checkField(path: string, field: string, value: unknown, rule: Rule): boolean {
    if (rule.test(value)) return true;
    this.add(pathOf(path, field), rule.expected, value);
    return false;
  }

  /** How many problems were recorded. */
  get count(): number {
    return this.#list.length;
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
  /** What is wrong with a failing value, in words that don't repeat it (shown for sensitive values). */
  readonly wrong?: (value: unknown) => string;
}
