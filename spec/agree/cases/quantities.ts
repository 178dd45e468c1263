// Quantities in every suffix, exponent and sign form, wherever a quantity is written; resource names; requests
// against limits; downward-API divisors.
import { claimTemplate, deployment, emptyDir, persistentVolume, persistentVolumeClaim, resourceFieldRef, statefulSet } from "../../../lib/index.js";
import type { Resources } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE } from "./values.js";

/** Every suffix, both exponent letters and signs, fractions, rounding, and what the grammar refuses. */
export const QUANTITIES = [
  "1", "0", "-1", "+1", "-0", "1.5", ".5", "5.", "0.001", "0.0000000001", "1.123456789", "123456789012345678901234567890",
  "1n", "1u", "1m", "1k", "1K", "1M", "1G", "1T", "1P", "1E", "1Ki", "1ki", "1Mi", "1mi", "1Gi", "1Ti", "1Pi", "1Ei", "1.5Gi", "0.5Mi", "-1Gi",
  "1e3", "1E3", "1e-3", "1e+3", "1e0", "1.5e2", "1e", "e3", "1e3Mi", "1e1000", "1E3Mi",
  "1 Gi", " 1", "1 ", "0x10", "1.2.3", "1_000", "Gi", "", "1GB", "1mb", "NaN", "Infinity",
];

const withResources = (requests: Resources, limits?: Resources) =>
  deployment("d").container((c) => (limits ? c.image(IMAGE).requests(requests).limits(limits) : c.image(IMAGE).requests(requests)));

export const quantityCases: Case[] = [
  ...each("quantities", "Deployment", "resources.requests.cpu", QUANTITIES, (q) => withResources({ cpu: untyped(q) })),
  ...each("quantities", "Deployment", "resources.requests.memory", QUANTITIES, (q) => withResources({ memory: untyped(q) })),
  ...each("quantities", "Deployment", "resources.limits.ephemeral-storage", QUANTITIES, (q) => deployment("d").container((c) => c.image(IMAGE).limits({ ephemeralStorage: untyped(q) }))),
  ...each("quantities", "Deployment", "emptyDir.sizeLimit", QUANTITIES, (q) => deployment("d").container((c) => c.image(IMAGE).mount("/cache", emptyDir("cache", { sizeLimit: untyped(q) })))),
  ...each("quantities", "PersistentVolumeClaim", "spec.resources.requests.storage", QUANTITIES, (q) => persistentVolumeClaim("c", untyped(q))),
  ...each("quantities", "PersistentVolume", "spec.capacity.storage", [...QUANTITIES, "9223372036854775807", "9223372036854775808", "20000000000000000000", "10E", "8Ei"], (q) =>
    persistentVolume("v", untyped(q)).hostPath("/data")),
  ...each("quantities", "StatefulSet", "volumeClaimTemplates[].spec.resources.requests.storage", ["1Gi", "0", "-1Gi", "1m"], (q) =>
    statefulSet("db").container((c) => c.image(IMAGE).mount("/data", claimTemplate("data", untyped(q))))),
  ...each("resource names", "Deployment", "resources.limits and requests (same value)", [
    "cpu", "memory", "ephemeralStorage", "example.com/gpu", "example.com/a_b", "example.com/A", "Example.com/gpu", "kubernetes.io/foo", "requests.example.com/x",
    "example.com/", "hugepages-2Mi", "hugepages-1Gi", "hugepages-x", "hugepages-", "gpu", "storage", "pods",
  ], (name) => withResources(untyped({ [name]: "1", ...(name.startsWith("hugepages") && { memory: "1Gi" }) }), untyped({ [name]: "1", ...(name.startsWith("hugepages") && { memory: "1Gi" }) }))),
  ...each("resource names", "Deployment", "resources.requests only", ["example.com/gpu", "hugepages-2Mi"], (name) => withResources(untyped({ [name]: "2Mi", memory: "1Gi" }))),
  ...each("resource names", "Deployment", "resources example.com/gpu requests/limits", [["1", "2"], ["2", "1"], ["0.5", "0.5"], ["500m", "500m"], ["1k", "1k"]], ([request, limit]) =>
    withResources({ "example.com/gpu": untyped(request) }, { "example.com/gpu": untyped(limit) })),
  ...each("requests and limits", "Deployment", "resources cpu request/limit", [
    ["1", "1"], ["1000m", "1"], ["1001m", "1"], ["1.001", "1"], ["1", "999m"], ["0", "0"], ["1e3m", "1"], ["1n", "1u"], ["1u", "1n"], ["0.1", "100m"], ["1001u", "1m"], ["2m", "1999u"], ["1.0005", "1"],
  ], ([request, limit]) => withResources({ cpu: untyped(request) }, { cpu: untyped(limit) })),
  ...each("requests and limits", "Deployment", "resources memory request/limit", [
    ["1Gi", "1Gi"], ["1Gi", "1073741824"], ["1073741825", "1Gi"], ["1Gi", "1G"], ["1G", "1Gi"], ["1k", "1Ki"], ["1Ki", "1k"], ["1e9", "1G"], ["1.5Gi", "1536Mi"], ["1.5", "1"], ["1500m", "2"],
  ], ([request, limit]) => withResources({ memory: untyped(request) }, { memory: untyped(limit) })),
  ...each("quantities", "Deployment", "env resourceFieldRef limits.memory divisor", [
    "1", "1k", "1Ki", "1Mi", "1M", "1Gi", "1Ei", "1E", "2", "1m", "1024", "1000", "0.5", "1e3", "1Ki ", "-1",
  ], (d) => deployment("d").container((c) => c.image(IMAGE).env({ MEM: resourceFieldRef("limits.memory", { divisor: untyped(d) }) }))),
  ...each("quantities", "Deployment", "env resourceFieldRef limits.cpu divisor", ["1", "1m", "1000m", "0.001", "1e-3", "2", "1k", "1u"], (d) =>
    deployment("d").container((c) => c.image(IMAGE).env({ CPU: resourceFieldRef("limits.cpu", { divisor: untyped(d) }) }))),
  ...each("quantities", "Deployment", "env resourceFieldRef resource", ["limits.cpu", "requests.memory", "limits.ephemeral-storage", "requests.hugepages-2Mi", "limits.gpu", "limits.example.com/gpu", "cpu"], (r) =>
    deployment("d").container((c) => c.image(IMAGE).env({ X: resourceFieldRef(untyped(r)) }))),
];
