// A LoadBalancer Service in front of a Deployment's pods, found by their labels.
import { deployment, service, toYaml } from "piceli";

export const api = deployment("api").templateLabels({ app: "api" }).container((c) => c.image("ghcr.io/example/api:1.0").port("http", 8080));

export const publicApi = service("api-public")
  .type("LoadBalancer")
  .selecting(api)
  .port("https", 443, { targetPort: "http" });

process.stdout.write(toYaml(api, publicApi));
