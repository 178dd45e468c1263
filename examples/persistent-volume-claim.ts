// A claim for 20Gi of fast storage, mounted by a Deployment that runs one writer at a time.
import { deployment, persistentVolumeClaim, toYaml } from "piceli";

export const uploads = persistentVolumeClaim("uploads", "20Gi").storageClassName("fast");
export const app = deployment("uploader")
  .recreate()
  .container((c) => c.image("ghcr.io/example/uploader:1.0").mount("/data", uploads));

process.stdout.write(toYaml(uploads, app));
