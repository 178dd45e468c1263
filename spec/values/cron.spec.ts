import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  dailyAt,
  everyDays,
  everyHours,
  everyMinutes,
  hourlyAt,
  scheduleProblem,
  timeZoneProblem,
  type CronSchedule,
} from "../../lib/values/cron.js";
import { assertProblems, validationError } from "../helpers.js";

const FIELD_COUNT = 'a cron schedule of 5 fields (minute hour day-of-month month day-of-week) or a macro such as "@daily"';
const TIME_ZONE = 'an IANA time zone name such as "Etc/UTC" or "Europe/Berlin"';

function assertValid(...schedules: string[]): void {
  for (const schedule of schedules) assert.is(scheduleProblem(schedule), undefined, schedule);
}

test("Piceli's schedules: valid ones pass, invalid ones are rejected", () => {
  assertValid("*/15 * * * *", "0 */2 * * *", "0 0 */1 * *", "0 0 * * 0", "0 22 * * 1-5");
  for (const schedule of ["77 * * * *", "* 25 * * *", "not a cron", "", "* * *"]) {
    assert.type(scheduleProblem(schedule), "string", schedule);
  }
});

test("a schedule has exactly 5 fields, split on any whitespace", () => {
  assert.is(scheduleProblem("not a cron"), `${FIELD_COUNT}, got 3 fields`);
  assert.is(scheduleProblem("* * *"), `${FIELD_COUNT}, got 3 fields`);
  assert.is(scheduleProblem(""), `${FIELD_COUNT}, got 0 fields`);
  assert.is(scheduleProblem("   "), `${FIELD_COUNT}, got 0 fields`);
  assert.is(scheduleProblem("0"), `${FIELD_COUNT}, got 1 field`);
  assert.is(scheduleProblem("0 * * * * *"), `${FIELD_COUNT}, got 6 fields`);
  assertValid("0 * * * *", " 0  *\t* * * ");
});

test("a schedule must be a string", () => {
  assert.is(scheduleProblem(5), FIELD_COUNT);
  assert.is(scheduleProblem(undefined), FIELD_COUNT);
});

test("each field has its bounds and is named in the message", () => {
  assert.is(scheduleProblem("77 * * * *"), 'a cron schedule: the minute field (1st) must be from 0 to 59, got "77"');
  assertValid("59 * * * *", "0 * * * *");
  assert.is(scheduleProblem("* 25 * * *"), 'a cron schedule: the hour field (2nd) must be from 0 to 23, got "25"');
  assertValid("* 23 * * *", "* 0 * * *");
  assert.is(scheduleProblem("* * 0 * *"), 'a cron schedule: the day-of-month field (3rd) must be from 1 to 31, got "0"');
  assert.is(scheduleProblem("* * 32 * *"), 'a cron schedule: the day-of-month field (3rd) must be from 1 to 31, got "32"');
  assertValid("* * 1 * *", "* * 31 * *");
  assert.is(scheduleProblem("* * * 13 *"), 'a cron schedule: the month field (4th) must be from 1 to 12 or JAN to DEC, got "13"');
  assert.is(scheduleProblem("* * * 0 *"), 'a cron schedule: the month field (4th) must be from 1 to 12 or JAN to DEC, got "0"');
  assertValid("* * * 1 *", "* * * 12 *");
});

test("day of week runs from 0 (Sunday) to 6: 7 is rejected, as robfig/cron does", () => {
  assert.is(scheduleProblem("* * * * 7"), 'a cron schedule: the day-of-week field (5th) must be from 0 to 6 or SUN to SAT, got "7"');
  assertValid("* * * * 0", "* * * * 6");
});

test("numbers are digits with an optional \"+\", as Go's strconv.Atoi reads them (the API server accepts +5)", () => {
  assert.is(scheduleProblem("-1 * * * *"), 'a cron schedule: the minute field (1st) must be from 0 to 59, got "-1"');
  assert.is(scheduleProblem("1.5 * * * *"), 'a cron schedule: the minute field (1st) must be from 0 to 59, got "1.5"');
  assert.is(scheduleProblem("*/-1 * * * *"), 'a cron schedule: the minute field (1st) needs a step of at least 1 after "/", got "*/-1"');
  assertValid("05 * * * *", "+5 * * * *", "1-+3 * * * *", "*/+2 * * * *");
});

