// ConfigMaps and Secrets from files: text and binary content, env-file keys, hashed names at the length limit.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configMap, secret } from "../../../lib/index.js";
import { each, type Case } from "../case.js";

const folder = mkdtempSync(join(tmpdir(), "piceli-agree-files-"));
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(folder, name), content);
  return join(folder, name);
};
const site = new URL("../../../examples/config/site/", import.meta.url);
const CONTENTS: (string | Buffer)[] = [
  "text\n", "", "ä\r\n\t", Buffer.from([0xff]), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xef, 0xbb, 0xbf, 0x41]),
];
const ENV_KEYS = ["A", "a.b", "-x", ".x", "_x", "x-y", "x".repeat(253)];

export const fileCases: Case[] = [
  ...each("config files", "ConfigMap", "fromFile content", CONTENTS, (content) => configMap("c").fromFile("f", file(`content-${CONTENTS.indexOf(content)}`, content))),
  ...each("config files", "Secret", "fromFile content", CONTENTS, (content) => secret("s").fromFile("f", file(`content-${CONTENTS.indexOf(content)}`, content))),
  ...each("config files", "ConfigMap", "fromFiles (examples/config/site/)", [site], (f) => configMap("site").fromFiles(f)),
  ...each("config files", "ConfigMap", "fromEnvFile key", ENV_KEYS, (key) => configMap("c").fromEnvFile(file(`env-${ENV_KEYS.indexOf(key)}`, `${key}=v\n`))),
  ...each("config files", "ConfigMap", "hashed name length", [1, 242, 243], (n) => configMap("a".repeat(n)).data({ a: "1" }).hashed()),
  ...each("config files", "Secret", "hashed name length", [242, 243], (n) => secret("a".repeat(n)).stringData({ a: "1" }).hashed()),
];
