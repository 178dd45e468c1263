import { arrayAt, isObject, type Manifest } from "../manifest.js";
import { groupOf } from "../object-id.js";

/** The annotation that asks for a Job of the code to run again each apply once it has finished (`piceli/rerun: "true"`). */
export const RERUN_ANNOTATION = "piceli/rerun";

/** Whether a re-run is asked for this object: a Job, with `--rerun-jobs` (`all`) or its `piceli/rerun: "true"` annotation. */
export function rerunAsked(manifest: Manifest, all: boolean): boolean {
  return groupOf(manifest.apiVersion) === "batch" && manifest.kind === "Job" && (all || manifest.metadata.annotations?.[RERUN_ANNOTATION] === "true");
}

/** How a stored Job ended (`Complete`, `Failed`), or `undefined` while it has not (still running, or never started). */
export function jobFinished(live: Manifest): "Complete" | "Failed" | undefined {
  for (const condition of arrayAt(live, "status", "conditions")) {
    if (!isObject(condition) || condition["status"] !== "True") continue;
    if (condition["type"] === "Complete" || condition["type"] === "Failed") return condition["type"];
  }
  return undefined;
}
