// Property-based specs: random valid builder chains across the kinds always build manifests that match the
// Kubernetes schema and round-trip through toYaml; random invalid values always throw PiceliValidationError.
import fc from "fast-check";
import { load } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  configMap, cronJob, daemonSet, deployment, job, PiceliValidationError, persistentVolumeClaim, role,
  secret, service, serviceAccount, statefulSet, toYaml, type CompleteContainer, type Quantity,
} from "../lib/index.js";
import { assertSchemaValid } from "./schema.js";

const RUNS = { numRuns: 60 };

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
const labelValue = fc.oneof(fc.constant(""), fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/));
const labels = fc.dictionary(fc.oneof(label, label.map((l) => `example.com/${l}`)), labelValue, { maxKeys: 3 });
const image = fc.stringMatching(/^[a-z0-9]+(\/[a-z0-9]+)?:[0-9]\.[0-9]{1,2}$/);
const quantity = fc.oneof(
  fc.integer({ min: 1, max: 4000 }).map((n) => `${n}m`),
  fc.integer({ min: 1, max: 64 }).map((n) => `${n}Gi`),
  fc.integer({ min: 1, max: 512 }).map((n) => `${n}Mi`),
) as fc.Arbitrary<Quantity>;
const text = fc.string({ maxLength: 30 });
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/);

/** Random edits of a container: each applied or not. */
const containerEdits = fc.record({
  command: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  env: fc.option(fc.dictionary(envName, text, { maxKeys: 3 }), { nil: undefined }),
  cpu: fc.option(quantity, { nil: undefined }),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  liveness: fc.boolean(),
});

type Edits = typeof containerEdits extends fc.Arbitrary<infer E> ? E : never;

function edit(c: CompleteContainer, e: Edits): CompleteContainer {
  let out = c;
  if (e.command) out = out.command(...e.command);
  if (e.env) out = out.env(e.env);
  if (e.cpu) out = out.requests({ cpu: e.cpu });
  if (e.port) out = out.port("main", e.port);
  if (e.liveness) out = out.livenessCommand("true");
  return out;
}

function roundTrips(manifest: object): void {
  assertSchemaValid(manifest);
  assert.equal(load(toYaml(manifest as never)), manifest);
}

test("random valid workloads build schema-valid manifests that round-trip through YAML", () => {
  fc.assert(
    fc.property(label, image, labels, containerEdits, fc.integer({ min: 0, max: 10 }), (name, img, podLabels, e, n) => {
      const pod = { labels: Object.keys(podLabels).length > 0 ? podLabels : { app: name } };
      const jobBuilt = job(name).backoff(n).labels(podLabels).container((c) => edit(c.image(img), e)).build();
      roundTrips(jobBuilt);
      const cron = cronJob(name.slice(0, 52), `*/${n + 1} * * * *`).cleanupAfter(n).container((c) => edit(c.image(img), e)).build();
      roundTrips(cron);
      for (const workload of [deployment(name).replicas(n), statefulSet(name).replicas(n), daemonSet(name)]) {
        const built = (workload as ReturnType<typeof deployment>).templateLabels(pod.labels).container((c) => edit(c.image(img), e));
        // A Service needs a port: only workloads with a container port get one.
        for (const manifest of (e.port ? built.service() : built).manifests()) roundTrips(manifest);
      }
    }),
    RUNS,
  );
});

test("random valid config, identity and storage objects build schema-valid manifests that round-trip", () => {
  fc.assert(
    fc.property(label, fc.dictionary(fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== "." && !k.startsWith("..")), text, { maxKeys: 4 }), labels, quantity,
      (name, data, metaLabels, storage) => {
        roundTrips(configMap(name).labels(metaLabels).data(data).build());
        roundTrips(secret(name).stringData(data).build());
        roundTrips(serviceAccount(name).labels(metaLabels).build());
        roundTrips(persistentVolumeClaim(name, storage).build());
        roundTrips(role(name).rule({ apiGroups: [""], resources: ["pods"], verbs: ["get"] }).build());
        roundTrips(service(name).selector({ app: name }).port(80).build());
      }),
    RUNS,
  );
});

const badName = fc.oneof(fc.constant(""), fc.constant("-x"), fc.constant("x-"), fc.constant("UPPER"), fc.constant("a_b"), fc.stringMatching(/^[a-z]{64,70}$/));
const badQuantity = fc.oneof(fc.constant("lots"), fc.constant("2 GB"), fc.constant("-1"), fc.constant("1.2.3"), fc.stringMatching(/^[a-z]{2,5}$/));
const badCount = fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 100, noInteger: true }));

test("random invalid values always throw PiceliValidationError and never emit", () => {
  const throwsValidation = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof PiceliValidationError && error.problems.length > 0;
    }
    return false;
  };
  fc.assert(
    fc.property(badName, badQuantity, badCount, (name, amount, count) => {
      assert.ok(throwsValidation(() => job(name).image("a").build()), `name ${name}`);
      assert.ok(throwsValidation(() => toYaml(job("x").image("a").container((c) => c.requests({ cpu: amount as Quantity })))), `quantity ${amount}`);
      assert.ok(throwsValidation(() => job("x").image("a").backoff(count).build()), `backoff ${count}`);
      assert.ok(throwsValidation(() => deployment("x").image("a").replicas(count).build()), `replicas ${count}`);
      assert.ok(throwsValidation(() => configMap(`${name}_`).build()), `ConfigMap ${name}_`);
      assert.ok(throwsValidation(() => persistentVolumeClaim("x", amount as Quantity).build()), `storage ${amount}`);
    }),
    RUNS,
  );
});

test.run();
