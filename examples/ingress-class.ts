// The cluster's default IngressClass: Ingresses that name no class are served by ingress-nginx.
import { ingressClass, toYaml } from "piceli";

export const nginx = ingressClass("nginx", "k8s.io/ingress-nginx").isDefaultClass();

process.stdout.write(toYaml(nginx));
