// Registry credentials for pulling private images, and an Opaque Secret read as environment variables.
import { dockerConfigSecret, job, secret, toYaml } from "piceli";

export const registry = dockerConfigSecret("registry", { registry: "ghcr.io", username: "ci-bot", password: "ghp_example" });
export const apiToken = secret("api-token").stringData({ TOKEN: "s3cr3t" });

export const sync = job("sync")
  .imagePullSecrets(registry.name)
  .container((c) => c.image("ghcr.io/example/private-sync:1.0").envFrom(apiToken));

process.stdout.write(toYaml(registry, apiToken, sync));
