// A locked-down namespace: nothing gets in or out unless allowed. The shop's web pods take traffic from the
// ingress controller's namespace, talk to the database Service's pods (on its target port), and resolve DNS.
import { denyAll, deployment, namespaces, networkPolicy, service, toYaml } from "piceli";

const ns = "shop";

export const web = deployment("web").namespace(ns).container((c) => c.image("ghcr.io/example/shop-web:4.2.0").port("http", 8080));
export const db = deployment("db").namespace(ns).container((c) => c.image("postgres:16").port("postgres", 5432));
export const dbService = service("db").namespace(ns).selecting(db).port("postgres", 5432, { targetPort: "postgres" });

export const lockdown = denyAll("default-deny").namespace(ns);

export const webTraffic = networkPolicy("web")
  .namespace(ns)
  .selecting(web)
  .allowFrom([namespaces({ "kubernetes.io/metadata.name": "ingress-nginx" })], { ports: ["http"] })
  .allowTo([dbService])
  .allowTo([namespaces({ "kubernetes.io/metadata.name": "kube-system" })], { ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] });

export const dbTraffic = networkPolicy("db").namespace(ns).selecting(db).allowFrom([web], { ports: [5432] });

process.stdout.write(toYaml(lockdown, webTraffic, dbTraffic, web, db, dbService));
