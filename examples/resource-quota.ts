// A team's share of the cluster: compute, object counts and storage, capped per namespace.
import { resourceQuota, toYaml } from "piceli";

export const quota = resourceQuota("team-a")
  .namespace("team-a")
  .hard({
    "requests.cpu": "8",
    "requests.memory": "16Gi",
    "limits.memory": "32Gi",
    pods: "100",
    "count/jobs.batch": "20",
    "requests.storage": "500Gi",
  });

process.stdout.write(toYaml(quota));
