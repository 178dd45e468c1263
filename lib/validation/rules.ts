import { characterClasses, type Rule } from "../internal/errors.js";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// Printable ASCII but "=": the rule since Kubernetes 1.34 (on by default since 1.32).
const ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
const IANA_SERVICE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const isString = (v: unknown): v is string => typeof v === "string";

/** A DNS-1123 label: Namespaces, container names, most names that become hostnames. */
export const dnsLabel: Rule = {
  expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)',
  test: (v) => isString(v) && v.length <= 63 && DNS_LABEL.test(v),
};

// Made once per rule, like the rules made from arguments below.
const emptyOrs = new WeakMap<Rule, Rule>();

/** `rule`, or `""`, which the API server reads as unset and fills with Kubernetes' default. */
export function emptyOr(rule: Rule): Rule {
  let empty = emptyOrs.get(rule);
  if (empty === undefined) {
    empty = { expected: `${rule.expected}, or "" for Kubernetes' default`, test: (v) => v === "" || rule.test(v) };
    emptyOrs.set(rule, empty);
  }
  return empty;
}

/** A name that is one segment of a URL path: not empty, "." or "..", and without "/" or "%". */
export const pathSegmentName: Rule = {
  expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"',
  test: (v) => isString(v) && v !== "" && v !== "." && v !== ".." && !/[/%]/.test(v),
};

/** A DNS-1123 subdomain: the name of most objects (Secrets, ServiceAccounts, ConfigMaps). */
export const dnsSubdomain: Rule = {
  expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)',
  test: (v) => isString(v) && v.length <= 253 && DNS_SUBDOMAIN.test(v),
};

/** A DNS-1123 subdomain that is also a valid label value (<= 63): names Kubernetes copies into a label, as a Job's. */
export const shortDnsSubdomain: Rule = {
  expected: 'a DNS-1123 subdomain of at most 63 characters (lowercase letters, digits, "-" or ".", starting and ending with a letter or digit), since Kubernetes copies it into a label',
  test: (v) => isString(v) && v.length <= 63 && DNS_SUBDOMAIN.test(v),
};

// Keys that passed lately: label and annotation keys repeat in every object. Cleared when full.
const knownKeys = new Set<string>();

/** A label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
export const qualifiedName: Rule = {
  expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
  test: (v) => {
    if (!isString(v)) return false;
    if (knownKeys.has(v)) return true;
    if (!isQualifiedName(v)) return false;
    if (knownKeys.size >= 4096) knownKeys.clear();
    knownKeys.add(v);
    return true;
  },
};

function isQualifiedName(v: string): boolean {
  const slash = v.indexOf("/");
  const name = slash === -1 ? v : v.slice(slash + 1);
  if (slash !== -1 && !dnsSubdomain.test(v.slice(0, slash))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** A label value: empty, or at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric. */
export const labelValue: Rule = {
  expected: 'a label value (empty, or at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit)',
  test: (v) => isString(v) && (v === "" || (v.length <= 63 && QUALIFIED_NAME.test(v))),
};

/** An annotation value: any string. */
export const anyString: Rule = { expected: "a string", test: isString };

/** A non-empty string (images, commands). */
export const nonEmptyString: Rule = { expected: "a non-empty string", test: (v) => isString(v) && v.length > 0 };

/** An environment variable name, as the API server accepts it since Kubernetes 1.32. */
export const envVarName: Rule = {
  expected: 'an environment variable name (printable ASCII characters other than "=")',
  test: (v) => isString(v) && ENV_VAR_NAME.test(v),
};

/** A port name (IANA service name): at most 15 lowercase letters, digits and "-", with a letter, no "--". */
export const portName: Rule = {
  expected: 'a port name (at most 15 lowercase letters, digits or "-", with at least one letter, no leading, trailing or double "-")',
  test: (v) => isString(v) && v.length <= 15 && IANA_SERVICE_NAME.test(v) && /[a-z]/.test(v) && !v.includes("--"),
};

/** A TCP/UDP port number. */
export const portNumber: Rule = {
  expected: "an integer from 1 to 65535",
  test: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535,
};

const INT32_MAX = 2_147_483_647;

// Rules made from arguments are immutable, so each is made once and remembered: builds ask for them on every
// object, and a new closure and message per call was a fifth of build(). The maps are bounded (cleared when full),
// since some arguments come from callers (an HPA's maxReplicas is checked against its minReplicas).
const atLeast = new Map<number, Rule>();
const int64sAtLeast = new Map<number, Rule>();
const between = new Map<string, Rule>();
const choices = new Map<string, Rule>();

function remember<K>(rules: Map<K, Rule>, key: K, rule: Rule): void {
  if (rules.size >= 1024) rules.clear();
  rules.set(key, rule);
}

/** An int32 at least `min`. */
export function integerAtLeast(min: number): Rule {
  let rule = atLeast.get(min);
  if (rule === undefined) {
    rule = { expected: `an integer >= ${min}`, test: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= INT32_MAX };
    remember(atLeast, min, rule);
  }
  return rule;
}

/** An int64 (within the integers JavaScript holds exactly). */
export const int64: Rule = { expected: "an integer", test: (v) => Number.isSafeInteger(v) };

/** An int64 at least `min` (within the integers JavaScript holds exactly). */
export function int64AtLeast(min: number): Rule {
  let rule = int64sAtLeast.get(min);
  if (rule === undefined) {
    rule = { expected: `an integer >= ${min}`, test: (v) => Number.isSafeInteger(v) && (v as number) >= min };
    remember(int64sAtLeast, min, rule);
  }
  return rule;
}

/** An integer from `min` to `max`. */
export function integerBetween(min: number, max: number): Rule {
  const key = `${min} ${max}`;
  let rule = between.get(key);
  if (rule === undefined) {
    rule = { expected: `an integer from ${min} to ${max}`, test: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max };
    remember(between, key, rule);
  }
  return rule;
}

/** One of a fixed set of strings. */
export function oneOf(values: readonly string[]): Rule {
  const key = values.join("\0");
  let rule = choices.get(key);
  if (rule === undefined) {
    const allowed = [...values];
    rule = { expected: `one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`, test: (v) => isString(v) && allowed.includes(v) };
    remember(choices, key, rule);
  }
  return rule;
}

/** A boolean. */
export const boolean: Rule = { expected: "true or false", test: (v) => typeof v === "boolean" };

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap or Secret key: letters, digits, "-", "_" or "." (not ".", not starting with ".."), at most 253 characters. */
export const configKey: Rule = {
  expected: 'a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")',
  test: (v) => isString(v) && v.length <= 253 && CONFIG_KEY.test(v) && v !== "." && !v.startsWith(".."),
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding, as Kubernetes decodes `data` values (Go's decoder skips line breaks). */
export const base64: Rule = {
  expected: "base64 text (standard alphabet, padded)",
  test: (v) => isString(v) && BASE64.test(v.replace(/[\r\n]/g, "")),
  wrong: (v) => {
    if (!isString(v)) return "not a string";
    const text = v.replace(/[\r\n]/g, "");
    const outside = characterClasses(text.replace(/[A-Za-z0-9+/=]/g, ""));
    const reasons = [
      ...(outside.length === 0 ? [] : [`${outside.join(", ")} outside the base64 alphabet (letters, digits, "+", "/", "=" padding)`]),
      ...(text.length % 4 === 0 ? [] : [`a length that is not a multiple of 4 (padding missing?)`]),
      ...(/=[^=]/.test(text) ? ['"=" before the end'] : []),
    ];
    return `not base64: ${reasons.length === 0 ? "bad padding" : reasons.join("; ")}`;
  },
};
