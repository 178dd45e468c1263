// piceli/config: what a piceli.config.ts imports. It loads nothing but defineConfig (no @kubernetes/client-node, no
// YAML parser), so every `piceli` command that reads the config file stays as fast as without one.
export { defineConfig } from "./deploy/cli/define-config.js";
export type { PiceliConfig } from "./deploy/cli/define-config.js";
