// A PostgreSQL server with its own 10Gi volume per pod and the headless Service that names the pods.
import { claimTemplate, exec, secret, statefulSet, toYaml } from "piceli";

export const credentials = secret("db-credentials").stringData({ password: "change-me" });

export const db = statefulSet("db")
  .templateLabels({ app: "db" })
  .replicas(1)
  .container((c) =>
    c.image("postgres:16")
      .port("postgres", 5432)
      .env({ POSTGRES_PASSWORD: credentials.key("password"), PGDATA: "/var/lib/postgresql/data/pgdata" })
      .mount("/var/lib/postgresql/data", claimTemplate("data", "10Gi", { labels: { backup: "daily" } }))
      .readinessProbe(exec("pg_isready", "-U", "postgres"), { periodSeconds: 5 }))
  .service();

process.stdout.write(toYaml(credentials, db));
