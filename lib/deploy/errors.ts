import { describe, type ObjectId } from "./object-id.js";

/** Base class of every error the deploy tooling reports: its message is meant to be printed as it is. */
export class DeployError extends Error {
  override name = "DeployError";
}

/** Where in the input a problem is: a file, and in it a document (1-based) and line (1-based), or an export. */
export interface InputLocation {
  readonly document?: number;
  readonly line?: number;
  readonly column?: number;
  readonly export?: string;
}

/** An input file that cannot be read, parsed, or does not hold valid manifests. */
export class InputError extends DeployError {
  override name = "InputError";

  constructor(readonly file: string, readonly detail: string, readonly location: InputLocation = {}) {
    super(`${file}${formatLocation(location)}: ${detail}`);
  }
}

function formatLocation({ document, line, column, export: exportName }: InputLocation): string {
  const parts: string[] = [];
  if (exportName !== undefined) parts.push(`export ${JSON.stringify(exportName)}`);
  if (document !== undefined) parts.push(`document ${document}`);
  if (line !== undefined) parts.push(column === undefined ? `line ${line}` : `line ${line}, column ${column}`);
  return parts.length === 0 ? "" : `: ${parts.join(", ")}`;
}

/** The cluster could not be reached at all (connection refused, unknown host, TLS failure, timeout). */
export class ClusterUnreachableError extends DeployError {
  override name = "ClusterUnreachableError";

  constructor(readonly server: string, readonly reason: string) {
    super(`cannot reach the cluster at ${server}: ${reason}`);
  }
}

/** Problems the API server lists for an invalid object (`details.causes` of a 422). */
export interface ApiCause {
  readonly field?: string;
  readonly message?: string;
  readonly reason?: string;
}

/** The API server answered a request with an error status. */
export class ClusterApiError extends DeployError {
  override name = "ClusterApiError";

  constructor(
    /** HTTP status: 403 forbidden, 404 not found, 409 conflict, 422 invalid, … */
    readonly status: number,
    /** What was being done: `apply Deployment shop/web`, `read Secret shop/db`. */
    readonly action: string,
    /** The server's own message (for 403, the RBAC message naming the user, verb and resource). */
    readonly serverMessage: string,
    /** The server's `reason` (`Forbidden`, `Invalid`, `Conflict`, `NotFound`, …). */
    readonly reason: string = "",
    readonly causes: readonly ApiCause[] = [],
  ) {
    super(`${action}: ${statusText(status, reason)}: ${serverMessage}`);
  }

  /** Whether the request was denied by authorization (RBAC). */
  get forbidden(): boolean {
    return this.status === 403;
  }
}

function statusText(status: number, reason: string): string {
  if (status === 403) return "forbidden (missing permission)";
  if (status === 401) return "unauthorized (the credentials were not accepted)";
  if (status === 409 && reason === "Conflict") return "conflict";
  return reason === "" ? `HTTP ${status}` : `${reason} (HTTP ${status})`;
}

/** References between the objects form a cycle, so no apply order exists. */
export class PlanCycleError extends DeployError {
  override name = "PlanCycleError";

  constructor(readonly cycle: readonly ObjectId[]) {
    super(`these objects depend on each other in a cycle, so no apply order exists: ${[...cycle, cycle[0]!].map(describe).join(" -> ")}`);
  }
}
