import { execFileSync } from "node:child_process";

/**
 * A small internet in network namespaces (needs root; see shared/TESTING.md):
 *
 *   public segment 203.0.113.0/24 (a bridge in the "public" namespace, 203.0.113.1 — the
 *   signaling server and coturn run there)
 *   ├─ nat-a (203.0.113.11) ── home-a 10.1.0.2   NAT: MASQUERADE --random-fully
 *   ├─ nat-b (203.0.113.12) ── home-b 10.2.0.2   NAT: MASQUERADE --random-fully
 *   ├─ lan-c 203.0.113.21                        no NAT
 *   └─ lan-d 203.0.113.22                        no NAT
 *
 * The two homes cannot reach each other: neither knows a route to the other's private
 * network, and each NAT maps every destination to a fresh random port, so no hole can be
 * punched. The two LAN hosts reach each other directly.
 */
export interface NatLab {
  /** The address of the public namespace, where servers listen. */
  publicIp: string;
  /** The namespace of each place: `public`, `home-a`, `home-b`, `lan-c`, `lan-d`. */
  ns(place: Place): string;
  close(): void;
}

export type Place = "public" | "home-a" | "home-b" | "lan-c" | "lan-d";

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });

export function createNatLab(): NatLab {
  const tag = `np${process.pid % 100_000}`;
  const ns = (place: string) => `${tag}-${place}`;
  const inNs = (place: string, ...command: string[]) =>
    execFileSync("ip", ["netns", "exec", ns(place), ...command], { stdio: "pipe" });
  const places = ["public", "nat-a", "home-a", "nat-b", "home-b", "lan-c", "lan-d"];
  const close = () => {
    for (const place of places) {
      try {
        ip("netns", "del", ns(place));
      } catch {
        // Not created, or gone already.
      }
    }
  };
  try {
    for (const place of places) {
      ip("netns", "add", ns(place));
      inNs(place, "ip", "link", "set", "lo", "up");
    }
    inNs("public", "ip", "link", "add", "br0", "type", "bridge");
    inNs("public", "ip", "addr", "add", "203.0.113.1/24", "dev", "br0");
    inNs("public", "ip", "link", "set", "br0", "up");

    /** A cable from `place`'s `device` to the public bridge. */
    const toPublic = (place: string, device: string, address: string) => {
      const port = `${tag}${place.at(-1)}p`;
      ip(
        "link",
        "add",
        port,
        "netns",
        ns("public"),
        "type",
        "veth",
        "peer",
        "name",
        device,
        "netns",
        ns(place),
      );
      inNs("public", "ip", "link", "set", port, "master", "br0");
      inNs("public", "ip", "link", "set", port, "up");
      inNs(place, "ip", "addr", "add", `${address}/24`, "dev", device);
      inNs(place, "ip", "link", "set", device, "up");
    };
    for (const [home, nat, wan, net] of [
      ["home-a", "nat-a", "203.0.113.11", "10.1.0"],
      ["home-b", "nat-b", "203.0.113.12", "10.2.0"],
    ] as const) {
      toPublic(nat, "wan", wan);
      ip(
        "link",
        "add",
        "lan",
        "netns",
        ns(nat),
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        ns(home),
      );
      inNs(nat, "ip", "addr", "add", `${net}.1/24`, "dev", "lan");
      inNs(nat, "ip", "link", "set", "lan", "up");
      inNs(nat, "sysctl", "-qw", "net.ipv4.ip_forward=1");
      inNs(
        nat,
        "iptables",
        "-t",
        "nat",
        "-A",
        "POSTROUTING",
        "-o",
        "wan",
        "-j",
        "MASQUERADE",
        "--random-fully",
      );
      inNs(home, "ip", "addr", "add", `${net}.2/24`, "dev", "eth0");
      inNs(home, "ip", "link", "set", "eth0", "up");
      inNs(home, "ip", "route", "add", "default", "via", `${net}.1`);
    }
    toPublic("lan-c", "eth0", "203.0.113.21");
    toPublic("lan-d", "eth0", "203.0.113.22");
  } catch (error) {
    close();
    throw new Error(
      `The NAT lab could not be built (root, iproute2 and iptables needed): ${String(error)}`,
      { cause: error },
    );
  }
  return { publicIp: "203.0.113.1", ns: (place) => ns(place), close };
}
