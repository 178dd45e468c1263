// A web shop to deploy with `piceli`: `npx piceli plan examples/deploy/shop.ts`.
// Unlike examples/*.ts this file prints nothing: `piceli` collects what it exports (builders, arrays of them, and
// each workload's companion Service and autoscaler).
import {
  bindingsFor, configMap, cronJob, dailyAt, deployment, httpGet, job, limitRange, namespace, persistentVolumeClaim, role, secret, serviceAccount,
} from "piceli";

const ns = "shop";

export const shop = namespace(ns);

/** Requests for containers that set none. */
export const defaults = limitRange("shop-defaults").namespace(ns).container({ defaultRequest: { cpu: "100m", memory: "128Mi" } });

export const settings = configMap("shop-settings").namespace(ns).data({ LOG_LEVEL: "info", CURRENCY: "EUR" });

export const database = secret("shop-database").namespace(ns).stringData({
  DATABASE_URL: "postgres://shop@db.shop.svc:5432/shop",
  PASSWORD: "change-me-0123456789",
});

export const account = serviceAccount("shop-web").namespace(ns);

export const configReader = role("shop-config-reader")
  .namespace(ns)
  .rule({ apiGroups: [""], resources: ["configmaps"], resourceNames: [settings.name], verbs: ["get", "watch"] });

export const bindings = bindingsFor(account, [configReader]);

/** The database migration, run once per release (a Job's template cannot change: a new release is a new Job). */
export const migrate = job("shop-migrate-4-2-0")
  .namespace(ns)
  .backoff(2)
  .cleanupAfter("1d")
  .container((c) => c.image("ghcr.io/example/shop-web:4.2.0").command("shop", "migrate").env({ DATABASE_URL: database.key("DATABASE_URL") }));

export const web = deployment("shop-web")
  .namespace(ns)
  .templateLabels({ app: "shop-web" })
  .serviceAccount(account)
  .replicas(2)
  .rollingUpdate({ maxSurge: 1, maxUnavailable: 0 })
  .container((c) =>
    c.image("ghcr.io/example/shop-web:4.2.0")
      .port("http", 8080)
      .envFrom(settings)
      .env({ DATABASE_URL: database.key("DATABASE_URL") })
      .readinessProbe(httpGet("/healthz", "http"), { periodSeconds: 5 })
      .requests({ cpu: "200m", memory: "256Mi" })
      .limits({ memory: "512Mi" }))
  .service()
  .autoscale({ min: 2, max: 10, cpu: 70 })
  .disruptionBudget({ minAvailable: 1 });

export const backups = persistentVolumeClaim("shop-backups", "50Gi").namespace(ns);

export const backup = cronJob("shop-db-backup", dailyAt(3, 15))
  .namespace(ns)
  .concurrencyPolicy("Forbid")
  .container((c) =>
    c.image("postgres:16")
      .command("sh", "-c", 'pg_dump "$DATABASE_URL" > /backups/shop-$(date +%F).sql')
      .env({ DATABASE_URL: database.key("DATABASE_URL") })
      .mount("/backups", backups));
