import { Problems, type Rule } from "../internal/errors.js";
import { integerBetween } from "../validation/rules.js";

/** A macro a CronJob `spec.schedule` accepts in place of five fields. */
export type CronMacro = "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly";

/**
 * A CronJob `spec.schedule`: a {@link CronMacro}, `"@every <duration>"`, or five space-separated
 * fields. The compiler only counts the spaces; {@link scheduleProblem} checks the fields.
 */
export type CronSchedule = CronMacro | `@every ${string}` | `${string} ${string} ${string} ${string} ${string}`;

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted in any case; `names[i]` stands for `min + i`. */
  readonly names?: readonly string[];
}

/** The five fields of a schedule, in order, with the bounds of robfig/cron's standard parser. */
const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day-of-week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];
const ORDINALS = ["1st", "2nd", "3rd", "4th", "5th"];
const MACROS: readonly string[] = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const EVERY = "@every ";
// Go's time.ParseDuration grammar: "0", or numbers each with a unit, optionally signed.
const GO_DURATION = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
// What Go's strconv.Atoi reads: an optionally signed decimal integer.
const GO_INT = /^[+-]?\d+$/;
const SCHEDULE = 'a cron schedule of 5 fields (minute hour day-of-month month day-of-week) or a macro such as "@daily"';

/**
 * Returns what is wrong with a CronJob `spec.schedule` (the words after "expected"), or `undefined`
 * when the API server accepts it.
 *
 * Follows robfig/cron's standard parser, which Kubernetes validates with (and the controller runs), and
 * Kubernetes' ban on `TZ=` / `CRON_TZ=`, down to the parser's lax spots: empty list items (`1,,2`) are
 * skipped, whatever follows `*-` or `?-` is ignored, and numbers may have a `+` sign.
 * @see https://github.com/robfig/cron/blob/v3.0.1/parser.go
 * @example
 * scheduleProblem("*\/15 * * * *"); // undefined
 * scheduleProblem("77 * * * *");
 * // 'a cron schedule: the minute field (1st) must be from 0 to 59, got "77"'
 */
export function scheduleProblem(schedule: unknown): string | undefined {
  if (typeof schedule !== "string") return SCHEDULE;
  // Kubernetes rejects any "TZ" so that time zones go in spec.timeZone.
  if (schedule.includes("TZ")) return "a cron schedule without TZ= or CRON_TZ= (set spec.timeZone instead)";
  if (schedule.startsWith("@")) return macroProblem(schedule);
  const fields = schedule.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== FIELDS.length) return `${SCHEDULE}, got ${fields.length} field${fields.length === 1 ? "" : "s"}`;
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(fields[i]!, field);
    if (problem) return `a cron schedule: the ${field.name} field (${ORDINALS[i]}) ${problem}`;
  }
  return undefined;
}

function macroProblem(schedule: string): string | undefined {
  if (MACROS.includes(schedule)) return undefined;
  if (schedule.startsWith(EVERY)) {
    const duration = schedule.slice(EVERY.length);
    if (GO_DURATION.test(duration)) return undefined;
    return `a cron schedule "@every <duration>" with a Go duration such as "90m" or "1h30m", got ${JSON.stringify(duration)}`;
  }
  const macros = MACROS.map((m) => JSON.stringify(m)).join(", ");
  return `a cron schedule macro: one of ${macros} or "@every <duration>", got ${JSON.stringify(schedule)}`;
}

/** A field is a list of items: `*`, `?`, a value or a range `a-b`, each with an optional `/step`. */
function fieldProblem(text: string, field: CronField): string | undefined {
  // robfig/cron splits with strings.FieldsFunc, which drops empty items
  for (const item of text.split(",").filter((i) => i !== "")) {
    const problem = itemProblem(item, field);
    if (problem) return `${problem}, got ${JSON.stringify(item)}`;
  }
  return undefined;
}

function itemProblem(item: string, field: CronField): string | undefined {
  const [range = "", step, ...slashes] = item.split("/");
  if (slashes.length > 0) return 'has more than one "/"';
  if (step !== undefined && !(GO_INT.test(step) && Number(step) >= 1)) return 'needs a step of at least 1 after "/"';
  const [from = "", to = from, ...hyphens] = range.split("-");
  // after "*" or "?" the parser reads nothing more of the range
  if (from === "*" || from === "?") return undefined;
  if (hyphens.length > 0) return 'has more than one "-"';
  const start = fieldValue(from, field);
  const end = fieldValue(to, field);
  if (start === undefined || end === undefined) return `must be from ${bounds(field)}`;
  if (start > end) return "has a range that ends before it starts";
  return undefined;
}

function fieldValue(text: string, { min, max, names }: CronField): number | undefined {
  const index = names?.indexOf(text.toLowerCase()) ?? -1;
  const value = index >= 0 ? min + index : GO_INT.test(text) ? Number(text) : NaN;
  return value >= min && value <= max ? value : undefined;
}

function bounds({ min, max, names }: CronField): string {
  const numbers = `${min} to ${max}`;
  return names ? `${numbers} or ${names[0]!.toUpperCase()} to ${names.at(-1)!.toUpperCase()}` : numbers;
}

