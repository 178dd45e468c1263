// Every table of the agreement suite.
import type { Case } from "../case.js";
import { autoscalingCases } from "./autoscaling.js";
import { configCases } from "./config.js";
import { cronCases } from "./cron.js";
import { fieldCases } from "./fields.js";
import { fileCases } from "./files.js";
import { metadataCases } from "./metadata.js";
import { nameCases } from "./names.js";
import { pathCases } from "./paths.js";
import { policyCases } from "./policies.js";
import { portCases } from "./ports.js";
import { probeCases } from "./probes.js";
import { quantityCases } from "./quantities.js";
import { rbacCases } from "./rbac.js";
import { serviceCases } from "./services.js";
import { storageCases } from "./storage.js";
import { volumeCases } from "./volumes.js";
import { workloadCases } from "./workloads.js";

export const ALL_CASES: readonly Case[] = [
  ...nameCases, ...metadataCases, ...configCases, ...quantityCases, ...portCases, ...serviceCases, ...probeCases, ...pathCases,
  ...cronCases, ...workloadCases, ...autoscalingCases, ...rbacCases, ...storageCases, ...policyCases, ...volumeCases, ...fileCases, ...fieldCases,
];
