// The piceli side of the mixed-app workload: app `i` uses every kind piceli has, with per-app names and values.
// Every varying value is the app's number `i` inside a string, so `mixed-literals.ts` (generated from this file's
// output by `mixed-generate.ts`) writes the same objects as plain literals.
import {
  bindingsFor, claimTemplate, clusterRole, clusterRoleBinding, configMap, cronJob, dailyAt, daemonSet, deployment, exec, hostPath, httpGet, job,
  namespace, persistentVolume, persistentVolumeClaim, role, secret, serviceAccount, statefulSet, storageClass, verticalPodAutoscaler,
  type Quantity,
} from "../../../lib/index.js";

/** A quantity with the app number in it, e.g. q(`1${id}Gi`). */
const q = (text: string) => text as Quantity;

/** App `i` (`id` is `String(i)`): a namespace and its config, RBAC, storage, workloads and autoscalers, in apply order. */
export function mixedApp(id: string) {
  const ns = `team-${id}`;
  const labels = { app: "shop", team: ns, build: `b${id}` };
  const settings = configMap("settings").namespace(ns).labels(labels).data({ LOG_LEVEL: "info", TEAM: ns, SHARD: id });
  const database = secret("database").namespace(ns).stringData({ DATABASE_URL: `postgres://shop@db.${ns}.svc:5432/shop`, PASSWORD: `pw-${id}` });
  const account = serviceAccount("web").namespace(ns).labels(labels);
  const reader = role("config-reader").namespace(ns).rule({ apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"], verbs: ["get", "watch"] });
  const nodeReader = clusterRole(`${ns}-node-reader`).rule({ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] });
  const nodeBinding = clusterRoleBinding(`${ns}-node-reader`).role(nodeReader).subject(account);
  const fast = storageClass(`${ns}-fast`, "pd.csi.storage.gke.io").parameters({ type: "pd-ssd" }).volumeBindingMode("WaitForFirstConsumer");
  const share = persistentVolume(`${ns}-media`, q(`1${id}Gi`)).accessModes("ReadWriteMany").storageClassName("nfs").nfs("nfs.example.com", `/exports/${ns}`);
  const backups = persistentVolumeClaim("backups", q(`1${id}Gi`)).namespace(ns).storageClassName(`${ns}-fast`);
  const web = deployment("web")
    .namespace(ns)
    .labels(labels)
    .templateLabels(labels)
    .serviceAccount(account)
    .replicas(2)
    .container((c) =>
      c.image(`ghcr.io/example/shop-web:4.${id}`)
        .port("http", 8080)
        .envFrom(settings)
        .env({ DATABASE_URL: database.key("DATABASE_URL"), BUILD: id })
        .readinessProbe(httpGet("/healthz", "http"), { periodSeconds: 5 })
        .requests({ cpu: q(`1${id}m`), memory: q(`1${id}Mi`) })
        .limits({ memory: q(`2${id}Mi`) }))
    .service()
    .autoscale({ min: 2, max: 10, cpu: 70 });
  const db = statefulSet("db")
    .namespace(ns)
    .templateLabels({ app: "db", team: ns })
    .replicas(1)
    .container((c) =>
      c.image(`postgres:16.${id}`)
        .port("postgres", 5432)
        .env({ POSTGRES_PASSWORD: database.key("PASSWORD") })
        .mount("/var/lib/postgresql/data", claimTemplate("data", q(`1${id}Gi`)))
        .readinessProbe(exec("pg_isready", "-U", "postgres"), { periodSeconds: 5 }))
    .service();
  const agent = daemonSet("agent")
    .namespace(ns)
    .templateLabels({ app: "agent", team: ns })
    .container((c) => c.image(`quay.io/example/agent:v${id}`).args(`--team=${ns}`).mount("/host/proc", hostPath("/proc"), { readOnly: true }));
  const migrate = job(`migrate-${id}`)
    .namespace(ns)
    .labels(labels)
    .backoff(2)
    .container((c) => c.image(`ghcr.io/example/shop-web:4.${id}`).command("./migrate", "--to", `v${id}`).env({ DATABASE_URL: database.key("DATABASE_URL") }));
  const backup = cronJob("backup", dailyAt(3, 15))
    .namespace(ns)
    .concurrencyPolicy("Forbid")
    .container((c) => c.image("postgres:16").command("sh", "-c", `pg_dump "$DATABASE_URL" > /backups/${ns}.sql`).mount("/backups", backups));
  const recommender = verticalPodAutoscaler("web", web).namespace(ns).updateMode("Off");
  return [namespace(ns), fast, share, nodeReader, account, reader, ...bindingsFor(account, [reader]), nodeBinding, settings, database, backups, web, db, agent, migrate, backup, recommender];
}