const TIME_ZONE = 'an IANA time zone name such as "Etc/UTC" or "Europe/Berlin"';
// Kubernetes' rule for each "/"-separated part, narrowed to start with a letter as every IANA name does.
const TIME_ZONE_PART = /^[A-Za-z][A-Za-z0-9._+-]{0,13}$/;
// Names ICU (so Intl) knows but the IANA database Kubernetes loads from does not: Java-era IDs, removed zones.
const ICU_ONLY = new Set(["act", "aet", "agt", "art", "ast", "bet", "bst", "cat", "cnt", "cst", "ctt", "eat", "ect", "iet", "ist", "jst", "mit", "net", "nst", "plt", "pnt", "prt", "pst", "sst", "vst", "us/pacific-new", "canada/east-saskatchewan"]);
let exactCase: Map<string, string> | undefined;

/**
 * Returns what is wrong with a CronJob `spec.timeZone` (the words after "expected"), or `undefined`
 * when it is an IANA time zone name the API server accepts.
 *
 * Names are checked with `Intl` and, like Go's `time.LoadLocation`, are case-sensitive. The exact case
 * is known for the names `Intl.supportedValuesOf("timeZone")` lists; other links (`"US/Eastern"`) must
 * at least be cased as IANA names are.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
 * @example
 * timeZoneProblem("Europe/Berlin"); // undefined
 * timeZoneProblem("europe/berlin"); // 'an IANA time zone name in its exact case: "Europe/Berlin"'
 */
export function timeZoneProblem(timeZone: unknown): string | undefined {
  if (typeof timeZone !== "string" || !timeZone.split("/").every((part) => TIME_ZONE_PART.test(part))) return TIME_ZONE;
  const lower = timeZone.toLowerCase();
  if (lower === "local") return 'an explicit IANA time zone name such as "Etc/UTC", not "Local"';
  if (ICU_ONLY.has(lower) || lower.startsWith("systemv/") || !intlAccepts(timeZone)) return TIME_ZONE;
  exactCase ??= new Map([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC", "GMT", "Etc/GMT"].map((n) => [n.toLowerCase(), n]));
  const known = exactCase.get(lower);
  if (known !== undefined && known !== timeZone) return `an IANA time zone name in its exact case: ${JSON.stringify(known)}`;
  if (known === undefined && !casedLikeIana(timeZone)) return 'an IANA time zone name in its exact case, as in "America/New_York"';
  return undefined;
}

/** IANA names' casing: an area such as "Europe" or "US", then parts that start with a capital and are not all capitals beyond three letters. */
function casedLikeIana(timeZone: string): boolean {
  const parts = timeZone.split("/");
  const area = parts.length === 1 || /^(US|[A-Z][a-z]+)$/.test(parts[0]!);
  return area && parts.every((part) => /^[A-Z]/.test(part) && !/^[A-Z]{4,}$/.test(part));
}

function intlAccepts(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const MINUTE = integerBetween(0, 59);

/** Throws a PiceliValidationError naming the helper when an argument fails its rule. */
function checkArguments(helper: string, args: ReadonlyArray<readonly [path: string, value: unknown, rule: Rule]>): void {
  const problems = new Problems();
  for (const [path, value, rule] of args) problems.check(path, value, rule);
  problems.throwIfAny(`Schedule ${helper}(…)`);
}

/**
 * Returns a schedule that runs every `minutes` minutes: `*\/minutes * * * *`.
 * @param minutes - an integer from 1 to 59
 * @example
 * everyMinutes(30); // "*\/30 * * * *"
 */
export function everyMinutes(minutes: number): CronSchedule {
  checkArguments("everyMinutes", [["minutes", minutes, integerBetween(1, 59)]]);
  return `*/${minutes} * * * *`;
}

/**
 * Returns a schedule that runs every `hours` hours, on the hour: `0 *\/hours * * *`.
 * @param hours - an integer from 1 to 23
 * @example
 * everyHours(4); // "0 *\/4 * * *"
 */
export function everyHours(hours: number): CronSchedule {
  checkArguments("everyHours", [["hours", hours, integerBetween(1, 23)]]);
  return `0 */${hours} * * *`;
}

/**
 * Returns a schedule that runs at midnight every `days` days of the month: `0 0 *\/days * *`.
 * @param days - an integer from 1 to 31
 * @example
 * everyDays(2); // "0 0 *\/2 * *"
 */
export function everyDays(days: number): CronSchedule {
  checkArguments("everyDays", [["days", days, integerBetween(1, 31)]]);
  return `0 0 */${days} * *`;
}

/**
 * Returns a schedule that runs once a day at `hour`:`minute`: `minute hour * * *`.
 * @param hour - an integer from 0 to 23
 * @param minute - an integer from 0 to 59
 * @default minute 0
 * @example
 * dailyAt(14, 15); // "15 14 * * *"
 */
export function dailyAt(hour: number, minute = 0): CronSchedule {
  checkArguments("dailyAt", [["hour", hour, integerBetween(0, 23)], ["minute", minute, MINUTE]]);
  return `${minute} ${hour} * * *`;
}

/**
 * Returns a schedule that runs every hour at each of `minutes`, in the order given: `5,15,45 * * * *`.
 * @param minutes - at least one integer from 0 to 59, none repeated
 * @example
 * hourlyAt(5, 15, 45); // "5,15,45 * * * *"
 */
export function hourlyAt(...minutes: readonly number[]): CronSchedule {
  const problems = new Problems();
  if (minutes.length === 0) problems.add("minutes", "at least one minute from 0 to 59", minutes);
  minutes.forEach((minute, i) => {
    const first = minutes.indexOf(minute);
    if (problems.check(`minutes[${i}]`, minute, MINUTE) && first < i) {
      problems.add(`minutes[${i}]`, `a minute not already given (minutes[${first}] is ${minute})`, minute);
    }
  });
  problems.throwIfAny("Schedule hourlyAt(…)");
  return `${minutes.join(",")} * * * *`;
}
