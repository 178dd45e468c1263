// ConfigMaps and a Secret read from files beside this example (examples/config/), hashed: when a file changes, the
// object gets a new name (or, for the settings, the pod template a new checksum/config annotation) and the Deployment
// using it rolls out its pods.
import { configMap, deployment, secret, toYaml } from "piceli";

const here = (path: string) => new URL(path, import.meta.url);   // relative to this file, wherever piceli runs

export const nginx = configMap("nginx").fromFiles(here("config/nginx/")).hashed();     // default.conf
export const site = configMap("site").fromFiles(here("config/site/")).hashed();        // index.html; favicon.ico as binaryData
export const settings = configMap("web-settings").fromEnvFile(here("config/web.env")).hashed("annotation"); // KEY=value lines, as kubectl reads them
export const credentials = secret("web-credentials").fromEnvFile(here("config/credentials.env")).hashed();

export const web = deployment("web")
  .image("nginx:1.27")
  .container((c) =>
    c.port("http", 8080)
      .mount("/etc/nginx/conf.d", nginx, { readOnly: true })
      .mount("/usr/share/nginx/html", site, { readOnly: true })
      .envFrom(settings)
      .env({ API_TOKEN: credentials.key("API_TOKEN") }));

process.stdout.write(toYaml(nginx, site, settings, credentials, web));
