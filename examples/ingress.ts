// HTTPS for a shop: the web Deployment's `.service().ingress()` shortcut, and an Ingress written on its own that
// sends /api to another Service (its port is checked against the Service's ports).
import { deployment, ingress, service, toYaml } from "piceli";

export const web = deployment("web")
  .container((c) => c.image("ghcr.io/example/shop-web:4.2.0").port("http", 8080))
  .service()
  .ingress({ host: "shop.example.com", tls: "shop-example-com-tls", ingressClassName: "nginx" });

export const api = service("api").selector({ app: "api" }).port("http", 80, { targetPort: 8080 }).port("metrics", 9090);

export const apiRoutes = ingress("api")
  .ingressClassName("nginx")
  .route({ host: "api.example.com", path: "/v1", service: api, port: "http" })
  .tls("api-example-com-tls", "api.example.com");

process.stdout.write(toYaml(web, api, apiRoutes));
