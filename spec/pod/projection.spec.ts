// Projected and downwardAPI volumes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  configMap, deployment, downwardAPI, job, projectClusterTrustBundle, projectConfigMap, projectDownwardAPI, projected, projectSecret, projectServiceAccountToken, secret,
} from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { assertSchemaValid, podOf } from "../schema.js";

const config = configMap("app").data({ "app.yaml": "a: 1\n", LOG_LEVEL: "info" }).binaryData({ "logo.png": "iVBORw0KGgo=" });
const tls = secret("tls").type("kubernetes.io/tls").stringData({ "tls.crt": "c", "tls.key": "k" });
const PATH = 'a relative path (not empty, no leading "/", no ".." part, not starting with "..")';

test("projected(): ConfigMap, Secret, downward API and token sources in one volume, named by the user", () => {
  const pod = podOf(deployment("app").container((c) => c.image("app:1").mount("/etc/app", projected("app-files", [
    projectConfigMap(config, { items: ["app.yaml", { key: "logo.png", path: "img/logo.png", mode: 0o444 }] }),
    projectSecret(tls, { items: [{ key: "tls.key", path: "tls/key.pem", mode: 0o400 }, "tls.crt"], optional: false }),
    projectDownwardAPI({ labels: { fieldRef: "metadata.labels" }, "cpu-limit": { resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } } }),
    projectServiceAccountToken("token", { audience: "vault", expirationSeconds: 7200 }),
  ], { defaultMode: 0o440 }), { readOnly: true })));
  assert.equal(pod.containers[0]!.volumeMounts, [{ name: "app-files", mountPath: "/etc/app", readOnly: true }]);
  assert.equal(pod.volumes, [{
    name: "app-files",
    projected: {
      sources: [
        { configMap: { name: "app", items: [{ key: "app.yaml", path: "app.yaml" }, { key: "logo.png", path: "img/logo.png", mode: 0o444 }] } },
        { secret: { name: "tls", items: [{ key: "tls.key", path: "tls/key.pem", mode: 0o400 }, { key: "tls.crt", path: "tls.crt" }], optional: false } },
        { downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "cpu-limit", resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } }] } },
        { serviceAccountToken: { path: "token", audience: "vault", expirationSeconds: 7200 } },
      ],
      defaultMode: 0o440,
    },
  }]);
  // a projected volume's ConfigMaps and Secrets are the workload's references (emitted with it by piceli synth)
  assert.equal(deployment("app").container((c) => c.image("a").mount("/a", projected("p", [projectConfigMap(config), projectSecret(tls)]))).references.map((r) => r.name), ["app", "tls"]);
});

test("downwardAPI(): pod fields and container resources as files; modes", () => {
  const pod = podOf(job("j").container((c) => c.image("a").mount("/etc/podinfo", downwardAPI("podinfo", {
    name: { fieldRef: "metadata.name" },
    team: { fieldRef: "metadata.labels['team']", mode: 0o400 },
    owner: { fieldRef: "metadata.annotations['Example.com/owner']" },
    "mem-mb": { resourceFieldRef: { containerName: "j", resource: "requests.memory", divisor: "1Mi" } },
  }, { defaultMode: 0o444 }))));
  assert.equal(pod.volumes, [{
    name: "podinfo",
    downwardAPI: {
      items: [
        { path: "name", fieldRef: { fieldPath: "metadata.name" } },
        { path: "team", fieldRef: { fieldPath: "metadata.labels['team']" }, mode: 0o400 },
        { path: "owner", fieldRef: { fieldPath: "metadata.annotations['Example.com/owner']" } },
        { path: "mem-mb", resourceFieldRef: { containerName: "j", resource: "requests.memory", divisor: "1Mi" } },
      ],
      defaultMode: 0o444,
    },
  }]);
});

