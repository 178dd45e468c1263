// HorizontalPodAutoscaler targets, replica bounds, metrics and behaviours.
import { deployment, horizontalPodAutoscaler } from "../../../lib/index.js";
import type { ScaleTargetRef } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { COUNTS, IMAGE } from "./values.js";

const TARGET: ScaleTargetRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
const hpa = (max = 5) => horizontalPodAutoscaler("h", TARGET, max);
const scale = (rules: object) => hpa().behavior({ scaleUp: untyped(rules) });

export const autoscalingCases: Case[] = [
  ...each("autoscaler bounds", "HorizontalPodAutoscaler", "spec.minReplicas", COUNTS, (n) => hpa(2_147_483_647).minReplicas(n), "the HPAScaleToZero feature gate (alpha, off) for 0"),
  ...each("autoscaler bounds", "HorizontalPodAutoscaler", "spec.maxReplicas", COUNTS, (n) => hpa(n)),
  ...each("autoscaler bounds", "HorizontalPodAutoscaler", "minReplicas/maxReplicas", [[2, 2], [3, 2], [2, 3]], ([min, max]) => hpa(max).minReplicas(min!)),
  ...each("autoscaler targets", "HorizontalPodAutoscaler", "spec.scaleTargetRef", [
    TARGET, { ...TARGET, kind: "" }, { ...TARGET, name: "" }, { ...TARGET, apiVersion: "" }, { ...TARGET, name: "a/b" }, { ...TARGET, name: "A_b" }, { ...TARGET, name: "%" }, { ...TARGET, kind: "Foo" },
  ], (t) => horizontalPodAutoscaler("h", t, 5)),
  ...each("autoscaler targets", "HorizontalPodAutoscaler", "from a workload builder", ["web"], (n) => horizontalPodAutoscaler("h", deployment(n).image(IMAGE), 5)),
  ...each("autoscaler metrics", "HorizontalPodAutoscaler", "cpu averageUtilization", COUNTS, (n) => hpa().cpuUtilization(n)),
  ...each("autoscaler metrics", "HorizontalPodAutoscaler", "memory averageUtilization", [0, 1, 100, 101], (n) => hpa().memoryUtilization(n)),
  ...each("autoscaler metrics", "HorizontalPodAutoscaler", "spec.metrics[]", [
    { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "500m" } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "0" } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "-1" } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "Value", value: "1" } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue" } } },
    { type: "Resource", resource: { name: "", target: { type: "Utilization", averageUtilization: 50 } } },
    { type: "Resource", resource: { name: "cpu", target: { type: "utilization", averageUtilization: 50 } } },
    { type: "Resource" },
    { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } } },
    { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "Utilization", averageUtilization: 10 } } },
    { type: "Pods", pods: { metric: { name: "" }, target: { type: "AverageValue", averageValue: "10" } } },
    { type: "Object", object: { metric: { name: "hits" }, describedObject: { apiVersion: "v1", kind: "Service", name: "web" }, target: { type: "Value", value: "10" } } },
    { type: "Object", object: { metric: { name: "hits" }, describedObject: { apiVersion: "v1", kind: "Service", name: "" }, target: { type: "Value", value: "10" } } },
    { type: "External", external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } } },
    { type: "External", external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "1x" } } },
    { type: "ContainerResource", containerResource: { name: "cpu", container: "web", target: { type: "Utilization", averageUtilization: 60 } } },
    { type: "ContainerResource", containerResource: { name: "cpu", container: "", target: { type: "Utilization", averageUtilization: 60 } } },
    { type: "Foo" },
  ], (m) => hpa().metric(untyped(m))),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.stabilizationWindowSeconds", [-1, 0, 3600, 3601], (s) => scale({ stabilizationWindowSeconds: s })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.selectPolicy", ["Max", "Min", "Disabled", "max", ""], (p) => scale({ selectPolicy: p })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.policies[].periodSeconds", [-1, 0, 1, 1800, 1801], (s) => scale({ policies: [{ type: "Pods", value: 1, periodSeconds: s }] })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.policies[].value", [-1, 0, 1, 100, 1000], (v) => scale({ policies: [{ type: "Percent", value: v, periodSeconds: 60 }] })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.policies[].type", ["Pods", "Percent", "pods", ""], (t) => scale({ policies: [{ type: t, value: 1, periodSeconds: 60 }] })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleUp.policies", [[], undefined], (p) => scale(p === undefined ? {} : { policies: p })),
  ...each("autoscaler behaviours", "HorizontalPodAutoscaler", "behavior.scaleDown.tolerance", ["0.1", "0", "-0.1", "1.5"], (t) => hpa().behavior({ scaleDown: untyped({ tolerance: t }) }),
    "the HPAConfigurableTolerance feature gate"),
];
