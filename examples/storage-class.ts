// SSD-backed volumes on GKE, provisioned where the pod lands, expandable later.
import { storageClass, toYaml } from "piceli";

export const fast = storageClass("fast", "pd.csi.storage.gke.io")
  .parameters({ type: "pd-ssd" })
  .volumeBindingMode("WaitForFirstConsumer")
  .allowVolumeExpansion();

process.stdout.write(toYaml(fast));
