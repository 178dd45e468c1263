// The settings `piceli` reads when run in this folder: `cd examples/deploy && npx piceli plan` plans shop.ts, and
// `npx piceli apply` applies it as the set "shop", waiting up to 2 minutes per object. Flags and PICELI_* variables
// win over them. "piceli/config" loads nothing but defineConfig, so reading this file costs no time.
import { defineConfig } from "piceli/config";

export default defineConfig({ files: ["shop.ts"], set: "shop", timeout: "2m" });
