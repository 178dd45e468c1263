// Grants the built-in "view" ClusterRole in one namespace to a ServiceAccount and a group.
import { roleBinding, serviceAccount, toYaml } from "piceli";

export const dashboard = serviceAccount("dashboard").namespace("shop");
export const canView = roleBinding("dashboard-view")
  .role({ kind: "ClusterRole", name: "view" })
  .namespace("shop")
  .subject(dashboard, { kind: "Group", name: "shop-developers" });

process.stdout.write(toYaml(dashboard, canView));
