import { describe, expect, it } from "vitest";
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./private-address.js";

describe("isPrivateAddress", () => {
  it.each([
    ["IPv4 loopback", "127.0.0.1"],
    ["another loopback address", "127.8.9.10"],
    ["0.0.0.0", "0.0.0.0"],
    ["RFC 1918 10/8", "10.1.2.3"],
    ["RFC 1918 172.16/12", "172.31.255.255"],
    ["RFC 1918 192.168/16", "192.168.0.1"],
    ["link-local (cloud metadata)", "169.254.169.254"],
    ["CGNAT", "100.64.0.1"],
    ["CGNAT's top", "100.127.255.254"],
    ["broadcast", "255.255.255.255"],
    ["multicast", "224.0.0.1"],
    ["IPv6 unspecified", "::"],
    ["IPv6 loopback", "::1"],
    ["IPv6 loopback, bracketed", "[::1]"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
    ["IPv4-mapped loopback in hex", "::ffff:7f00:1"],
    ["IPv4-mapped RFC 1918", "::ffff:10.0.0.1"],
    ["IPv4-mapped 0.0.0.0", "::ffff:0.0.0.0"],
    ["IPv4-compatible loopback", "::127.0.0.1"],
    ["unique local", "fd12:3456::1"],
    ["unique local fc00::/8", "fc00::1"],
    ["link-local IPv6", "fe80::1"],
    ["link-local IPv6 with a zone", "fe80::1%eth0"],
    ["not an address", "example.com"],
  ])("refuses %s", (_name, address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ["a public IPv4 address", "93.184.216.34"],
    ["just outside 172.16/12", "172.32.0.1"],
    ["just outside CGNAT", "100.128.0.1"],
    ["a public IPv6 address", "2606:2800:220:1:248:1893:25c8:1946"],
    ["an IPv4-mapped public address", "::ffff:93.184.216.34"],
  ])("allows %s", (_name, address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("publicOnlyLookup", () => {
  it("refuses a name that resolves to loopback", async () => {
    const error = await new Promise<unknown>((resolve) => {
      publicOnlyLookup("localhost", {}, (err) => resolve(err));
    });
    expect(error).toBeInstanceOf(PrivateAddressError);
  });
});
