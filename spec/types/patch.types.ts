// Compile-only type specs for the escape hatch: `.patch()` hands over the builder's own manifest type.
import { configMap, deployment, job, service, type JobManifest } from "../../lib/index.js";

job("j").image("x").patch((m) => { m.spec.template.spec!.hostNetwork = true; });
// @ts-expect-error hostNetwork is a boolean in V1PodSpec
job("j").image("x").patch((m) => { m.spec.template.spec!.hostNetwork = "yes"; });
// @ts-expect-error a Job manifest has no `data`
job("j").image("x").patch((m) => m.data);
configMap("c").patch((m) => { m.data = { a: "1" }; });
// @ts-expect-error ConfigMap data values are strings
configMap("c").patch((m) => { m.data = { a: 1 }; });
service("s").port(80).patch((m) => { m.spec.sessionAffinity = "ClientIP"; });
deployment("d").image("x").patch((m) => ({ ...m, spec: { ...m.spec, paused: true } }));
// @ts-expect-error a patch returns the manifest or nothing
deployment("d").image("x").patch(() => 42);
// the patched builder keeps its type and state
export const patched: JobManifest = job("j").image("x").patch(() => undefined).backoff(1).build();