test("run time: paths relative without '..', each once in a volume; modes 0-0777; token lifetimes; keys that exist", () => {
  const at = "spec.template.spec.volumes[0].projected";
  assertProblems(() => job("j").container((c) => c.image("a").mount("/a", projected("p", [
    projectConfigMap(config, { items: [{ key: "app.yaml", path: "/abs" }, { key: "LOG_LEVEL", path: "a/../b" }, { key: "missing" as never, path: "..x" }] }),
    projectSecret(tls, { items: [{ key: "tls.crt", path: "same", mode: 0o1000 }] }),
    projectDownwardAPI({ same: { fieldRef: "metadata.name" } }),
    projectServiceAccountToken("", { expirationSeconds: 599 }),
    projectServiceAccountToken("t", { expirationSeconds: 2 ** 32 + 1 }),
  ], { defaultMode: -1 }))).build(), [
    { path: `${at}.sources[0].configMap.items[0].path`, expected: PATH, received: "/abs" },
    { path: `${at}.sources[0].configMap.items[1].path`, expected: PATH, received: "a/../b" },
    { path: `${at}.sources[0].configMap.items[2].key`, expected: 'one of the keys ["app.yaml","LOG_LEVEL","logo.png"]', received: "missing" },
    { path: `${at}.sources[0].configMap.items[2].path`, expected: PATH, received: "..x" },
    { path: `${at}.sources[1].secret.items[0].mode`, expected: "an integer from 0 to 511", received: 0o1000 },
    { path: `${at}.sources[2].downwardAPI.items[0].path`, expected: "a path no other file of the volume has", received: "same" },
    { path: `${at}.sources[3].serviceAccountToken.path`, expected: PATH, received: "" },
    { path: `${at}.sources[3].serviceAccountToken.expirationSeconds`, expected: "from 600 (10 minutes) to 2^32 seconds", received: 599 },
    { path: `${at}.sources[4].serviceAccountToken.expirationSeconds`, expected: "from 600 (10 minutes) to 2^32 seconds", received: 2 ** 32 + 1 },
    { path: `${at}.defaultMode`, expected: "an integer from 0 to 511", received: -1 },
  ]);
  // a whole ConfigMap's files are named like its keys: a key path collides with them
  assertProblems(() => job("j").container((c) => c.image("a").mount("/a", projected("p", [projectConfigMap(config), projectSecret(tls, { items: [{ key: "tls.crt", path: "app.yaml" }] })]))).build(), [
    { path: `${at}.sources[1].secret.items[0].path`, expected: "a path no other file of the volume has", received: "app.yaml" },
  ]);
});

test("run time: downward API files as the API server checks them in volumes (untyped callers)", () => {
  const at = "spec.template.spec.volumes[0].downwardAPI.items";
  assertProblems(() => job("j").container((c) => c.image("a").mount("/a", downwardAPI("d", {
    node: { fieldRef: "spec.nodeName" as never },
    bad: { fieldRef: "metadata.labels['a b']" },
    cpu: { resourceFieldRef: { resource: "limits.cpu" } as never },
    both: { fieldRef: "metadata.name", resourceFieldRef: { containerName: "j", resource: "limits.cpu" } } as never,
    "../up": { fieldRef: "metadata.uid", mode: 1.5 },
  }))).build(), [
    { path: `${at}[0].fieldRef.fieldPath`, expected: "one of metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, metadata.labels['<key>'] or metadata.annotations['<key>'] (a volume can't hold node or IP fields)", received: "spec.nodeName" },
    { path: `${at}[1].fieldRef.fieldPath`, expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "a b" },
    { path: `${at}[2].resourceFieldRef.containerName`, expected: "the name of the container whose resource it is (a volume's files need it)", received: undefined },
    { path: `${at}[3]`, expected: "one of { fieldRef } or { resourceFieldRef }", received: { fieldRef: "metadata.name", resourceFieldRef: { containerName: "j", resource: "limits.cpu" } } },
    { path: `${at}[4].path`, expected: PATH, received: "../up" },
    { path: `${at}[4].mode`, expected: "an integer from 0 to 511", received: 1.5 },
  ]);
  () => {
    downwardAPI("d", { node: { fieldRef: "metadata.name" } });
    // @ts-expect-error a volume can't hold node fields: only metadata
    downwardAPI("d", { node: { fieldRef: "spec.nodeName" } });
    downwardAPI("d", { cpu: { resourceFieldRef: { containerName: "app", resource: "limits.cpu" } } });
    // @ts-expect-error a volume's resource file names its container
    downwardAPI("d", { cpu: { resourceFieldRef: { resource: "limits.cpu" } } });
    projectConfigMap(config, { items: ["app.yaml"] });
    // @ts-expect-error items are keys of the ConfigMap
    projectConfigMap(config, { items: ["missing"] });
    job("j").container((c) => c.image("a").mount("/a", projected("p", [])));
    // @ts-expect-error a projected volume is named by projected(): no name option
    job("j").container((c) => c.image("a").mount("/a", projected("p", []), { name: "other" }));
  };
});

test("projectClusterTrustBundle(): a bundle by name, or a signer's bundles by labels, as one file of the volume", () => {
  const app = deployment("app").container((c) => c.image("app:1").mount("/etc/ca", projected("trust", [
    projectClusterTrustBundle("named.pem", { name: "example.com:internal-ca:v1" }),
    projectClusterTrustBundle("signer.pem", { signerName: "example.com/internal-ca", labelSelector: { matchLabels: { env: "prod" } }, optional: true }),
    projectClusterTrustBundle("all.pem", { signerName: "example.com/internal-ca" }),
    projectServiceAccountToken("token"),
  ])));
  assertSchemaValid(app.build());
  assert.equal(podOf(app).volumes, [{
    name: "trust",
    projected: {
      sources: [
        { clusterTrustBundle: { name: "example.com:internal-ca:v1", path: "named.pem" } },
        { clusterTrustBundle: { signerName: "example.com/internal-ca", labelSelector: { matchLabels: { env: "prod" } }, optional: true, path: "signer.pem" } },
        { clusterTrustBundle: { signerName: "example.com/internal-ca", path: "all.pem" } },
        { serviceAccountToken: { path: "token" } },
      ],
    },
  }]);
  // the selection given is copied: changing it later changes nothing built
  const selection = { signerName: "example.com/ca", labelSelector: { matchLabels: { a: "b" } } };
  const source = projectClusterTrustBundle("ca.pem", selection);
  selection.labelSelector.matchLabels.a = "changed";
  assert.equal(podOf(job("j").container((c) => c.image("a").mount("/a", projected("p", [source])))).volumes![0]!.projected!.sources, [{ clusterTrustBundle: { signerName: "example.com/ca", labelSelector: { matchLabels: { a: "b" } }, path: "ca.pem" } }]);
});

