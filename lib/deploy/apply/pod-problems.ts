import { arrayAt, at, isObject, stringAt, type Manifest } from "../manifest.js";

/**
 * Container waiting reasons that a wait gives up on at once: a kubelet reports them when retrying will not help
 * without a change (a wrong image, a crashing program, a missing ConfigMap or Secret key).
 */
export const STUCK_CONTAINER_REASONS = [
  "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError",
] as const;

/** Why a pod will not start: the container's waiting reason (or `Unschedulable`), and a message naming the pod and container. */
export interface PodProblem {
  readonly reason: string;
  readonly message: string;
}

/**
 * Why a pod will not become ready without a change, or `undefined` when nothing says so: a container (init
 * containers first) waiting for one of {@link STUCK_CONTAINER_REASONS}, or a pending pod the scheduler could not
 * place (`PodScheduled` `False`, reason `Unschedulable`, with the scheduler's message). Names the pod, the container and
 * the reason: `pod web-5d8f-x2x: container web: ImagePullBackOff: Back-off pulling image "nginx:nope"`.
 */
export function podProblem(pod: Manifest): PodProblem | undefined {
  const name = `pod ${pod.metadata.name}`;
  for (const list of ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"]) {
    for (const status of arrayAt(pod, "status", list)) {
      const reason = stringAt(status, "state", "waiting", "reason");
      if (reason === undefined || !(STUCK_CONTAINER_REASONS as readonly string[]).includes(reason)) continue;
      const message = stringAt(status, "state", "waiting", "message");
      return { reason, message: `${name}: container ${stringAt(status, "name") ?? "(unnamed)"}: ${reason}${lastExit(status)}${message ? `: ${message}` : ""}` };
    }
  }
  const scheduled = arrayAt(pod, "status", "conditions").find((c) => isObject(c) && c["type"] === "PodScheduled");
  const pending = (stringAt(pod, "status", "phase") ?? "Pending") === "Pending";
  if (pending && at(pod, "spec", "nodeName") === undefined && isObject(scheduled) && scheduled["status"] === "False" && scheduled["reason"] === "Unschedulable") {
    return { reason: "Unschedulable", message: `${name}: Unschedulable: ${String(scheduled["message"] ?? "the scheduler found no node for it")}` };
  }
  return undefined;
}

/** ` (last exit code 1: Error)` for a container that ran and stopped before, as in CrashLoopBackOff. */
function lastExit(status: unknown): string {
  const code = at(status, "lastState", "terminated", "exitCode");
  if (typeof code !== "number") return "";
  const reason = stringAt(status, "lastState", "terminated", "reason");
  return ` (last exit code ${code}${reason ? `: ${reason}` : ""})`;
}
