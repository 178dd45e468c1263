// A one-off Pod: check that the database answers from inside the namespace, then stop (never restarted).
import { pod, toYaml } from "piceli";

export const check = pod("db-check")
  .namespace("shop")
  .labels({ app: "db-check" })
  .restartPolicy("Never")
  .container((c) => c.image("postgres:16").command("pg_isready", "-h", "db.shop.svc", "-p", "5432"));

process.stdout.write(toYaml(check));
