#!/usr/bin/env bash
# Runs a command inside a fresh network namespace that holds only loopback and one veth
# pair of its own (10.77.0.1 <-> 10.77.0.2). Tests and benchmarks run in it so that no
# packet can reach an address outside this machine's test hosts (the network rule), and
# Chromium has a non-loopback interface to gather ICE candidates on (see TESTING.md).
set -euo pipefail

if [ -n "${NP_NETNS:-}" ]; then exec "$@"; fi # already inside one
if [ "$(id -u)" != 0 ]; then
  echo "in-netns.sh: creating a test network namespace needs root (ip netns)." >&2
  exit 2
fi

ns="np-test-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up
in_ns ip link add np0 type veth peer name np1
in_ns ip addr add 10.77.0.1/24 dev np0
in_ns ip addr add 10.77.0.2/24 dev np1
in_ns ip link set np0 up
in_ns ip link set np1 up
in_ns ip route add default via 10.77.0.2 dev np0

NP_NETNS="$ns" in_ns "$@"
