import { execFileSync } from "node:child_process";

/**
 * A home network in a network namespace of its own (needs root; see shared/TESTING.md):
 * loopback and one veth pair (10.88.0.1 <-> 10.88.0.2, so Chromium has an interface to
 * gather ICE candidates on), whose incoming UDP packets are dropped at random by
 * iptables (IPv4 and IPv6). Everything a note crosses is UDP (ICE, DTLS, SCTP, TURN); the signaling
 * server's TCP is spared. A packet between two programs in the namespace passes INPUT
 * once, so each is lost with the probability set.
 */
export interface LossyLab {
  /** The namespace to run servers, browsers and Node peers in (`ip netns exec`). */
  ns: string;
  /** The namespace's own address, where servers listen. */
  host: string;
  /** Drops each incoming UDP packet with `probability` (0 ends the loss). */
  setLoss(probability: number): void;
  close(): void;
}

let labs = 0;

export function createLossyLab(): LossyLab {
  const ns = `np${process.pid % 100_000}-lossy${labs++}`;
  const inNs = (...command: string[]) =>
    execFileSync("ip", ["netns", "exec", ns, ...command], { stdio: "pipe" });
  const close = () => {
    try {
      execFileSync("ip", ["netns", "del", ns], { stdio: "pipe" });
    } catch {
      // Not created, or gone already.
    }
  };
  try {
    execFileSync("ip", ["netns", "add", ns], { stdio: "pipe" });
    inNs("ip", "link", "set", "lo", "up");
    inNs("ip", "link", "add", "lab0", "type", "veth", "peer", "name", "lab1");
    inNs("ip", "addr", "add", "10.88.0.1/24", "dev", "lab0");
    inNs("ip", "addr", "add", "10.88.0.2/24", "dev", "lab1");
    inNs("ip", "link", "set", "lab0", "up");
    inNs("ip", "link", "set", "lab1", "up");
    inNs("ip", "route", "add", "default", "via", "10.88.0.2", "dev", "lab0");
  } catch (error) {
    close();
    throw new Error(
      `The lossy lab could not be built (root, iproute2 and iptables needed): ${String(error)}`,
      { cause: error },
    );
  }
  const setLoss = (probability: number) => {
    if (!(probability >= 0 && probability < 1)) throw new RangeError(`loss ${probability}`);
    // Node's WebRTC also pairs candidates on IPv6 loopback (::1): drop there too.
    for (const tables of ["iptables", "ip6tables"]) {
      inNs(tables, "-F", "INPUT");
      if (probability === 0) continue;
      inNs(
        tables,
        ...["-A", "INPUT", "-p", "udp", "-m", "statistic", "--mode", "random"],
        ...["--probability", probability.toFixed(4), "-j", "DROP"],
      );
    }
  };
  return { ns, host: "10.88.0.1", setLoss, close };
}
