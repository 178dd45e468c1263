// Compile-only type specs: `npm test` runs tsc over this file; each `@ts-expect-error` line must fail
// to compile (tsc reports an unused directive otherwise), and each positive twin beside it must compile.
import { container, job, toYaml, type JobBuilder, type JobManifest, type Resources } from "../../lib/index.js";

// Restart policy: a Job's pods may only use OnFailure or Never.
job("x").restartPolicy("OnFailure");
job("x").restartPolicy("Never");
// @ts-expect-error Kubernetes rejects restartPolicy Always for a Job (JobRestartPolicy)
job("x").restartPolicy("Always");

// A Job builds only once a container with an image exists.
export const built: JobManifest = job("x").image("busybox").build();
// @ts-expect-error no container yet: "call .image() or .container()"
job("x").build();
// @ts-expect-error the main container has no image: "call .image()"
job("x").container((c) => c.command("echo")).build();
job("x").container((c) => c.image("busybox").command("echo")).build();
job("x").container((c) => c.command("echo")).image("busybox").build();
// @ts-expect-error editing the main container cannot take its image away from the state: still needs one
job("x").container((c) => c.command("echo")).container((c) => c.args("a")).build();

// Containers added by name must have an image; once added, edits keep it.
job("x").container("worker", (c) => c.image("worker")).build();
// @ts-expect-error a new named container has no image yet
job("x").container("worker", (c) => c.command("run"));
job("x").container("worker", (c) => c.image("worker")).container("worker", (c) => c.args("--fast")).build();
// @ts-expect-error a different name is a new container, without an image
job("x").container("worker", (c) => c.image("worker")).container("other", (c) => c.args("--fast"));
// @ts-expect-error adding a named container does not give the main container an image
job("x").container((c) => c.command("echo")).container("worker", (c) => c.image("worker")).build();

// Standalone containers must be complete to join a pod.
job("x").container(container("side").image("side"));
// @ts-expect-error container("side") has no image
job("x").container(container("side").command("run"));
job("x").image("a").initContainer(container("init").image("busybox"));
// @ts-expect-error an init container needs an image
job("x").image("a").initContainer("init", (c) => c.command("true"));
// @ts-expect-error a standalone container without an image cannot be built
container("c").build();
container("c").image("a").build();

// Quantities are checked by their shape.
const c = container("c").image("a");
c.requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi", "nvidia.com/gpu": "1" });
// @ts-expect-error "lots" is not a Quantity
c.requests({ cpu: "lots" });
// @ts-expect-error "2 GB" is not a Quantity (use "2G" or "2Gi")
c.requests({ memory: "2 GB" });
// @ts-expect-error "gpu" is not a resource name; extended resources are prefixed ("nvidia.com/gpu")
c.limits({ gpu: "1" });
c.limits({ cpu: "0.5", memory: "1e9" });
// Presets: typed Resources or written `as const`
const typedPreset: Resources = { cpu: "100m", memory: "64Mi" };
const constPreset = { cpu: "100m", memory: "64Mi" } as const;
c.requests(typedPreset).limits(constPreset).resources({ requests: typedPreset, limits: constPreset });
const stringPreset = { cpu: "100m", memory: "64Mi" };
// @ts-expect-error a preset without `as const` has string values, not Quantities: the message says to add `as const`
c.requests(stringPreset);
// @ts-expect-error the same through .resources()
c.resources({ limits: stringPreset });
// @ts-expect-error .resources() takes requests and limits only
c.resources({ claims: [] });
// env in the YAML shape
c.env([{ name: "A", value: "1" }, { name: "B", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]);
// @ts-expect-error a YAML env entry's value is a string
c.env([{ name: "A", value: 1 }]);
// @ts-expect-error a YAML env entry has a name
c.env([{ value: "1" }]);

// Durations: seconds or a number with a unit.
job("x").cleanupAfter("1h").cleanupAfter(3600).cleanupAfter("90s").cleanupAfter("1d");
// @ts-expect-error "1 hour" is not a Duration
job("x").cleanupAfter("1 hour");

// Other restricted values.
job("x").completionMode("Indexed");
// @ts-expect-error completionMode is NonIndexed or Indexed
job("x").completionMode("Parallel");
c.imagePullPolicy("IfNotPresent");
// @ts-expect-error imagePullPolicy is Always, IfNotPresent or Never
c.imagePullPolicy("Sometimes");

// toYaml takes only builders that can build.
toYaml(job("x").image("a"), [job("y").image("b").build()]);
// @ts-expect-error a Job without a container cannot be written
toYaml(job("x"));

// Shared methods keep the builder's own type and state.
export const kept: JobBuilder<"ready"> = job("x").image("a").labels({ a: "b" }).templateLabels({ c: "d" }).nodeSelector({ e: "f" });