test("run time: a ClusterTrustBundle projection as the API server checks it (untyped callers)", () => {
  const at = "spec.template.spec.volumes[0].projected.sources";
  const NAME = 'a ClusterTrustBundle name: a DNS-1123 subdomain, or for a signer\'s bundle the signer name with ":" for "/", a ":" and a subdomain, e.g. "example.com:ca:v1"';
  const SIGNER = 'a signer name "<domain>/<name>", e.g. "example.com/internal-ca": the domain two or more lowercase DNS labels separated by ".", the name lowercase letters, digits, "-" and "."';
  const bad = (...sources: unknown[]) => () => job("j").container((c) => c.image("a").mount("/a", projected("p", sources.map((s) => projectClusterTrustBundle(...(s as [string, never])))))).build();
  assertProblems(bad(
    ["a.pem", { name: "a", signerName: "example.com/s" }],
    ["b.pem", {}],
    ["c.pem", { name: "a", labelSelector: { matchLabels: { a: "b" } } }],
    ["", { name: "A_b" }],
    ["/abs", { name: "a/b:c" }],
    ["..x", { name: ":x" }],
    ["a.pem", { signerName: "com/a" }],
    ["e.pem", { signerName: "example.com/a/b", optional: "yes" }],
    ["f.pem", { signerName: "example.com/s", labelSelector: { matchLabels: { "a b": "c" } } }],
    ["g.pem", { name: "a", path: "ignored", extra: 1 }],
  ), [
    { path: `${at}[0].clusterTrustBundle`, expected: "name or signerName, not both", received: { name: "a", signerName: "example.com/s" } },
    { path: `${at}[1].clusterTrustBundle`, expected: "name or signerName: the bundle, or the signer whose bundles to read", received: { path: "b.pem" } },
    { path: `${at}[2].clusterTrustBundle.labelSelector`, expected: "nothing with name (a label selector picks among a signer's bundles)", received: { matchLabels: { a: "b" } } },
    { path: `${at}[3].clusterTrustBundle.name`, expected: NAME, received: "A_b" },
    { path: `${at}[3].clusterTrustBundle.path`, expected: PATH, received: "" },
    { path: `${at}[4].clusterTrustBundle.name`, expected: NAME, received: "a/b:c" },
    { path: `${at}[4].clusterTrustBundle.path`, expected: PATH, received: "/abs" },
    { path: `${at}[5].clusterTrustBundle.name`, expected: NAME, received: ":x" },
    { path: `${at}[5].clusterTrustBundle.path`, expected: PATH, received: "..x" },
    { path: `${at}[6].clusterTrustBundle.signerName`, expected: SIGNER, received: "com/a" },
    { path: `${at}[6].clusterTrustBundle.path`, expected: "a path no other file of the volume has", received: "a.pem" },
    { path: `${at}[7].clusterTrustBundle.signerName`, expected: SIGNER, received: "example.com/a/b" },
    { path: `${at}[7].clusterTrustBundle.optional`, expected: "true or false", received: "yes" },
    { path: `${at}[8].clusterTrustBundle.labelSelector.matchLabels`, expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "a b" },
    { path: `${at}[9].clusterTrustBundle`, expected: "a field of a projected clusterTrustBundle (name, signerName, labelSelector, optional, path)", received: "extra" },
  ]);
  () => {
    projectClusterTrustBundle("ca.pem", { name: "ca" });
    projectClusterTrustBundle("ca.pem", { signerName: "example.com/ca", labelSelector: { matchLabels: { a: "b" } }, optional: true });
    // @ts-expect-error name or signerName, not both
    projectClusterTrustBundle("ca.pem", { name: "ca", signerName: "example.com/ca" });
    // @ts-expect-error a label selector picks among a signer's bundles, not with name
    projectClusterTrustBundle("ca.pem", { name: "ca", labelSelector: { matchLabels: { a: "b" } } });
    // @ts-expect-error name or signerName is required
    projectClusterTrustBundle("ca.pem", { optional: true });
  };
});

test.run();
