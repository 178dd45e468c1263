// What a config file holds, apart from the code that reads it (config.ts): `piceli/config` exports this module alone,
// so a piceli.config.ts loads nothing else (no @kubernetes/client-node, no YAML parser).

/**
 * A project's `piceli` settings, as a config file (`piceli.config.ts`, `.json`, `.yaml`) or `PICELI_*` environment
 * variables give them. Flags win over the environment, the environment over the file.
 */
export interface PiceliConfig {
  /** Entry files and folders used when the command line names none (relative to the config file). `PICELI_FILES`: separated by `:` (`;` on Windows). */
  readonly files?: readonly string[];
  /** `--namespace`, `PICELI_NAMESPACE`. */
  readonly namespace?: string;
  /** `--kubeconfig`, `PICELI_KUBECONFIG` (relative to the config file). */
  readonly kubeconfig?: string;
  /** `--context`, `PICELI_CONTEXT`. */
  readonly context?: string;
  /** `--field-manager`, `PICELI_FIELD_MANAGER`. @default "piceli" */
  readonly fieldManager?: string;
  /** `--timeout`, `PICELI_TIMEOUT`: how long waiting for one object may take (`90s`, `5m`). @default "5m" */
  readonly timeout?: string;
  /** `--set`, `PICELI_SET`: the set objects are labelled with, and that `--prune` and `status` look in. */
  readonly set?: string;
  /** `--create-namespace`, `PICELI_CREATE_NAMESPACE`. @default false */
  readonly createNamespace?: boolean;
  /** `--no-recursive` turns it off, `PICELI_RECURSIVE`: read folders' subfolders. @default true */
  readonly recursive?: boolean;
}

/**
 * Types a config file's default export; returns it unchanged (the `piceli` command checks it when it reads the file).
 * @example
 * // piceli.config.ts
 * import { defineConfig } from "piceli/config";
 * export default defineConfig({ files: ["deploy/app.ts"], namespace: "shop", set: "shop" });
 */
export function defineConfig(config: PiceliConfig): PiceliConfig {
  return config;
}
