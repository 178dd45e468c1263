import fc from "fast-check";
import { dump, DUMP_SCHEMA, load, loadAll, NOT_RESOLVED, YAML11_SCHEMA } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { deployment, job, toYaml, toYamlDocuments } from "../../lib/index.js";

const hello = job("hello").image("busybox").container((c) => c.command("echo", "hi"));

test("a Job as YAML: conventional key order, block style", () => {
  assert.is(
    toYaml(hello.labels({ app: "hello" }).namespace("demo")),
    `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
  namespace: demo
  labels:
    app: hello
spec:
  template:
    metadata:
      name: hello
    spec:
      containers:
        - name: hello
          image: busybox
          command:
            - echo
            - hi
      restartPolicy: Never
`,
  );
});

test("loading the YAML back gives exactly build()", () => {
  const builder = job("test-job").imagePullSecrets("creds").backoff(1).cleanupAfter("1h").labels({ "app.kubernetes.io/name": "x" })
    .container((c) => c.image("img").env({ A: "1" }).requests({ cpu: "100m" }).livenessCommand("sh", "-c", "x"));
  assert.equal(load(toYaml(builder)), builder.build());
});

test("several objects become one document each, separated by ---; arrays are flattened", () => {
  const a = job("a").image("x");
  const b = job("b").image("y");
  const c = job("c").image("z").build();
  const text = toYaml(a, [b, [c]]);
  assert.equal(loadAll(text), [a.build(), b.build(), c]);
  assert.is(text.split(/^---$/m).length, 3);
});

test("plain manifests are reordered: apiVersion, kind, metadata (name, namespace, labels, annotations) first", () => {
  const text = toYaml({
    data: { b: "2", a: "1" },
    metadata: { annotations: { x: "y" }, labels: { l: "v" }, namespace: "ns", name: "cfg", uid: "u" },
    kind: "ConfigMap",
    apiVersion: "v1",
  } as object);
  assert.is(text, `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns
  labels:
    l: v
  annotations:
    x: 'y'
  uid: u
data:
  b: '2'
  a: '1'
`);
});

test("strings a YAML 1.1 reader would misread stay strings, for both YAML 1.1 and 1.2 readers", () => {
  const tricky = ["yes", "no", "on", "off", "y", "n", "Y", "NO", "True", "~", "null", "Null", "0777", "0o17", "0x1F", "0b101",
    "12:30", "1:20:30", "1e3", "1_000", ".5", "+1", "-.inf", ".NaN", "2001-12-14", "=", "<<", "", " lead", "trail ", "#x", "a: b",
    "- x", "@x", "`x", "%x", "!x", "*x", "&x", "? x", "|", ">", "{a}", "[a]", "'q'", '"d"', "multi\nline", "tab\there"];
  const env = Object.fromEntries(tricky.map((value, i) => [`V${i}`, value]));
  const builder = job("x").image("a").container((c) => c.env(env));
  const text = toYaml(builder);
  assert.equal(load(text), builder.build());
  assert.equal(load(text, { schema: YAML11_SCHEMA }), builder.build());
});

test("long strings are never folded", () => {
  const long = `${"word ".repeat(60)}end`;
  const text = toYaml(job("x").image("a").container((c) => c.args(long)));
  assert.ok(text.includes(`- ${long}\n`));
});

test("deterministic: the same input gives the same bytes", () => {
  const make = () => job("x").image("a").labels({ b: "2", a: "1" }).container((c) => c.env({ Z: "1", A: "2" }));
  assert.is(toYaml(make()), toYaml(make()));
});

test("shared objects are written out in full, never as YAML anchors", () => {
  const labels = { app: "x" };
  const manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels }, data: { copy: "1" }, extra: labels };
  const text = toYaml(manifest as object);
  assert.not.match(text, /[&*]ref/);
  assert.equal(load(text), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels }, data: { copy: "1" }, extra: labels });
});

