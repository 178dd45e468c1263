// The Job from Piceli's documentation: a pod that prints Python's version, retried up to 3 times,
// cleaned up one hour after it finishes.
import { job, toYaml } from "piceli";

export const testJob = job("test-job")
  .imagePullSecrets("docker-registry-credentials")
  .backoff(3)
  .cleanupAfter("1h")
  .labels({ job_name: "test-job" })
  .templateLabels({ pod_name: "test-job" })
  .container((c) =>
    c
      .image("docker-image")
      .command("python", "--version")
      .env({ K0: "V0" })
      .livenessCommand("sh", "-c", "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60")
      .requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" }),
  );

process.stdout.write(toYaml(testJob));
