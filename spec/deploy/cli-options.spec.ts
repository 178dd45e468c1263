import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseCli, parseDuration } from "../../lib/deploy/cli/options.js";

test("commands, paths and defaults", () => {
  const options = parseCli(["apply", "app.ts", "k8s/", "-n", "team", "--wait", "--timeout", "90s", "--set", "shop", "--prune"])!;
  assert.equal(
    { command: options.command, paths: options.paths, namespace: options.namespace, wait: options.wait, timeoutMs: options.timeoutMs, set: options.set, prune: options.prune, fieldManager: options.fieldManager, rollback: options.rollback },
    { command: "apply", paths: ["app.ts", "k8s/"], namespace: "team", wait: true, timeoutMs: 90_000, set: "shop", prune: true, fieldManager: "piceli", rollback: true },
  );
  assert.is(parseCli(["apply", "a.ts", "--no-rollback"])!.rollback, false);
  assert.equal([parseCli(["list", "a.ts"])!.loadTimeoutMs, parseCli(["list", "--load-timeout", "5s", "a.ts"])!.loadTimeoutMs], [60_000, 5_000]);
  assert.equal(parseCli(["apply", "a.ts", "--set", "s", "--prune", "--prune-allow", "namespace/old", "--prune-allow", "CustomResourceDefinition/w.example.com"])!.pruneAllow,
    ["Namespace/old", "CustomResourceDefinition/w.example.com"]);
  assert.is(parseCli(["--help"]), undefined);
  assert.is(parseCli([]), undefined);
});

test("mistakes are explained", () => {
  const message = (argv: string[]) => {
    try {
      parseCli(argv);
      return "no error";
    } catch (error) {
      return (error as Error).message;
    }
  };
  assert.is(message(["deploy", "a.ts"]), 'unknown command "deploy": expected one of synth, list, plan, diff, apply, status, import, completion (see piceli --help)');
  assert.is(message(["plan", "--format", "svg", "a.ts"]), '--format: expected text, dot, mermaid for plan, received "svg"');
  assert.is(message(["synth", "--wait", "a.ts"]), "--wait applies to apply, not synth");
  assert.is(message(["apply", "--prune", "a.ts"]), "--prune needs --set <name>: only objects piceli applied earlier with the same --set are pruned");
  assert.is(message(["apply", "--set", "s", "--prune", "--prune-allow", "PersistentVolumeClaim/data", "a.ts"]),
    '--prune-allow: expected Namespace/<name> or CustomResourceDefinition/<name> (the only kinds that need naming; PersistentVolumeClaims and PersistentVolumes are never pruned), received "PersistentVolumeClaim/data"');
  assert.is(message(["apply", "--set", "s", "--prune-allow", "Namespace/old", "a.ts"]), "--prune-allow only applies with --prune");
  assert.is(message(["synth", "--load-timeout", "never", "a.ts"]), '--load-timeout: expected a duration such as 90s, 5m or 1h, received "never"');
  assert.is(message(["apply", "--timeout", "soon", "a.ts"]), '--timeout: expected a duration such as 90s, 5m or 1h, received "soon"');
  assert.match(message(["apply", "--frobnicate", "a.ts"]), /Unknown option '--frobnicate'.*\(see piceli --help\)/);
});

test("durations", () => {
  assert.equal(["30", "90s", "5m", "1h", "1m30s"].map((d) => parseDuration(d)), [30_000, 90_000, 300_000, 3_600_000, 90_000]);
});

test.run();