test("month and day names: three letters, any case, only in their own field", () => {
  assertValid("0 0 1 JAN *", "0 0 1 jan,Jul,DEC *", "0 9 * * mon-fri", "0 9 * * SUN", "0 9 * * Sat", "0 0 1 jan-jun/2 *");
  assert.is(scheduleProblem("0 0 1 JANUARY *"), 'a cron schedule: the month field (4th) must be from 1 to 12 or JAN to DEC, got "JANUARY"');
  assert.is(scheduleProblem("0 9 * * monday"), 'a cron schedule: the day-of-week field (5th) must be from 0 to 6 or SUN to SAT, got "monday"');
  assert.is(scheduleProblem("0 9 * jan mon"), undefined);
  assert.is(scheduleProblem("0 9 * mon *"), 'a cron schedule: the month field (4th) must be from 1 to 12 or JAN to DEC, got "mon"');
  assert.is(scheduleProblem("mon * * * *"), 'a cron schedule: the minute field (1st) must be from 0 to 59, got "mon"');
});

test("ranges: a-b within bounds, not reversed, one hyphen", () => {
  assertValid("0 22 * * 1-5", "0-59 * * * *", "5-5 * * * *");
  assert.is(scheduleProblem("5-1 * * * *"), 'a cron schedule: the minute field (1st) has a range that ends before it starts, got "5-1"');
  assert.is(scheduleProblem("* * * * fri-mon"), 'a cron schedule: the day-of-week field (5th) has a range that ends before it starts, got "fri-mon"');
  assert.is(scheduleProblem("* 20-24 * * *"), 'a cron schedule: the hour field (2nd) must be from 0 to 23, got "20-24"');
  assert.is(scheduleProblem("1-2-3 * * * *"), 'a cron schedule: the minute field (1st) has more than one "-", got "1-2-3"');
  assert.is(scheduleProblem("5- * * * *"), 'a cron schedule: the minute field (1st) must be from 0 to 59, got "5-"');
  // robfig/cron reads nothing after "*" or "?" in a range, and the API server accepts it
  assertValid("*-5 * * * *", "?-x * * * *");
});

test("steps: */n, a-b/n and a/n, with n at least 1 and one slash", () => {
  assertValid("*/15 * * * *", "1-30/5 * * * *", "5/15 * * * *", "*/1 * * * *", "*/90 * * * *", "0 0 ? * */2");
  assert.is(scheduleProblem("*/0 * * * *"), 'a cron schedule: the minute field (1st) needs a step of at least 1 after "/", got "*/0"');
  assert.is(scheduleProblem("* 1-5/0 * * *"), 'a cron schedule: the hour field (2nd) needs a step of at least 1 after "/", got "1-5/0"');
  assert.is(scheduleProblem("*/x * * * *"), 'a cron schedule: the minute field (1st) needs a step of at least 1 after "/", got "*/x"');
  assert.is(scheduleProblem("*/ * * * *"), 'a cron schedule: the minute field (1st) needs a step of at least 1 after "/", got "*/"');
  assert.is(scheduleProblem("1/2/3 * * * *"), 'a cron schedule: the minute field (1st) has more than one "/", got "1/2/3"');
  assert.is(scheduleProblem("* * 32/2 * *"), 'a cron schedule: the day-of-month field (3rd) must be from 1 to 31, got "32/2"');
});

test("lists: comma-separated items, each checked; empty items are skipped, as robfig/cron and the API server do", () => {
  assertValid("5,15,45 * * * *", "0,30 9-17 * * 1-5", "0 0 1,15 * *", "0,10-20/5,*/30 * * * *", "1,,2 * * * *", "1, * * * *", ",1 * * * *");
  assert.is(scheduleProblem("* 1,24 * * *"), 'a cron schedule: the hour field (2nd) must be from 0 to 23, got "24"');
});

test('"?" stands for "*" in any field, as robfig/cron accepts it', () => {
  assertValid("0 0 ? * *", "0 0 * * ?", "? * * * *", "?/5 * * * *");
});