test("a workload's companions (Service, autoscaler) are written after it, as .manifests() lists them", () => {
  const web = deployment("web").container((c) => c.image("nginx").port("http", 80)).service();
  const text = toYaml(web, job("x").image("a"));
  assert.equal(loadAll(text), [...web.manifests(), job("x").image("a").build()]);
  assert.equal((loadAll(text) as { kind: string }[]).map((m) => m.kind), ["Deployment", "Service", "Job"]);
});

test("builders are built by toYaml, so their validation applies", () => {
  assert.throws(() => toYaml(job("x").image("a").backoff(-1)), /spec.backoffLimit: expected an integer >= 0, received -1/);
});

// Property specs: toYaml writes its own block structure, so check it against js-yaml's `dump` on random data.

/** js-yaml's own `dump` of the manifest with apiVersion, kind, metadata (and metadata's name, ...) moved first. */
function reference(manifest: Record<string, unknown>): string {
  const first = (object: Record<string, unknown>, keys: string[]) => {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>; // own keys only
    for (const key of keys) if (key in object) out[key] = object[key];
    for (const key in object) if (!(key in out)) out[key] = object[key];
    return out;
  };
  const metadata = manifest["metadata"] as Record<string, unknown> | undefined;
  const ordered = { ...manifest, ...(metadata && { metadata: first(metadata, ["name", "generateName", "namespace", "labels", "annotations"]) }) };
  return dump(first(ordered, ["apiVersion", "kind", "metadata"]), { lineWidth: -1, noRefs: true });
}

/** `value` with every object's prototype set to Object.prototype (loaded mappings have it; fast-check's may not). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}

/** Whether a top-level key starts like a document marker: js-yaml 5.5's dump writes it plain, and cannot load it back. */
function hasMarkerKey(manifest: object): boolean {
  return Object.keys(manifest).some((key) => /^(?:---|\.\.\.)[ \t]/.test(key));
}

const trickyStrings = fc.constantFrom(
  "yes", "No", "on", "OFF", "y", "n", "~", "null", "NULL", "true", "0777", "0o17", "0x1F", "0b1", "12:30", "1:20:30.5", "1e3",
  "1_000", ".5", "-.inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<", "", " ", "  ", "a: b", "a:", ":a",
  "a #b", "#b", "- x", "-", "--version", "---", "...", "--- x", "? x", "\n", "a\n", "a\n\n", "\na", " a\nb", "a\n b", "a \nb",
  "a\n\n\nb\n", "\t", "x\ty", "a\r\nb", "\u0085", "\u00a0", "\u2028", "\ufeff", "\ud800", "é", "日本語", "😀", "'", '"', "a'b",
  "\\", "{a}", "[a]", "|", ">", "*x", "&x", "!x", "%x", "@x", "`x", "k8s.io/name", "docker.io/library/nginx:1.25",
  "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60", `${"word ".repeat(40)}end`, "x".repeat(1100),
);
const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.stringMatching(/^[-a-z0-9 .:#'"\n]{0,10}$/), fc.stringMatching(/^[-?:,[\]{}#&*!|>'"%@`~=<.+_0-9a-z yn \t]{0,6}$/), trickyStrings,
  // numbers, dates and times written as strings (`"17"`, `"1e3"`, `"12:30"`): quoted, never plain
  fc.integer().map(String), fc.double().map(String), fc.stringMatching(/^[-+0-9._:eExXoObB tTzZ]{1,10}$/));
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e21, 2 ** 53, 1e-7, 0.1, Number.NaN, Number.POSITIVE_INFINITY));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: "small" }, text, number, fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("json"), { maxLength: 4 }),
  object: fc.dictionary(text, tie("json"), { maxKeys: 4 }),
}));
const manifest = fc.record(
  {
    apiVersion: text,
    kind: text,
    metadata: fc.dictionary(fc.oneof(text, fc.constantFrom("name", "namespace", "labels", "annotations", "generateName")), json, { maxKeys: 5 }),
    spec: json,
    data: fc.dictionary(text, json, { maxKeys: 4 }),
  },
  { requiredKeys: [] },
).chain((known) => fc.dictionary(text, json, { maxKeys: 3 }).map((rest) => ({ ...rest, ...known })));

