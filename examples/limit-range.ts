// Defaults and bounds for a namespace: containers that set no resources get requests and limits, none may ask
// for more than 2 CPUs, and claims stay between 1Gi and 100Gi.
import { limitRange, toYaml } from "piceli";

export const defaults = limitRange("defaults")
  .namespace("shop")
  .container({
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    default: { cpu: "500m", memory: "512Mi" },
    max: { cpu: "2", memory: "4Gi" },
  })
  .persistentVolumeClaim({ min: { storage: "1Gi" }, max: { storage: "100Gi" } });

process.stdout.write(toYaml(defaults));
