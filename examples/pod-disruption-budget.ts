// Node drains may take down at most one of the web pods at a time: a budget written on its own, and the
// `.disruptionBudget()` shortcut on a StatefulSet that must keep two of its three members.
import { deployment, podDisruptionBudget, statefulSet, toYaml } from "piceli";

export const web = deployment("web").replicas(4).container((c) => c.image("nginx:1.27").port("http", 80));
export const webBudget = podDisruptionBudget("web", web, { maxUnavailable: 1 });

export const quorum = statefulSet("etcd").replicas(3).image("quay.io/coreos/etcd:v3.5.16").disruptionBudget({ minAvailable: 2 });

process.stdout.write(toYaml(web, webBudget, quorum));
