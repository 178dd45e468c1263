// A Cluster client for the API test double (connecting loads @kubernetes/client-node, which takes a second or more).
import { Cluster } from "../../lib/deploy/cluster/cluster.js";
import type { FakeApiServer } from "./fake-api-server.js";
import { kubeconfigFile } from "./helpers.js";

/** A Cluster client for the double, connected the way the CLI connects (kubeconfig through client-node). */
export function clusterFor(api: FakeApiServer, namespace?: string): Promise<Cluster> {
  return Cluster.connect({ kubeconfig: kubeconfigFile(api, namespace) });
}
