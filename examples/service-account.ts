// A ServiceAccount for a backup Job, allowed to read the CronJobs it belongs with (Piceli's ServiceAccount with roles).
import { bindingsFor, cronJob, READ_ONLY_VERBS, roleFor, serviceAccount, toYaml } from "piceli";

export const account = serviceAccount("backup").namespace("ops");
export const backups = cronJob("backup", "0 3 * * *").namespace("ops").serviceAccount(account).image("ghcr.io/example/backup:1.0");
export const reader = roleFor(backups, READ_ONLY_VERBS).namespace("ops");
export const bindings = bindingsFor(account, [reader]);

process.stdout.write(toYaml(account, reader, bindings, backups));
