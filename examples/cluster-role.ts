// A ClusterRole for reading nodes and the /healthz endpoint, bound to a monitoring ServiceAccount.
import { clusterRole, clusterRoleBinding, serviceAccount, toYaml } from "piceli";

export const monitor = serviceAccount("monitor").namespace("monitoring");
export const nodeReader = clusterRole("node-reader")
  .rule({ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] })
  .rule({ nonResourceURLs: ["/healthz"], verbs: ["get"] });
export const binding = clusterRoleBinding("monitor-node-reader").role(nodeReader).subject(monitor);

process.stdout.write(toYaml(monitor, nodeReader, binding));
