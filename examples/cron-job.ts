// A nightly report: runs at 02:30 Berlin time, never two at once, kept for a day after it finishes.
import { cronJob, dailyAt, toYaml } from "piceli";

export const report = cronJob("nightly-report", dailyAt(2, 30))
  .timeZone("Europe/Berlin")
  .concurrencyPolicy("Forbid")
  .historyLimits(3, 1)
  .backoff(2)
  .cleanupAfter("1d")
  .restartPolicy("OnFailure")
  .container((c) =>
    c.image("ghcr.io/example/reports:2.4.1")
      .args("--since", "24h")
      .requests({ cpu: "250m", memory: "256Mi" })
      .limits({ memory: "512Mi" }));

process.stdout.write(toYaml(report));
