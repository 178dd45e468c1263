import type { Workload } from "../harness.js";
import { deploymentWorkload } from "./deployment.js";
import { jobWorkload } from "./job.js";

/** Every workload the bench runs, in order. A new workload is one more entry. */
export const WORKLOADS: readonly Workload[] = [jobWorkload, deploymentWorkload];
