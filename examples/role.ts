// A Role allowing a deployer to read and patch Deployments and read ConfigMaps.
import { role, toYaml } from "piceli";

export const deployer = role("deployer")
  .namespace("shop")
  .rule({ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "patch"] })
  .rule({ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] });

process.stdout.write(toYaml(deployer));
