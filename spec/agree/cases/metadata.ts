// Label and annotation keys and values, wherever labels are written: metadata, pod templates, selectors.
import { configMap, deployment, persistentVolumeClaim, service } from "../../../lib/index.js";
import { each, type Case } from "../case.js";
import { NAMED } from "./names.js";
import { IMAGE, LABEL_KEYS, LABEL_VALUES, label } from "./values.js";

const web = () => deployment("web").image(IMAGE);
// the largest total the server allows: keys and values of all annotations together
const ANNOTATIONS_LIMIT = 256 * 1024;

export const metadataCases: Case[] = [
  ...each("label keys", "ConfigMap", "metadata.labels key", LABEL_KEYS, (k) => configMap("c").labels({ [k]: "v" })),
  ...each("label keys", "ConfigMap", "metadata.annotations key", LABEL_KEYS, (k) => configMap("c").annotations({ [k]: "v" })),
  ...each("label keys", "Deployment", "spec.template.metadata.labels key", LABEL_KEYS, (k) => web().templateLabels({ app: "web", [k]: "v" })),
  ...each("label keys", "Deployment", "spec.template.spec.nodeSelector key", LABEL_KEYS, (k) => web().nodeSelector({ [k]: "v" })),
  ...each("label keys", "Service", "spec.selector key", LABEL_KEYS, (k) => service("s").port(80).selector({ [k]: "v" })),
  ...each("label values", "ConfigMap", "metadata.labels value", LABEL_VALUES, (v) => configMap("c").labels({ a: v })),
  ...each("label values", "Deployment", "spec.template.metadata.labels value", LABEL_VALUES, (v) => web().templateLabels({ app: "web", a: v })),
  ...each("label values", "Deployment", "spec.selector.matchLabels value", LABEL_VALUES, (v) => web().templateLabels({ a: v }).selector({ a: v })),
  ...each("label values", "Deployment", "spec.template.spec.nodeSelector value", LABEL_VALUES, (v) => web().nodeSelector({ a: v })),
  ...each("label values", "Service", "spec.selector value", LABEL_VALUES, (v) => service("s").port(80).selector({ a: v })),
  ...each("label values", "PersistentVolumeClaim", "spec.selector.matchLabels value", LABEL_VALUES, (v) => persistentVolumeClaim("c", "1Gi").selector({ a: v })),
  ...each("annotation values", "ConfigMap", "metadata.annotations total size", [ANNOTATIONS_LIMIT - 1, ANNOTATIONS_LIMIT, ANNOTATIONS_LIMIT + 1],
    (size) => configMap("c").annotations({ a: "x".repeat(size - 1) })),
  ...each("annotation values", "Deployment", "spec.template.metadata.annotations total size", [ANNOTATIONS_LIMIT, ANNOTATIONS_LIMIT + 1],
    (size) => web().templateAnnotations({ a: "x".repeat(size - 1) })),
  ...each("annotation values", "ConfigMap", "metadata.annotations value", ["", " ", "ä", "a\nb", label(1000)], (v) => configMap("c").annotations({ a: v })),
  // every kind writes labels through the same code: a key and a value on each side of the rules, on each kind
  ...Object.entries(NAMED).flatMap(([kind, make]) => [
    ...each("label keys", kind, "metadata.labels key", ["a/b", "A/b", label(64)], (k) => make("x").labels({ [k]: "v" })),
    ...each("label values", kind, "metadata.labels value", [label(63), label(64)], (v) => make("x").labels({ a: v })),
  ]),
];
