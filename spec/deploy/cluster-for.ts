// A Cluster client for the API test double, apart from helpers.ts: it loads @kubernetes/client-node (seconds), which
// the specs that never connect to the double do not need.
import { Cluster } from "../../lib/deploy/cluster/cluster.js";
import type { FakeApiServer } from "./fake-api-server.js";
import { kubeconfigFile } from "./helpers.js";

/** A Cluster client for the double, connected the way the CLI connects (kubeconfig through client-node). */
export function clusterFor(api: FakeApiServer, namespace?: string): Cluster {
  return Cluster.connect({ kubeconfig: kubeconfigFile(api, namespace) });
}