test("property: JSON-like manifests load back exactly, with YAML 1.2 and YAML 1.1 readers, as js-yaml's dump does", () => {
  fc.assert(
    fc.property(manifest, (m) => {
      const text = toYaml(m as never);
      assert.equal(load(text), plain(m));
      assert.equal(load(text, { schema: YAML11_SCHEMA }), plain(m));
      // js-yaml 5.5's own dump of a top-level key `--- x` does not load (see below).
      if (!hasMarkerKey(m)) assert.equal(load(text), load(dump(m, { lineWidth: -1, noRefs: true })));
    }),
    { numRuns: 200 },
  );
});

test("property: the bytes are js-yaml's dump of the reordered manifest", () => {
  fc.assert(
    fc.property(manifest, (m) => {
      fc.pre(!hasMarkerKey(m));
      assert.is(toYaml(m as never), reference(m));
    }),
    { numRuns: 200 },
  );
});

// toYaml decides most strings itself (see `readsAsString` in lib/output/yaml.ts): these check it against js-yaml on
// strings near every boundary of the dump schema's null, bool, int, float, timestamp and merge forms.

/** Strings that may read as something other than a string, and their neighbours. */
const lookalikes = fc.oneof(
  // numbers, dates and times: every character these forms use, after each character they may start with
  fc.stringMatching(/^[-+.0-9][-+0-9._:eExXoObBa-fA-FiInNtTzZ ]{0,12}$/),
  fc.stringMatching(/^[0-9][0-9.]{0,8}$/),
  fc.stringMatching(/^[-+]?(?:0[xob])?[0-9a-fA-F_]{1,6}(?:[.:][0-9]{0,3}){0,2}(?:[eE][-+]?[0-9]{1,3})?$/),
  fc.stringMatching(/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN|iNf|na)$/),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.stringMatching(/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{0,4})?(?: ?Z| ?[-+][0-9]{1,2}(?::[0-9]{2})?)?)?$/),
  // digits and dots around 300 digits, where a number stops being finite (past about 308 digits)
  fc.tuple(fc.integer({ min: 1, max: 420 }), fc.constantFrom("", ".", ".5", ".1.2", "e3")).map(([n, end]) => `${"9".repeat(n)}${end}`),
  // null, bools, merge: the words, their cases, prefixes and longer words
  fc.constantFrom("y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "nO", "on", "On", "ON", "oN", "off", "Off", "OFF",
    "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "falsey", "null", "Null", "NULL", "nULL", "nulls", "~", "~~", "<<", "<<<", "<"),
  fc.stringMatching(/^[yYnNtTfFoO~<][a-zA-Z<~]{0,6}$/),
);

/** A manifest with `text` as a key and as a value, at the top level, nested, and in a sequence. */
const holding = (text: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, [text]: text, data: { [text]: text, list: [text, [text]] } });

test("property: strings that may read as numbers, dates, bools or null are written as js-yaml's dump writes them", () => {
  fc.assert(
    fc.property(lookalikes, (text) => {
      const manifest = holding(text);
      assert.equal(load(toYaml(manifest), { schema: YAML11_SCHEMA }), manifest);
      // js-yaml's own dump writes a top-level key `... x` plain, which reads as a document end (see hasMarkerKey)
      if (!hasMarkerKey(manifest)) assert.is(toYaml(manifest), reference(manifest));
    }),
    { numRuns: 3000 },
  );
});