test("macros: robfig/cron's descriptors, exactly spelled", () => {
  assertValid("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  const macros = 'one of "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" or "@every <duration>"';
  assert.is(scheduleProblem("@reboot"), `a cron schedule macro: ${macros}, got "@reboot"`);
  assert.is(scheduleProblem("@Daily"), `a cron schedule macro: ${macros}, got "@Daily"`);
  assert.is(scheduleProblem("@daily "), `a cron schedule macro: ${macros}, got "@daily "`);
  assert.is(scheduleProblem(" @daily"), `${FIELD_COUNT}, got 1 field`);
});

test("@every takes a Go duration, as the API server accepts it", () => {
  assertValid("@every 1h", "@every 1h30m", "@every 90s", "@every 1.5h", "@every 500ms");
  const every = 'a cron schedule "@every <duration>" with a Go duration such as "90m" or "1h30m"';
  assert.is(scheduleProblem("@every 1 hour"), `${every}, got "1 hour"`);
  assert.is(scheduleProblem("@every 1d"), `${every}, got "1d"`);
  assert.is(scheduleProblem("@every 10"), `${every}, got "10"`);
  assert.is(scheduleProblem("@every  1h"), `${every}, got " 1h"`);
  assert.is(scheduleProblem("@every"), `a cron schedule macro: one of "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" or "@every <duration>", got "@every"`);
});

test("TZ= and CRON_TZ= are rejected: Kubernetes wants spec.timeZone", () => {
  const noTz = "a cron schedule without TZ= or CRON_TZ= (set spec.timeZone instead)";
  assert.is(scheduleProblem("CRON_TZ=Europe/Berlin 0 9 * * *"), noTz);
  assert.is(scheduleProblem("TZ=UTC 0 9 * * *"), noTz);
  assert.is(scheduleProblem("TZ=UTC @daily"), noTz);
  assertValid("0 9 * * *");
});

test("time zones: IANA names in their exact case", () => {
  for (const zone of ["Etc/UTC", "Europe/Berlin", "UTC", "America/New_York", "America/Port-au-Prince", "Etc/GMT+1", "EST5EDT"]) {
    assert.is(timeZoneProblem(zone), undefined, zone);
  }
  assert.is(timeZoneProblem("Mars/Base"), TIME_ZONE);
  assert.is(timeZoneProblem("europe/berlin"), 'an IANA time zone name in its exact case: "Europe/Berlin"');
  assert.is(timeZoneProblem("utc"), 'an IANA time zone name in its exact case: "UTC"');
  assert.is(timeZoneProblem("etc/UTC"), 'an IANA time zone name in its exact case: "Etc/UTC"');
  assert.is(timeZoneProblem("+01:00"), TIME_ZONE);
  assert.is(timeZoneProblem(""), TIME_ZONE);
  assert.is(timeZoneProblem(5), TIME_ZONE);
  assert.is(timeZoneProblem("Europe//Berlin"), TIME_ZONE);
  assert.is(timeZoneProblem("Etc/GMT+15"), TIME_ZONE);
});

test('time zones: "Local" is rejected in any case', () => {
  const local = 'an explicit IANA time zone name such as "Etc/UTC", not "Local"';
  assert.is(timeZoneProblem("Local"), local);
  assert.is(timeZoneProblem("LOCAL"), local);
});

test("time zones: IANA links Intl does not list are accepted when cased as IANA names are", () => {
  for (const zone of ["US/Eastern", "Asia/Kolkata", "Europe/Kyiv", "Etc/GMT-14", "NZ-CHAT", "GB"]) {
    assert.is(timeZoneProblem(zone), undefined, zone);
  }
  const cased = 'an IANA time zone name in its exact case, as in "America/New_York"';
  assert.is(timeZoneProblem("us/eastern"), cased);
  assert.is(timeZoneProblem("US/EASTERN"), cased);
  assert.is(timeZoneProblem("asia/kolkata"), cased);
  assert.is(timeZoneProblem("ETC/GMT+1"), cased);
});

test("time zones: names only ICU knows are not IANA names", () => {
  assert.is(timeZoneProblem("PST"), TIME_ZONE);
  assert.is(timeZoneProblem("IST"), TIME_ZONE);
  assert.is(timeZoneProblem("SystemV/AST4"), TIME_ZONE);
  assert.is(timeZoneProblem("EST"), undefined);
  assert.is(timeZoneProblem("PST8PDT"), undefined);
});

test("helpers write Piceli's schedules", () => {
  assert.is(everyMinutes(30), "*/30 * * * *");
  assert.is(everyHours(4), "0 */4 * * *");
  assert.is(everyDays(2), "0 0 */2 * *");
  assert.is(dailyAt(14, 15), "15 14 * * *");
  assert.is(hourlyAt(5, 15, 45), "5,15,45 * * * *");
});

test("helpers' schedules are valid at their bounds", () => {
  const schedules = [everyMinutes(1), everyMinutes(59), everyHours(1), everyHours(23), everyDays(1), everyDays(31),
    dailyAt(0), dailyAt(23, 59), hourlyAt(0), hourlyAt(59, 0, 30)];
  assert.equal(schedules, ["*/1 * * * *", "*/59 * * * *", "0 */1 * * *", "0 */23 * * *", "0 0 */1 * *", "0 0 */31 * *",
    "0 0 * * *", "59 23 * * *", "0 * * * *", "59,0,30 * * * *"]);
  for (const schedule of schedules) assert.is(scheduleProblem(schedule), undefined, schedule);
});

test("everyMinutes, everyHours, everyDays: range-checked", () => {
  assertProblems(() => everyMinutes(0), [{ path: "minutes", expected: "an integer from 1 to 59", received: 0 }]);
  assertProblems(() => everyMinutes(60), [{ path: "minutes", expected: "an integer from 1 to 59", received: 60 }]);
  assertProblems(() => everyMinutes(1.5), [{ path: "minutes", expected: "an integer from 1 to 59", received: 1.5 }]);
  assertProblems(() => everyHours(24), [{ path: "hours", expected: "an integer from 1 to 23", received: 24 }]);
  assertProblems(() => everyDays(0), [{ path: "days", expected: "an integer from 1 to 31", received: 0 }]);
  assertProblems(() => everyDays(32), [{ path: "days", expected: "an integer from 1 to 31", received: 32 }]);
});

test("helpers' errors name the helper", () => {
  const error = validationError(() => everyMinutes(0));
  assert.is(error.message, "Schedule everyMinutes(…) is invalid:\n  minutes: expected an integer from 1 to 59, received 0");
});

test("dailyAt: hour and minute range-checked, every problem reported", () => {
  assertProblems(() => dailyAt(24), [{ path: "hour", expected: "an integer from 0 to 23", received: 24 }]);
  assertProblems(() => dailyAt(-1, 60), [
    { path: "hour", expected: "an integer from 0 to 23", received: -1 },
    { path: "minute", expected: "an integer from 0 to 59", received: 60 },
  ]);
  assert.is(validationError(() => dailyAt(24)).object, "Schedule dailyAt(…)");
});

test("hourlyAt: at least one minute, each from 0 to 59, none repeated", () => {
  assertProblems(() => hourlyAt(), [{ path: "minutes", expected: "at least one minute from 0 to 59", received: [] }]);
  assertProblems(() => hourlyAt(5, 60), [{ path: "minutes[1]", expected: "an integer from 0 to 59", received: 60 }]);
  assertProblems(() => hourlyAt(5, 15, 5), [
    { path: "minutes[2]", expected: "a minute not already given (minutes[0] is 5)", received: 5 },
  ]);
  assert.is(hourlyAt(45, 5), "45,5 * * * *");
});

test.run();

// Compile-only: never called. Each @ts-expect-error line must fail to compile; the line above it compiles.
export function cronScheduleTypes(text: string): CronSchedule[] {
  const fiveFields: CronSchedule = "*/15 * * * *";
  // @ts-expect-error three words, not five fields
  const threeWords: CronSchedule = "not a cron";
  const weekdays: CronSchedule = "0 22 * * 1-5";
  // @ts-expect-error three fields
  const threeFields: CronSchedule = "* * *";
  const everyMinute: CronSchedule = "* * * * *";
  // @ts-expect-error four fields
  const fourFields: CronSchedule = "* * * *";
  const macro: CronSchedule = "@daily";
  // @ts-expect-error not a macro Kubernetes knows
  const reboot: CronSchedule = "@reboot";
  const every: CronSchedule = "@every 1h30m";
  // @ts-expect-error empty
  const empty: CronSchedule = "";
  const built: CronSchedule = `${text} * * * *`;
  // @ts-expect-error a plain string is unchecked: check it with scheduleProblem() and assert the type
  const unchecked: CronSchedule = text;
  const helper: CronSchedule = everyMinutes(5);
  return [fiveFields, threeWords, weekdays, threeFields, everyMinute, fourFields, macro, reboot, every, empty, built, unchecked, helper];
}
