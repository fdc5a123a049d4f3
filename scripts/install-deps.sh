#!/usr/bin/env bash
# Installs what fltcheck needs to build and test on Debian 12 (run as root).
# Does nothing when everything is already there, so CI can call it each time.
set -euo pipefail
pkgs=(cmake make gcc libclang-19-dev clang-19 libsqlite3-dev)
missing=()
for p in "${pkgs[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