test("js-yaml's dump schema starts its non-string forms with the characters toYaml's shortcuts assume", () => {
  // readsAsString: after a digit, `-`, `+` or `.` only numbers (and, after a digit, timestamps) can follow; after any
  // other character, only the short words of null, bool and merge.
  const tagsByFirst = (char: string) =>
    DUMP_SCHEMA.tags.filter((tag) => tag.nodeKind === "scalar" && tag.implicit && (tag.implicitFirstChars === null || tag.implicitFirstChars.includes(char)))
      .map((tag) => tag.tagName.replace("tag:yaml.org,2002:", "")).sort();
  for (const digit of "0123456789") assert.equal(tagsByFirst(digit), ["float", "int", "timestamp"], digit);
  for (const sign of "-+") assert.equal(tagsByFirst(sign), ["float", "int"], sign);
  assert.equal(tagsByFirst("."), ["float"]);
  for (let code = 32; code < 127; code++) {
    const char = String.fromCharCode(code);
    if (!"0123456789-+.".includes(char)) assert.ok(tagsByFirst(char).every((tag) => ["bool", "merge", "null"].includes(tag)), char);
  }
  // null, bool and merge read only words of at most 5 characters
  for (const tag of DUMP_SCHEMA.tags) {
    if (tag.nodeKind !== "scalar" || !tag.implicit || !["bool", "merge", "null"].some((name) => tag.tagName.endsWith(`:${name}`))) continue;
    for (const word of ["false_", "FALSEx", "nullnull", "<<<<<<"]) assert.is(tag.resolve(word, false, tag.tagName), NOT_RESOLVED, word);
  }
});

test("long keys: plain up to 1,024 characters as js-yaml writes them, then js-yaml's explicit `? key` form", () => {
  for (const length of [1022, 1023, 1024, 1025]) {
    for (const key of ["k".repeat(length), "9".repeat(length)]) {
      const manifest = { apiVersion: "v1", kind: "X", metadata: { name: "x" }, data: { [key]: 1 } };
      assert.is(toYaml(manifest), reference(manifest), `${key[0]} x ${length}`);
    }
  }
});

test("an enumerable key added to Object.prototype is not written (js-yaml's dump writes own keys)", () => {
  const manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "1" } };
  const before = toYaml(manifest);
  Object.defineProperty(Object.prototype, "polluted", { value: "yes", enumerable: true, configurable: true, writable: true });
  try {
    assert.is(toYaml(manifest), before);
  } finally {
    delete (Object.prototype as { polluted?: unknown }).polluted;
  }
});

test("top-level keys that would read as document markers are quoted", () => {
  const manifest = { apiVersion: "v1", kind: "X", metadata: { name: "x" }, "--- a": 1, "... b": { "--- c": 2 }, "---": 3 };
  const text = toYaml(manifest);
  assert.is(text, "apiVersion: v1\nkind: X\nmetadata:\n  name: x\n'--- a': 1\n'... b':\n  --- c: 2\n---: 3\n");
  assert.equal(load(text), manifest);
  const general = { ...manifest, "two\nlines": 4 }; // written by js-yaml's dump, with the same quoting
  assert.equal(load(toYaml(general)), general);
  assert.ok(toYaml(general).includes("\n'--- a': 1\n"));
});

test("property: several manifests in one call are the documents of one call each, joined by ---", () => {
  fc.assert(
    fc.property(fc.array(manifest, { maxLength: 4 }), (ms) => {
      assert.is(toYaml(ms as never), ms.map((m) => toYaml(m as never)).join("---\n"));
      assert.equal(loadAll(toYaml(ms as never)), plain(ms));
    }),
    { numRuns: 100 },
  );
});

test("property: toYamlDocuments yields toYaml's documents one by one, later ones with their --- line", () => {
  fc.assert(
    fc.property(fc.array(manifest, { maxLength: 4 }), (ms) => {
      const documents = [...toYamlDocuments(ms as never)];
      assert.is(documents.length, ms.length);
      assert.is(documents.join(""), toYaml(ms as never));
      documents.forEach((document, i) => assert.is(document, i === 0 ? toYaml(ms[0] as never) : `---\n${toYaml(ms[i] as never)}`));
    }),
    { numRuns: 100 },
  );
});

