// A VerticalPodAutoscaler that only recommends requests (needs the VPA installed in the cluster).
import { deployment, toYaml, verticalPodAutoscaler } from "piceli";

export const api = deployment("api").image("ghcr.io/example/api:1.0");
export const recommender = verticalPodAutoscaler("api", api)
  .updateMode("Off")
  .containerPolicy({ containerName: "*", minAllowed: { cpu: "50m", memory: "64Mi" }, maxAllowed: { cpu: "2", memory: "2Gi" } });

process.stdout.write(toYaml(api, recommender));
