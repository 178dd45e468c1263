// A node exporter on every node, control-plane nodes included, reading the host's /proc and /sys.
import { daemonSet, hostPath, toYaml } from "piceli";

export const nodeExporter = daemonSet("node-exporter")
  .templateLabels({ app: "node-exporter" })
  .tolerations({ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" })
  .container((c) =>
    c.image("quay.io/prometheus/node-exporter:v1.8.2")
      .args("--path.procfs=/host/proc", "--path.sysfs=/host/sys")
      .port("metrics", 9100)
      .mount("/host/proc", hostPath("/proc"), { name: "proc", readOnly: true })   // volumes named by the mount's name option
      .mount("/host/sys", hostPath("/sys"), { name: "sys", readOnly: true })
      .securityContext({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }));

process.stdout.write(toYaml(nodeExporter));
