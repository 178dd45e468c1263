import type { Rule } from "../internal/errors.js";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether `text` is an IPv4 address in dotted decimal (no leading zeros, as Kubernetes parses them). */
export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** Whether `text` is an IPv6 address (hex groups, at most one `::`, an IPv4 tail allowed). */
function isIPv6(text: string): boolean {
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text) || (text.match(/::/g) ?? []).length > 1) return false;
  const groups = text.split(":");
  const tail = groups.at(-1)!;
  const hasV4 = tail.includes(".");
  if (hasV4 && !IPV4.test(tail)) return false;
  const hex = hasV4 ? groups.slice(0, -1) : groups;
  const count = hex.filter((g) => g !== "").length + (hasV4 ? 2 : 0);
  return hex.every((g) => g === "" || /^[0-9a-fA-F]{1,4}$/.test(g)) && (text.includes("::") ? count < 8 : count === 8);
}

/** An IPv4 address as a number. */
const ipv4Bits = (address: string) => address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);

/** An IPv4 or IPv6 address; not an IPv4-mapped IPv6 one (`::ffff:10.1.2.3`: the API server refuses them). */
export const ipAddress: Rule = {
  expected: 'an IP address such as "10.1.2.3" or "fd00::1" (not IPv4-mapped IPv6)',
  test: (v) => typeof v === "string" && (IPV4.test(v) || (isIPv6(v) && !isIPv4Mapped(ipv6Groups(v)))),
};

function isIPv4Mapped(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

/** The 8 16-bit groups of an IPv6 address (an IPv4 tail as two groups). */
function ipv6Groups(text: string): number[] {
  const tail = text.includes(".") ? text.slice(text.lastIndexOf(":") + 1) : "";
  const head = tail ? text.slice(0, text.length - tail.length) : text;
  const v4 = tail ? [ipv4Bits(tail) >>> 16, ipv4Bits(tail) & 0xffff] : [];
  const [left = "", right] = head.split("::");
  const parse = (part: string) => part.split(":").filter((g) => g !== "").map((g) => parseInt(g, 16));
  const before = parse(left);
  const after = [...(right === undefined ? [] : parse(right)), ...v4];
  return right === undefined ? [...before, ...v4] : [...before, ...Array(8 - before.length - after.length).fill(0), ...after];
}

/**
 * An address traffic can be sent to (a Service's `externalIPs`): not unspecified, loopback, link-local or link-local
 * multicast, as the API server requires.
 */
export const endpointAddress: Rule = {
  expected: 'an IP address such as "203.0.113.10" (not IPv4-mapped IPv6) that is not unspecified (0.0.0.0, ::), loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) or link-local multicast (224.0.0.0/24, ff02::/16)',
  test: (v) => {
    if (!ipAddress.test(v)) return false;
    const text = v as string;
    if (IPV4.test(text)) {
      const [a, b, c] = text.split(".").map(Number) as [number, number, number];
      return !(text === "0.0.0.0" || a === 127 || (a === 169 && b === 254) || (a === 224 && b === 0 && c === 0));
    }
    const groups = ipv6Groups(text);
    const first = groups[0]!;
    const unspecified = groups.every((g) => g === 0);
    const loopback = groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
    return !(unspecified || loopback || (first & 0xffc0) === 0xfe80 || (first & 0xff0f) === 0xff02);
  },
};

/** A CIDR: an IPv4 address and a prefix of 0–32, or an IPv6 address and a prefix of 0–128. */
export const cidr: Rule = {
  expected: 'a CIDR such as "10.0.0.0/8" or "fd00::/8"',
  test: (v) => {
    if (typeof v !== "string") return false;
    const [address = "", prefix, ...rest] = v.split("/");
    // no leading zeros, and no IPv4 address bits set beyond the prefix (the API server's checks)
    if (prefix === undefined || rest.length > 0 || !/^(0|[1-9]\d{0,2})$/.test(prefix)) return false;
    if (IPV4.test(address)) return Number(prefix) <= 32 && ipv4Bits(address) % 2 ** (32 - Number(prefix)) === 0;
    return isIPv6(address) && Number(prefix) <= 128;
  },
};
