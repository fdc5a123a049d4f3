#!/usr/bin/env bash
# Installs what fltcheck needs on Debian 12 (run as root): to build it, and
# with --test also what the test suite uses (the sqlite3 shell, to hold a
# database lock from outside; python3 and node/npm, which install and run the
# SARIF validators and the browser test's driver from the npm registry;
# chromium, which that test drives headless; git and the pre-commit framework,
# for the hook tests). Does nothing when everything is already
# there, so CI can call it each time.
set -euo pipefail
pkgs=(cmake make gcc libclang-19-dev clang-19 libsqlite3-dev)
missing=()
for p in "${pkgs[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${1:-}" = "--test" ]; then
	# Tools the tests run, by command: a node from another source (which
	# bundles npm) counts as well as Debian's.
	for pc in sqlite3:sqlite3 python3:python3 nodejs:node npm:npm pre-commit:pre-commit git:git chromium:chromium; do
		command -v "${pc#*:}" >/dev/null 2>&1 || missing+=("${pc%%:*}")
	done
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
