// The compiler's messages for the mistakes a new user makes: each must name the problem and the fix. One TypeScript
// program checks every snippet (each a file of its own) and the README's "Typing your own helpers" code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../..", import.meta.url));
const header = 'import { container, deployment, job, type Resources } from "piceli";\n';

/** Snippets that must not compile, each with a text the compiler's message must contain. */
const failing: Record<string, { code: string; says: string }> = {
  "named container without an image": {
    code: 'deployment("x").image("a").container("side", (c) => c.command("run"));',
    says: "this container has no image: call .image(ref) on it",
  },
  "standalone container without an image": {
    code: 'deployment("x").image("a").container(container("side").command("run"));',
    says: "this container has no image: call .image(ref) on it",
  },
  "init container without an image": {
    code: 'job("x").image("a").initContainer("setup", (c) => c.command("run"));',
    says: "this container has no image: call .image(ref) on it",
  },
  "a helper typed after a new builder": {
    code: 'function app() { return deployment("cart"); }\nfunction scaled(d: ReturnType<typeof app>) { return d.replicas(2); }\nscaled(deployment("cart").image("cart:1"));',
    says: "a helper's parameter for any workload: type it DeploymentBuilder",
  },
  "a helper typed after a ready builder, given one with a container added by name": {
    code: 'function app() { return deployment("cart").image("cart:1"); }\nfunction scaled(d: ReturnType<typeof app>) { return d.replicas(2); }\nscaled(deployment("cart").image("cart:1").container("proxy", (c) => c.image("envoy:1")));',
    says: `Type '"proxy"' is not assignable to type '"no container added by name (a helper's parameter for any workload: type it DeploymentBuilder, JobBuilder, …)"'`,
  },
  "a resources preset without as const": {
    code: 'const small = { cpu: "100m", memory: "64Mi" };\ndeployment("x").image("a").container((c) => c.requests(small));',
    says: "this quantity is typed string, not a Quantity: write the preset object `as const`, or give it the type Resources",
  },
  "a limits preset without as const, through .resources()": {
    code: 'const small = { memory: "64Mi" };\ndeployment("x").image("a").container((c) => c.resources({ limits: small }));',
    says: "write the preset object `as const`, or give it the type Resources",
  },
  "a resource name that is not one": {
    code: 'deployment("x").image("a").container((c) => c.requests({ gpu: "1" }));',
    says: 'not a resource name: use cpu, memory, ephemeralStorage, hugepages-<size> or an extended resource such as \\"nvidia.com/gpu\\"',
  },
  "a quantity that is not one": {
    code: 'deployment("x").image("a").container((c) => c.limits({ memory: "2 GB" }));',
    says: "is not assignable to type 'Quantity | undefined'",
  },
  ".resources() with a misspelled key": {
    code: 'deployment("x").image("a").container((c) => c.resources({ request: { cpu: "1" } }));',
    says: "'request' does not exist",
  },
  "the main container named, edited without an image, then built": {
    code: 'deployment("cart", { container: "server" }).container("server", (c) => c.port(7070)).build();',
    says: "main container has no image: call .image()",
  },
};

/** Their twins, which compile. */
const compiling = `
deployment("x").image("a").container("side", (c) => c.image("side:1").command("run"));
deployment("x").image("a").container(container("side").image("side:1").command("run"));
job("x").image("a").initContainer("setup", (c) => c.image("setup:1").command("run"));
const small = { cpu: "100m", memory: "64Mi" } as const;
const typed: Resources = { cpu: "100m", memory: "64Mi" };
deployment("x").image("a").container((c) => c.requests(small).limits(typed).requests({ "nvidia.com/gpu": "1" }));
deployment("x").image("a").container((c) => c.resources({ requests: small, limits: { memory: "128Mi" } }));
deployment("x").image("a").container((c) => c.env([{ name: "LOG_LEVEL", value: "debug" }]));
deployment("cart", { container: "server" }).image("cart:1").container("server", (c) => c.port(7070)).build();
deployment("cart", { container: "server" }).container("server", (c) => c.image("cart:1").port(7070)).build();
function app() { return deployment("cart").image("cart:1"); }
function scaled(d: ReturnType<typeof app>) { return d.replicas(2); }
scaled(deployment("cart").image("cart:1"));
`;

/** The README's "Typing your own helpers" code blocks. */
function readmeHelpers(): string[] {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const start = readme.indexOf("\n### Typing your own helpers\n");
  assert.ok(start > 0, "the README has a section \"Typing your own helpers\"");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const files = new Map<string, string>();
const path = (name: string) => `${root}spec/types/messages/${name.replace(/[^a-z0-9]+/gi, "-")}.ts`;
for (const [name, { code }] of Object.entries(failing)) files.set(path(name), header + code + "\nexport {};\n");
files.set(path("compiling twins"), header + compiling + "\nexport {};\n");
readmeHelpers().forEach((code, i) => files.set(path(`readme helpers ${i}`), code + "\nexport {};\n"));

const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.unreachable(String(d.messageText)) })!;
const host = ts.createCompilerHost(config.options);
const readFile = host.readFile.bind(host);
const getSourceFile = host.getSourceFile.bind(host);
host.fileExists = (file) => files.has(file) || ts.sys.fileExists(file);
host.readFile = (file) => files.get(file) ?? readFile(file);
host.getSourceFile = (file, language, onError) =>
  files.has(file) ? ts.createSourceFile(file, files.get(file)!, language) : getSourceFile(file, language, onError);
const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true }, host);
const messages = (name: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(path(name)))
  .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));

for (const [name, { says }] of Object.entries(failing)) {
  test(`type error, ${name}: the message says what to do`, () => {
    const found = messages(name);
    assert.ok(found.length > 0, `${name}: compiles, but must not`);
    assert.ok(found.some((m) => m.includes(says)), `${name}: no message contains ${JSON.stringify(says)}:\n${found.join("\n---\n")}`);
  });
}

test("their twins compile", () => {
  assert.equal(messages("compiling twins"), []);
});

test("the README's \"Typing your own helpers\" code compiles", () => {
  const blocks = readmeHelpers();
  assert.ok(blocks.length > 0);
  blocks.forEach((_, i) => assert.equal(messages(`readme helpers ${i}`), [], `README block ${i + 1}`));
});

test.run();
