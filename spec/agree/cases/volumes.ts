// Volumes: names chosen by the user, ConfigMap and Secret modes and items, claim templates' metadata.
import { claimTemplate, configMap, deployment, hostPath, persistentVolumeClaim, secret, statefulSet } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE } from "./values.js";

const MODES = [0, 0o400, 0o600, 0o644, 0o777, 0o1000, -1, 1.5];
const VOLUME_NAMES = ["varlog", "Varlog", "a.b", "a_b", "", "a".repeat(63), "a".repeat(64), "-a"];
const tls = secret("tls").stringData({ "tls.crt": "c", "tls.key": "k" });
const settings = configMap("settings").data({ "app.yaml": "a: 1\n" });
const data = (options: object) => statefulSet("db").container((c) => c.image(IMAGE).mount("/data", claimTemplate("data", "1Gi", untyped(options))));

export const volumeCases: Case[] = [
  ...each("volumes", "Deployment", "mount name option (hostPath)", VOLUME_NAMES, (name) => deployment("d").container((c) => c.image(IMAGE).mount("/var/log", hostPath("/var/log"), { name }))),
  ...each("volumes", "Deployment", "mount name option (claim, ConfigMap, Secret)", ["data", "Data"], (name) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/a", persistentVolumeClaim("claim", "1Gi"), { name: `${name}-1` }).mount("/b", settings, { name: `${name}-2` }).mount("/c", tls, { name: `${name}-3` }))),
  // (two different definitions of one name are the DSL's to refuse: the manifest it writes has only one)
  ...each("volumes", "Deployment", "two mounts of one named volume", ["logs"], (name) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/a", hostPath("/var/log"), { name }).mount("/b", hostPath("/var/log"), { name }))),
  ...each("volumes", "Deployment", "secret defaultMode (unset: 0o600)", [undefined, ...MODES], (defaultMode) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/tls", tls, defaultMode === undefined ? {} : { defaultMode }))),
  ...each("volumes", "Deployment", "configMap defaultMode", MODES, (defaultMode) => deployment("d").container((c) => c.image(IMAGE).mount("/etc/app", settings, { defaultMode }))),
  ...each("volumes", "StatefulSet", "volumeClaimTemplates[].metadata", [
    { labels: { backup: "daily" } }, { annotations: { "backup.example.com/schedule": "@daily" } }, { labels: { "a b": "x" } }, { labels: { a: "-x" } },
    { annotations: { "-a": "x" } }, { annotations: { "Example.com/a": "x" } }, { annotations: { big: "x".repeat(256 * 1024) } },
  ], data),
];
