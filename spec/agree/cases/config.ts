// ConfigMap and Secret keys, data, sizes and Secret types.
import { configMap, secret } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { label } from "./values.js";

const KEYS = ["a", "A", "a.b", ".a", "..a", "a..", "-", "_", "a-b_c.d", ".", "..", "", "a/b", "a b", "a:b", "ä", "a~", label(253), label(254)];
const BASE64 = ["", "YQ==", "YWI=", "YWJj", "YQ", "YQ=", "YQ===", "Y Q==", "YQ==\n", "YW\nJj", "-_8=", "+/8=", "!!!!", "YWJj\r\n"];
// the stored size limit of a ConfigMap's or Secret's values
const MIB = 1024 * 1024;

/** A Secret of `type` with `keys` in stringData. */
const typed = (type: string, stringData: Record<string, string>) => secret("s").type(untyped(type)).stringData(stringData);

export const configCases: Case[] = [
  ...each("config keys", "ConfigMap", "data key", KEYS, (k) => configMap("c").data({ [k]: "v" })),
  ...each("config keys", "ConfigMap", "binaryData key", KEYS, (k) => configMap("c").binaryData({ [k]: "YQ==" })),
  ...each("config keys", "Secret", "data key", KEYS, (k) => secret("s").data({ [k]: "YQ==" })),
  ...each("config keys", "Secret", "stringData key", KEYS, (k) => secret("s").stringData({ [k]: "v" })),
  ...each("config data", "ConfigMap", "binaryData value", BASE64, (v) => configMap("c").binaryData({ a: v })),
  ...each("config data", "Secret", "data value", BASE64, (v) => secret("s").data({ a: v })),
  ...each("config data", "ConfigMap", "data and binaryData with the same key", ["a"], (k) => configMap("c").data({ [k]: "x" }).binaryData({ [k]: "YQ==" })),
  ...each("config data", "ConfigMap", "data value size (bytes)", [MIB - 1, MIB, MIB + 1], (n) => configMap("c").data({ a: "x".repeat(n) })),
  ...each("config data", "ConfigMap", "data + binaryData size (bytes)", [MIB, MIB + 1], (n) => configMap("c").data({ a: "x".repeat(n - 3) }).binaryData({ b: "YWJj" })),
  ...each("config data", "Secret", "stringData value size (bytes)", [MIB, MIB + 1], (n) => secret("s").stringData({ a: "x".repeat(n) })),
  ...each("config data", "ConfigMap", "immutable", [true, false, untyped("true")], (v) => configMap("c").immutable(v)),
  ...each("secret types", "Secret", "type (with key a)", ["Opaque", "", "opaque", "foo", "example.com/foo", "a/b/c", "kubernetes.io/foo", label(300)], (t) => typed(t, { a: "v" })),
  ...each("secret types", "Secret", "type kubernetes.io/tls with keys", [["tls.crt", "tls.key"], ["tls.crt"], ["tls.key"], []], (keys) =>
    typed("kubernetes.io/tls", Object.fromEntries(keys.map((k) => [k, "x"])))),
  ...each("secret types", "Secret", "type kubernetes.io/basic-auth with keys", [["username"], ["password"], ["username", "password"], ["user"]], (keys) =>
    typed("kubernetes.io/basic-auth", Object.fromEntries(keys.map((k) => [k, "x"])))),
  ...each("secret types", "Secret", "type kubernetes.io/ssh-auth with ssh-privatekey", ["key", ""], (v) => typed("kubernetes.io/ssh-auth", { "ssh-privatekey": v })),
  ...each("secret types", "Secret", "type kubernetes.io/dockerconfigjson with .dockerconfigjson", ['{"auths":{}}', "{}", "[]", "x", ""], (v) => typed("kubernetes.io/dockerconfigjson", { ".dockerconfigjson": v })),
  ...each("secret types", "Secret", "type kubernetes.io/dockercfg with .dockercfg", ["{}", "[]", "x"], (v) => typed("kubernetes.io/dockercfg", { ".dockercfg": v })),
  ...each("secret types", "Secret", "type kubernetes.io/service-account-token, annotation kubernetes.io/service-account.name", ["default", "", undefined], (name) =>
    name === undefined ? typed("kubernetes.io/service-account-token", {}) : typed("kubernetes.io/service-account-token", {}).annotations({ "kubernetes.io/service-account.name": name })),
  ...each("secret types", "Secret", "type bootstrap.kubernetes.io/token with keys", [[], ["token-id"]], (keys) => typed("bootstrap.kubernetes.io/token", Object.fromEntries(keys.map((k) => [k, "x"])))),
];
