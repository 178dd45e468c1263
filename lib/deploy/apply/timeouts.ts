import { DeployError } from "../errors.js";
import type { Manifest } from "../manifest.js";
import { describe, idOf } from "../object-id.js";

/** The annotation that gives one object its own wait timeout (`piceli/timeout: 15m`), read from the code's manifest. */
export const TIMEOUT_ANNOTATION = "piceli/timeout";

/** A `--timeout [Kind/]name=duration`: how long waiting for the objects it names may take. */
export interface TimeoutOverride {
  /** `Job/migrate` (kind case-insensitive) or `migrate` (any kind). */
  readonly target: string;
  readonly ms: number;
}

/** `90s`, `5m`, `1h`, `1m30s` or plain seconds, in milliseconds; `what` names the source in errors. */
export function parseDuration(text: string, what = "--timeout"): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (match === null || text === "") throw new DeployError(`${what}: expected a duration such as 90s, 5m or 1h, received ${JSON.stringify(text)}`);
  const [, h = "0", m = "0", s = "0"] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** Whether a `--timeout` target (`Job/migrate`, `migrate`) names this object. */
function targets(target: string, manifest: Manifest): boolean {
  const slash = target.indexOf("/");
  if (slash < 0) return target === manifest.metadata.name;
  return target.slice(0, slash).toLowerCase() === manifest.kind.toLowerCase() && target.slice(slash + 1) === manifest.metadata.name;
}

/**
 * Each object's wait timeout: a `--timeout [Kind/]name=…` naming it, else its `piceli/timeout` annotation, else
 * `defaultMs`. An override that names no object of the plan is an error (a typo must not go unnoticed), and so is
 * an annotation that is not a duration.
 */
export function timeoutsFor(manifests: readonly Manifest[], overrides: readonly TimeoutOverride[], defaultMs: number): (manifest: Manifest) => number {
  for (const override of overrides) {
    if (!manifests.some((m) => targets(override.target, m))) {
      throw new DeployError(`--timeout ${override.target}=…: no object of the input is named ${JSON.stringify(override.target)} (expected [Kind/]name, such as Job/migrate)`);
    }
  }
  for (const manifest of manifests) {
    const annotation = manifest.metadata.annotations?.[TIMEOUT_ANNOTATION];
    if (annotation !== undefined) parseDuration(annotation, `${describe(idOf(manifest))}: metadata.annotations["${TIMEOUT_ANNOTATION}"]`);
  }
  return (manifest) => {
    const override = [...overrides].reverse().find((o) => targets(o.target, manifest));
    if (override !== undefined) return override.ms;
    const annotation = manifest.metadata.annotations?.[TIMEOUT_ANNOTATION];
    return annotation === undefined ? defaultMs : parseDuration(annotation);
  };
}

/** `20s`, `1.5s`: a timeout as printed. */
export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
