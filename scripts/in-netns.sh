#!/usr/bin/env bash
# Runs a command inside a fresh network namespace that holds only loopback and one veth
# pair of its own (10.77.0.1 <-> 10.77.0.2), as root, or as any user where the kernel allows
# user namespaces. Tests and benchmarks run in it so that no
# packet can reach an address outside this machine's test hosts (the network rule), and
# Chromium has a non-loopback interface to gather ICE candidates on (see TESTING.md).
set -euo pipefail

if [ -n "${NP_NETNS:-}" ]; then exec "$@"; fi # already inside one

# The namespace's own loopback and veth pair, set up by whoever is root in it.
links() {
  "$@" ip link set lo up
  "$@" ip link add np0 type veth peer name np1
  "$@" ip addr add 10.77.0.1/24 dev np0
  "$@" ip addr add 10.77.0.2/24 dev np1
  "$@" ip link set np0 up
  "$@" ip link set np1 up
  "$@" ip route add default via 10.77.0.2 dev np0
}

# Without root: a user namespace where this user is root, with a network namespace and a
# mount namespace of its own (the labs' `ip netns` keep their names in a private
# /run/netns), where the kernel lets users make them.
if [ -n "${NP_ROOTLESS:-}" ]; then
  mount -t tmpfs np-netns /run/netns 2>/dev/null || { mkdir -p /run/netns && mount -t tmpfs np-netns /run/netns; }
  links
  NP_NETNS=rootless exec "$@"
fi
if [ "$(id -u)" != 0 ]; then
  if unshare --user --map-root-user --net --mount true 2>/dev/null; then
    # Root in there, but not root's: temporary files of its own (tools keep theirs in
    # /tmp/<name>-<uid>, and uid 0's may be the real root's).
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    NP_ROOTLESS=1 TMPDIR="$tmp" unshare --user --map-root-user --net --mount bash "$0" "$@"
    exit $?
  fi
  cat >&2 <<'MESSAGE'
in-netns.sh: the tests run in a network namespace of their own, and this machine lets
neither this user make one (unprivileged user namespaces are off: see the sysctls
kernel.unprivileged_userns_clone and user.max_user_namespaces, or AppArmor's
kernel.apparmor_restrict_unprivileged_userns) nor is this user root. Run as root
(sudo npm test), or allow user namespaces.
MESSAGE
  exit 2
fi

ns="np-test-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
in_ns() { ip netns exec "$ns" "$@"; }
links in_ns

NP_NETNS="$ns" in_ns "$@"
