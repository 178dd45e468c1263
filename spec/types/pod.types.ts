// Compile-only type specs for a Pod on its own: each `@ts-expect-error` line must fail to compile; its twin compiles.
import { container, pod, toYaml, type PodManifest } from "../../lib/index.js";

// A Pod builds once its containers can run, as workloads do.
export const built: PodManifest = pod("p").image("busybox").build();
// @ts-expect-error a Pod needs a container: call .image() or .container()
pod("p").build();
// @ts-expect-error the main container has no image
pod("p").container((c) => c.command("sleep", "1")).build();
toYaml(pod("p").container(container("side").image("x")));
// @ts-expect-error toYaml takes buildable builders only
toYaml(pod("p"));

// Every restart policy a Pod may have.
pod("p").image("x").restartPolicy("Never").restartPolicy("OnFailure").restartPolicy("Always");
// @ts-expect-error "Sometimes" is not a PodRestartPolicy
pod("p").image("x").restartPolicy("Sometimes");
// @ts-expect-error sidecars are init containers, not containers
pod("p").container((c) => c.image("x").restartPolicy("Always"));
