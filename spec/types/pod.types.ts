// Compile-only type specs for a Pod on its own, pod fields and Service fields: each `@ts-expect-error` line must fail to compile; its twin compiles.
import { container, deployment, pod, service, toYaml, type PodManifest } from "../../lib/index.js";

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

// lifecycle.stopSignal: a StopSignal, and (like the hooks) only on containers and sidecars; the pod's OS a PodOS.
pod("p").os("linux").container((c) => c.image("x").stopSignal("SIGRTMIN+3")).initContainer(container("s").image("x").restartPolicy("Always").stopSignal("SIGUSR1"));
// @ts-expect-error "SIGBOGUS" is not a StopSignal
container("c").stopSignal("SIGBOGUS");
// @ts-expect-error a stop signal is a lifecycle field, which a plain init container may not have
pod("p").image("x").initContainer(container("i").image("x").stopSignal("SIGTERM"));
deployment("d").image("x").os("windows");
// @ts-expect-error "mac" is not a PodOS
deployment("d").image("x").os("mac");

// Pod fields: named unions where Kubernetes has them.
deployment("d").image("x").dnsPolicy("ClusterFirstWithHostNet").topologySpreadConstraints({ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" });
// @ts-expect-error "Cluster" is not a DnsPolicy
deployment("d").image("x").dnsPolicy("Cluster");
// @ts-expect-error whenUnsatisfiable is "DoNotSchedule" or "ScheduleAnyway"
deployment("d").image("x").topologySpreadConstraints({ maxSkew: 1, topologyKey: "k", whenUnsatisfiable: "Never" });
// @ts-expect-error a host alias needs its host names
deployment("d").image("x").hostAliases({ ip: "10.0.0.1" });
// Scheduling gates: at least one name per call; host name fields: strings and booleans.
deployment("d").image("x").schedulingGates("example.com/foo", "example.com/bar").hostname("web-0").subdomain("web").setHostnameAsFQDN().hostUsers(false);
// @ts-expect-error .schedulingGates() takes at least one gate name
deployment("d").image("x").schedulingGates();
// @ts-expect-error a scheduling gate is a name, not an object
deployment("d").image("x").schedulingGates({ name: "example.com/foo" });
// @ts-expect-error hostUsers is a boolean
deployment("d").image("x").hostUsers("false");
// Pod-level resources: cpu, memory and huge pages, as quantities.
deployment("d").image("x").resources({ requests: { cpu: "1", memory: "100Mi" }, limits: { cpu: "2", "hugepages-2Mi": "4Mi" } });
// @ts-expect-error a pod-level request names only cpu, memory or huge pages: not ephemeral storage
deployment("d").image("x").resources({ requests: { ephemeralStorage: "1Gi" } });
// @ts-expect-error a pod-level limit names no extended resource
deployment("d").image("x").resources({ limits: { "example.com/gpu": "1" } });
// @ts-expect-error "1 core" is not a Quantity
deployment("d").image("x").resources({ requests: { cpu: "1 core" } });
// @ts-expect-error pod-level resources have no claims
deployment("d").image("x").resources({ claims: [{ name: "gpu" }] });
// @ts-expect-error setHostnameAsFQDN is a boolean
deployment("d").image("x").setHostnameAsFQDN("yes");
service("s").port(80).sessionAffinity("ClientIP", { timeoutSeconds: 60 }).ipFamilies("RequireDualStack", "IPv4", "IPv6");
// @ts-expect-error a timeout only with ClientIP affinity
service("s").port(80).sessionAffinity("None", { timeoutSeconds: 60 });
// @ts-expect-error "IPv5" is not an IpFamily
service("s").port(80).ipFamilies("SingleStack", "IPv5");
// @ts-expect-error "Node" is not a TrafficPolicy
service("s").port(80).externalTrafficPolicy("Node");
