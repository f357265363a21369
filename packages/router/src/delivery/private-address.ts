import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/*
 * Server-side request forgery guard for webhook URLs: with `blockPrivate`, a delivery may reach only
 * public addresses. The check runs on the address a connection is about to use (the `lookup` of
 * node:net), not on the URL's text, so a name that resolves to a private address, or re-resolves to
 * one after a first check (DNS rebinding), is refused too.
 */

/** Ranges no webhook of a multi-tenant server should reach (IANA special-purpose registries). */
const privateRanges = (() => {
  const list = new BlockList();
  const ipv4: [string, number][] = [
    ["0.0.0.0", 8], // "this network", 0.0.0.0 included (RFC 791, RFC 1122 §3.2.1.3)
    ["10.0.0.0", 8], // private (RFC 1918)
    ["100.64.0.0", 10], // carrier-grade NAT (RFC 6598)
    ["127.0.0.0", 8], // loopback (RFC 1122)
    ["169.254.0.0", 16], // link-local, cloud metadata services among them (RFC 3927)
    ["172.16.0.0", 12], // private (RFC 1918)
    ["192.0.0.0", 24], // IETF protocol assignments (RFC 6890)
    ["192.168.0.0", 16], // private (RFC 1918)
    ["198.18.0.0", 15], // benchmarking (RFC 2544)
    ["224.0.0.0", 4], // multicast (RFC 5771)
    ["240.0.0.0", 4], // reserved, 255.255.255.255 included (RFC 1112)
  ];
  const ipv6: [string, number][] = [
    ["::", 96], // unspecified `::`, loopback `::1` and the deprecated IPv4-compatible form (RFC 4291 §2.5)
    ["fc00::", 7], // unique local (RFC 4193)
    ["fe80::", 10], // link-local (RFC 4291 §2.5.6)
    ["fec0::", 10], // deprecated site-local (RFC 3879)
    ["ff00::", 8], // multicast (RFC 4291 §2.7)
  ];
  for (const [network, prefix] of ipv4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of ipv6) list.addSubnet(network, prefix, "ipv6");
  return list;
})();

/**
 * Whether an IP address is loopback, private (RFC 1918, unique local), link-local, CGNAT,
 * unspecified, multicast or reserved, IPv4-mapped IPv6 forms (`::ffff:127.0.0.1`) included (node's
 * BlockList matches them against the IPv4 ranges). Text that is no IP address counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return true;
  return privateRanges.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** The error a refused connection fails with; its code names the reason in the delivery's error. */
export class PrivateAddressError extends Error {
  readonly code = "ERR_PRIVATE_ADDRESS";
  constructor(readonly address: string) {
    super(`refused: ${address} is a private address`);
  }
}

/**
 * A `lookup` for node:net that resolves as node does and fails with {@link PrivateAddressError} when
 * any address the name resolves to is private (one private answer among public ones is refused too).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, "", 0);
      return;
    }
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    const first = addresses[0];
    if (refused || !first) {
      callback(new PrivateAddressError(refused?.address ?? hostname), "", 0);
    } else if (options.all) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  });
};
