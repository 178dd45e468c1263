// A whole web shop in one file: its namespace, configuration and secrets, a ServiceAccount allowed to read
// its config, the web Deployment with a Service and an autoscaler, and a nightly database backup onto a
// volume — printed in a safe apply order (namespace, RBAC, config and storage, workloads, autoscalers).
import {
  bindingsFor, configMap, cronJob, dailyAt, deployment, httpGet, inApplyOrder, namespace, persistentVolumeClaim,
  role, secret, serviceAccount, toYaml,
} from "piceli";

const ns = "shop";

export const shop = namespace(ns);

export const settings = configMap("shop-settings").namespace(ns).data({ LOG_LEVEL: "info", CURRENCY: "EUR" });

export const database = secret("shop-database").namespace(ns).stringData({
  DATABASE_URL: "postgres://shop@db.shop.svc:5432/shop",
  PASSWORD: "change-me",
});

export const account = serviceAccount("shop-web").namespace(ns);
export const configReader = role("shop-config-reader")
  .namespace(ns)
  .rule({ apiGroups: [""], resources: ["configmaps"], resourceNames: [settings.name], verbs: ["get", "watch"] });

export const web = deployment("shop-web")
  .namespace(ns)
  .templateLabels({ app: "shop-web" })
  .serviceAccount(account)
  .replicas(2)
  .rollingUpdate({ maxSurge: 1, maxUnavailable: 0 })
  .securityContextUid(10001)
  .container((c) =>
    c.image("ghcr.io/example/shop-web:4.2.0")
      .port("http", 8080)
      .envFrom(settings)
      .env({ DATABASE_URL: database.key("DATABASE_URL") })
      .readinessProbe(httpGet("/healthz", "http"), { periodSeconds: 5 })
      .livenessProbe(httpGet("/healthz", "http"), { initialDelaySeconds: 15 })
      .requests({ cpu: "200m", memory: "256Mi" })
      .limits({ memory: "512Mi" })
      .securityContext({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } }))
  .service()
  .autoscale({ min: 2, max: 10, cpu: 70 });

export const canReadConfig = bindingsFor(account, [configReader]);

export const backups = persistentVolumeClaim("shop-backups", "50Gi").namespace(ns);

export const backup = cronJob("shop-db-backup", dailyAt(3, 15))
  .namespace(ns)
  .timeZone("Europe/Berlin")
  .concurrencyPolicy("Forbid")
  .backoff(3)
  .cleanupAfter("2d")
  .container((c) =>
    c.image("postgres:16")
      .command("sh", "-c", 'pg_dump "$DATABASE_URL" > /backups/shop-$(date +%F).sql')
      .env({ DATABASE_URL: database.key("DATABASE_URL"), PGPASSWORD: database.key("PASSWORD") })
      .mount("/backups", backups));

process.stdout.write(toYaml(inApplyOrder(web, backup, backups, settings, database, canReadConfig, configReader, account, shop)));
