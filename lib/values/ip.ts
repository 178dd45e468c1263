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

/** An IPv4 or IPv6 address. */
export const ipAddress: Rule = {
  expected: 'an IP address such as "10.1.2.3" or "fd00::1"',
  test: (v) => typeof v === "string" && (IPV4.test(v) || isIPv6(v)),
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
