// SSD-backed volumes on GKE, provisioned where the pod lands (in two zones only), expandable later.
import { storageClass, toYaml } from "piceli";

export const fast = storageClass("fast", "pd.csi.storage.gke.io")
  .parameters({ type: "pd-ssd" })
  .volumeBindingMode("WaitForFirstConsumer")
  .allowVolumeExpansion()
  .allowedTopologies({ "topology.gke.io/zone": ["europe-west1-b", "europe-west1-c"] });

process.stdout.write(toYaml(fast));
