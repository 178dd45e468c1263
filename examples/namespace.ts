// A namespace whose pods must meet the "restricted" Pod Security Standard.
import { namespace, toYaml } from "piceli";

export const shop = namespace("shop").labels({ "pod-security.kubernetes.io/enforce": "restricted" });

process.stdout.write(toYaml(shop));