test("toYamlDocuments builds each builder only when its document is asked for, companions included", () => {
  const built: string[] = [];
  const spy = (name: string) => ({ build: () => (built.push(name), job(name).image("busybox").build()) });
  const web = deployment("web").container((c) => c.image("nginx").port("http", 80)).service();
  const [a, deployed, serviced, b] = [toYaml(job("a").image("busybox")), ...web.manifests().map((m) => toYaml(m)), toYaml(job("b").image("busybox"))];
  const documents = toYamlDocuments(spy("a"), [web, spy("b")]);
  assert.equal(built, []);
  assert.is(documents.next().value, a);
  assert.equal(built, ["a"]);
  assert.is(documents.next().value, `---\n${deployed}`);
  assert.is(documents.next().value, `---\n${serviced}`);
  assert.equal(built, ["a"]);
  assert.is(documents.next().value, `---\n${b}`);
  assert.equal(built, ["a", "b"]);
  assert.ok(documents.next().done);
  assert.equal([...toYamlDocuments()], []);
  assert.is(toYaml(), "");
});

test("many documents in one call are joined exactly (without a second copy of them)", () => {
  const jobs = Array.from({ length: 1001 }, (_, i) => job(`j-${i}`).image(`busybox:${i}`));
  assert.is(toYaml(jobs), jobs.map((j) => toYaml(j)).join("---\n"));
});

test("conventional block layout: nested sequences, empty collections, multi-line strings", () => {
  const manifest = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x" },
    data: { script: "set -e\n  echo hi\n", empty: "" },
    list: [[1, [true, null]], { a: [], b: {} }, []],
  };
  const text = toYaml(manifest);
  assert.is(text, `apiVersion: v1
kind: ConfigMap
metadata:
  name: x
data:
  script: |
    set -e
      echo hi
  empty: ''
list:
  - - 1
    - - true
      - null
  - a: []
    b: {}
  - []
`);
});

test("keys named like Object.prototype members are kept", () => {
  const manifest = JSON.parse('{"apiVersion":"v1","kind":"X","metadata":{"name":"x","toString":"a","__proto__":"b"},"constructor":1,"hasOwnProperty":2}') as object;
  const text = toYaml(manifest);
  assert.is(text, "apiVersion: v1\nkind: X\nmetadata:\n  name: x\n  toString: a\n  __proto__: b\nconstructor: 1\nhasOwnProperty: 2\n");
  assert.equal(load(text), manifest);
});

test("undefined is left out of mappings and written as null in sequences, like JSON", () => {
  const text = toYaml({ apiVersion: "v1", kind: "List", metadata: { name: "x", namespace: undefined }, items: [undefined, 1], gone: undefined } as object);
  assert.is(text, "apiVersion: v1\nkind: List\nmetadata:\n  name: x\nitems:\n  - null\n  - 1\n");
});

test("a last string kept with its trailing blank lines ends its document with ...", () => {
  const a = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { text: "line\n\n" } };
  const text = toYaml(a, a);
  const document = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  text: |+\n    line\n\n...\n";
  assert.is(text, `${document}---\n${document}`);
  assert.equal(loadAll(text), [a, a]);
});

test("what is not JSON-like is written by js-yaml's dump: dates, multi-line and very long keys", () => {
  const longKey = "k".repeat(1100);
  const odd = { apiVersion: "v1", kind: "X", metadata: { name: "x" }, at: new Date(0), "two\nlines": 1, [longKey]: 2 };
  assert.is(toYaml(odd as object), reference(odd));
  assert.equal(load(toYaml(odd as object), { schema: YAML11_SCHEMA }), odd);
});

test("values YAML cannot hold are rejected, as by js-yaml's dump", () => {
  assert.throws(() => toYaml({ apiVersion: "v1", kind: "X", metadata: { name: "x" }, f: () => 1 } as object), /unacceptable kind/);
  assert.throws(() => toYaml({ apiVersion: "v1", kind: "X", metadata: { name: "x" }, n: 1n } as object), /unacceptable kind/);
});

test("many distinct names in one call (beyond the scalar cache) still load back exactly", () => {
  const jobs = Array.from({ length: 12_000 }, (_, i) => job(`job-${i}`).image(i % 2 ? "yes" : `img:${i}`).labels({ n: `${i}` }));
  const text = toYaml(jobs);
  assert.equal(loadAll(text), jobs.map((j) => j.build()));
  assert.is(toYaml(jobs), text);
});

test.run();
