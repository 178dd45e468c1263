// `piceli synth examples/<x>.ts` emits exactly the objects running the example prints: nothing an example builds
// is lost because it is not exported (issue 10), and nothing is added. All examples load in one pass (as
// `piceli synth examples/*.ts` would load them), each compared on its own; app.ts also through the command itself.
import { loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import { planApply, resolveObjects, synthText, type LoadResult } from "../../lib/deploy/index.js";
import { exampleFiles as files, examplesDir as examples, loadExamples } from "../examples.js";
import { captureIo } from "./helpers.js";

const identity = (m: any) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`;
const sorted = (text: string) => (loadAll(text) as object[]).sort((a, b) => identity(a).localeCompare(identity(b)));

let loaded: LoadResult;
test.before(async () => {
  loaded = await loadExamples();
});

for (const file of files) {
  test(`piceli synth examples/${file.slice(examples.length)} emits what the example prints`, () => {
    const printed = loaded.printed.filter((p) => p.file === file).map((p) => p.text).join("");
    const expected = sorted(printed);
    assert.ok(expected.length > 0, "the example prints its objects");
    const synthesized = synthText(planApply(resolveObjects(loaded.objects.filter((o) => o.source.type !== "option" && o.source.file === file)).objects));
    assert.equal(sorted(synthesized), expected);
  });
}

test("the command: piceli synth examples/app.ts prints the 11 objects the example prints", async () => {
  const io = captureIo();
  assert.is(await main(["synth", `${examples}app.ts`], io), 0, io.stderr.text);
  const expected = sorted(loaded.printed.find((p) => p.file === `${examples}app.ts`)!.text);
  assert.is(expected.length, 11);
  assert.equal(sorted(io.stdout.text), expected);
});

test.run();
