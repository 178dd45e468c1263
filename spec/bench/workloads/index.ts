import type { Workload } from "../harness.js";
import { deploymentWorkload } from "./deployment.js";
import { jobWorkload } from "./job.js";
import { mixedWorkload } from "./mixed.js";
import { variedDeploymentWorkload, variedJobWorkload } from "./varied.js";

/** Every workload the bench runs, in order. A new workload is one more entry. */
export const WORKLOADS: readonly Workload[] = [jobWorkload, deploymentWorkload, variedJobWorkload, variedDeploymentWorkload, mixedWorkload];
