// An autoscaler written on its own: 2 to 20 replicas of a Deployment, on CPU and memory, scaling down slowly.
import { deployment, horizontalPodAutoscaler, toYaml } from "piceli";

export const worker = deployment("worker").container((c) => c.image("ghcr.io/example/worker:5").requests({ cpu: "500m", memory: "512Mi" }));
export const scaler = horizontalPodAutoscaler("worker", worker, 20)
  .minReplicas(2)
  .cpuUtilization(75)
  .memoryUtilization(80)
  .behavior({ scaleDown: { stabilizationWindowSeconds: 600 } });

process.stdout.write(toYaml(worker, scaler));
