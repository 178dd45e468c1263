// A web server: three replicas rolling out one pod at a time, a Service in front, scaled on CPU.
import { deployment, httpGet, toYaml } from "piceli";

export const web = deployment("web")
  .templateLabels({ app: "web" })
  .replicas(3)
  .rollingUpdate({ maxSurge: 1, maxUnavailable: 0 })
  .container((c) =>
    c.image("nginx:1.27")
      .port("http", 80)
      .readinessProbe(httpGet("/", "http"), { periodSeconds: 5 })
      .livenessProbe(httpGet("/", "http"), { initialDelaySeconds: 10 })
      .requests({ cpu: "100m", memory: "64Mi" })
      .limits({ memory: "128Mi" }))
  .service()
  .autoscale({ min: 3, max: 10, cpu: 70 });

process.stdout.write(toYaml(web));
