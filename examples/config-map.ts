// Configuration as environment variables and as a mounted file.
import { configMap, deployment, toYaml } from "piceli";

export const settings = configMap("app-settings").data({
  LOG_LEVEL: "info",
  "app.yaml": "server:\n  port: 8080\n",
});

export const app = deployment("app")
  .container((c) =>
    c.image("ghcr.io/example/app:3.1")
      .env({ LOG_LEVEL: settings.key("LOG_LEVEL") })
      .mount("/etc/app", settings, { items: ["app.yaml"] }));

process.stdout.write(toYaml(settings, app));
