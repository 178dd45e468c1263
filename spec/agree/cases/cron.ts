// CronJob schedules (fields, ranges, steps, names, macros, @every) and time zones.
import { cronJob } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE } from "./values.js";

const SCHEDULES = [
  "* * * * *", "0 * * * *", "*/15 * * * *", "59 23 31 12 6", "60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 32 * *", "0 0 * 0 *", "0 0 * 13 *", "0 0 * * 7",
  "0 0 * JAN *", "0 0 * jan *", "0 0 * Jan-Mar *", "0 0 * * MON-FRI", "0 0 * * sun", "0 0 * * SUNDAY", "0 0 ? * *", "? * * * *",
  "1-5 * * * *", "5-1 * * * *", "1-5/2 * * * *", "*/0 * * * *", "*/60 * * * *", "*/61 * * * *", "1/5 * * * *", "1-2-3 * * * *", "1/2/3 * * * *",
  "1,2,3 * * * *", "1,,2 * * * *", ",1 * * * *", "*-5 * * * *", "+5 * * * *", "-5 * * * *", "L * * * *", "0 0 L * *", "H * * * *", "0 0 1W * *", "0 0 * * 1#2",
  "* * * *", "* * * * * *", "", " ", "  0 * * * *  ", "0\t*\t*\t*\t*", "0  *  * * *",
  "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@reboot", "@DAILY", "@every 1h", "@every 90m", "@every 1h30m", "@every 1x", "@every", "@every -1h", "@every 0", "@every 1.5h", "@every 1d",
  "TZ=UTC 0 * * * *", "CRON_TZ=UTC 0 * * * *", "0 * * * * TZ",
];
const TIME_ZONES = [
  "UTC", "Etc/UTC", "GMT", "Etc/GMT+5", "Etc/GMT-14", "Etc/GMT+13", "Europe/Berlin", "europe/berlin", "EUROPE/BERLIN", "America/New_York", "America/Argentina/Buenos_Aires",
  "US/Eastern", "Asia/Calcutta", "Asia/Kolkata", "Europe/Kyiv", "America/Ciudad_Juarez", "EST", "EST5EDT", "PST8PDT", "PST", "Local", "", "Foo/Bar", "Europe/Berlin ",
  " UTC", "../etc/passwd", "UTC/", "Etc", "Antarctica/Troll", "posixrules", "Factory", "right/UTC", "SystemV/EST5",
];

export const cronCases: Case[] = [
  ...each("cron schedules", "CronJob", "spec.schedule", SCHEDULES, (s) => cronJob("c", untyped(s)).image(IMAGE)),
  ...each("cron time zones", "CronJob", "spec.timeZone", TIME_ZONES, (z) => cronJob("c", "0 * * * *").image(IMAGE).timeZone(z), "the time-zone database (the server's Go tzdata, the DSL's ICU)"),
];
