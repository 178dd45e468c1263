// Compiled by `npm run check:declarations` with TypeScript 5.0 against the built dist/*.d.ts (through the
// package's own "exports"), so the published declarations work for every TypeScript 5.x user.
import { configMap, cronJob, dailyAt, deployment, job, statefulSet, claimTemplate, toYaml, type JobManifest } from "piceli";
import { defineConfig, type PiceliConfig } from "piceli/config";
import { projectClusterTrustBundle, projected } from "piceli";

const settings = configMap("settings").data({ LOG_LEVEL: "info" }).binaryData({ logo: "AA==" });
export const built: JobManifest = job("x")
  .image("busybox")
  .container((c) => c.command("echo").env({ LEVEL: settings.key("LOG_LEVEL") }).mount("/etc/settings", settings, { items: ["logo"] }))
  .build();
// @ts-expect-error an item that is not one of the ConfigMap's keys
job("y").image("b").container((c) => c.mount("/etc/settings", settings, { items: ["missing"] }));
// @ts-expect-error a Job without a container can't be built
job("z").build();
// @ts-expect-error Jobs can't restart Always
job("z").restartPolicy("Always");

export const text: string = toYaml(
  deployment("web").image("nginx").container((c) => c.port("http", 80)).service().autoscale({ max: 3, cpu: 50 }),
  statefulSet("db").container((c) => c.image("postgres:16").mount("/data", claimTemplate("data", "1Gi"))),
  cronJob("nightly", dailyAt(3)).image("backup:1"),
);

// Issue 10: the main container edited by its name, presets, helpers typed with the builder classes
const small = { cpu: "100m", memory: "64Mi" } as const;
export function scaled<D extends import("piceli").DeploymentBuilder>(d: D): D {
  return d.replicas(2);
}
export const cart = scaled(deployment("cart", { container: "server" }).image("cart:1"))
  .container("server", (c) => c.port(7070).requests(small).resources({ limits: small }).env([{ name: "A", value: "1" }]))
  .container("proxy", (c) => c.image("envoy:1"))
  .build();
// @ts-expect-error a named container needs an image
deployment("cart").image("cart:1").container("proxy", (c) => c.port(1));
const loose = { cpu: "100m" };
// @ts-expect-error a preset without `as const`
job("x").image("a").container((c) => c.requests(loose));

// A stop signal, on a pod that names its OS
export const stopping = deployment("web").os("linux").container((c) => c.image("nginx").stopSignal("SIGQUIT")).build();
// @ts-expect-error "SIGBOGUS" is not a StopSignal
deployment("web").image("nginx").container((c) => c.stopSignal("SIGBOGUS"));

// A ClusterTrustBundle projection: by name, or by signer
export const trusting = deployment("web").image("nginx")
  .container((c) => c.mount("/etc/ca", projected("ca", [projectClusterTrustBundle("ca.pem", { signerName: "example.com/ca", labelSelector: { matchLabels: { a: "b" } } })])))
  .build();
// @ts-expect-error name or signerName, not both
projectClusterTrustBundle("ca.pem", { name: "ca", signerName: "example.com/ca" });

// A helper typed after a ready builder: one with a container added by name is refused (the message says what to do)
const readyWeb = () => deployment("web").image("nginx");
export const scaledWeb = (d: ReturnType<typeof readyWeb>) => d.replicas(2);
scaledWeb(deployment("web").image("nginx:2"));
// @ts-expect-error "proxy" is not assignable to NoNamedContainer
scaledWeb(deployment("web").image("nginx").container("proxy", (c) => c.image("envoy:1")));

// The config entry (piceli/config): defineConfig and its type, as a piceli.config.ts imports them.
export const config: PiceliConfig = defineConfig({ files: ["deploy"], namespace: "shop", timeout: "2m" });
// @ts-expect-error an unknown setting
defineConfig({ namspace: "shop" });
