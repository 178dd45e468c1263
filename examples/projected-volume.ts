// One directory made of several sources (a projected volume): the app's settings, its client certificate with the key
// readable by the owner only, a ServiceAccount token for Vault, and the pod's own labels; plus a downwardAPI volume with the
// pod's name and its memory limit in MiB.
import {
  configMap, deployment, downwardAPI, projectConfigMap, projectDownwardAPI, projected, projectSecret, projectServiceAccountToken, secret, toYaml,
} from "piceli";

export const settings = configMap("api-settings").data({ "app.yaml": "port: 8443\n" });
export const client = secret("api-client").stringData({ "client.crt": "certificate", "client.key": "key" });

export const api = deployment("api")
  .image("ghcr.io/example/api:2.1")
  .container((c) =>
    c.limits({ memory: "256Mi" })
      .mount("/etc/api", projected("api-files", [
        projectConfigMap(settings),
        projectSecret(client, { items: ["client.crt", { key: "client.key", path: "client.key", mode: 0o400 }] }),
        projectServiceAccountToken("vault-token", { audience: "vault", expirationSeconds: 3600 }),
        projectDownwardAPI({ labels: { fieldRef: "metadata.labels" } }),
      ]), { readOnly: true })
      .mount("/etc/podinfo", downwardAPI("podinfo", {
        name: { fieldRef: "metadata.name" },
        "memory-limit-mib": { resourceFieldRef: { containerName: "api", resource: "limits.memory", divisor: "1Mi" } },
      })));

process.stdout.write(toYaml(settings, client, api));
