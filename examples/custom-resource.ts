// A custom resource, typed: `piceli import examples/crds --out examples/imports` turned the Backup
// CustomResourceDefinition into examples/imports/example.com.ts (committed). The nightly Backup is checked against the
// CRD's schema by build(); a Role lets a dashboard read Backups (group example.com, resource backups). Printed in apply
// order: the CRD, the Role, then the Backup.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { inApplyOrder, READ_ONLY_VERBS, roleFor, toYaml } from "piceli";
import { backup } from "./imports/example.com.js";

export const definition = load(readFileSync(new URL("crds/backups.example.com.yaml", import.meta.url), "utf8")) as object;

export const nightly = backup("db-nightly", {
  claim: "db-data",
  bucket: "s3://shop-backups/db",
  schedule: "0 3 * * *",
  retention: { keepDaily: 14, keepWeekly: 8 },
})
  .namespace("shop")
  .labels({ "app.kubernetes.io/part-of": "shop" });

export const backupReader = roleFor(nightly, READ_ONLY_VERBS).namespace("shop");

process.stdout.write(toYaml(inApplyOrder(definition, backupReader, nightly)));
