# The plumbing the shell tests share; tests/<name>.sh sources it with
#
#   . "$(dirname "$0")/lib/harness.sh"
#   harness_init <name> "$@"
#
# (it lives in a subfolder so that ctest, which runs every tests/*.sh, does
# not run it as a test). harness_init checks the arguments
# (<fltcheck-binary> <source-root>, exit 2 without them); after it $bin and
# $root are the absolute binary and source root, and $tmp a scratch folder
# removed on exit.
#
# run ARGS runs fltcheck with stdout in $tmp/out, stderr in $tmp/err and the
# status in $rc; check NAME COMMAND records one result; ok NAME and bad NAME
# [FILE] record one directly; harness_finish prints "N passed, N failed" and
# exits non-zero on any failure. npm_tools installs node packages for a test. A script that counts results some other way
# adds to $passed and $failed itself.
#
# Set before harness_init, where a script needs something else:
#   HARNESS_TIMEOUT  seconds run gives fltcheck (default 120);
#   HARNESS_TMPNAME  the scratch folder's name after "fltcheck-" (default
#                    <name>);
#   HARNESS_CD=0     stay in the starting folder (default: move into $tmp),
#                    for a script that writes there or takes relative paths
#                    in its environment.
# Set after it: harness_extra="py" for a script that keeps more output of its
# own in $tmp/py: check empties those files first and bad shows them too.

harness_init() {
	local name=$1
	shift
	if [ $# -lt 2 ]; then
		echo "usage: bash tests/$name.sh <fltcheck-binary> <source-root>" >&2
		exit 2
	fi
	bin=$1
	root=$2
	case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
	case $root in /*) ;; *) root=$PWD/$root ;; esac
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/fltcheck-${HARNESS_TMPNAME:-$name}.XXXXXX") || exit 2
	trap 'rm -rf "$tmp"' EXIT
	if [ "${HARNESS_CD:-1}" != 0 ]; then
		cd "$tmp" || exit 2
	fi
	passed=0
	failed=0
	rc=0
	last_cmd=
}

run() {
	timeout "${HARNESS_TIMEOUT:-120}" "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	last_cmd="fltcheck $*"
}

ok() {
	passed=$((passed + 1))
	echo "ok   - $1"
}

# bad NAME [FILE]: a failed check, shown with the first 40 lines of FILE when
# one is named, else with the last command (if any ran) and what it printed.
bad() {
	failed=$((failed + 1))
	echo "FAIL - $1"
	if [ $# -ge 2 ]; then
		[ -s "$2" ] && head -n 40 "$2" | sed 's/^/       | /'
		return 0
	fi
	[ -n "$last_cmd" ] || return 0
	echo "       command: $last_cmd (exit $rc)"
	[ -s "$tmp/out" ] && head -n 20 "$tmp/out" | sed 's/^/       out | /'
	[ -s "$tmp/err" ] && head -n 20 "$tmp/err" | sed 's/^/       err | /'
	local x
	for x in ${harness_extra:-}; do
		[ -s "$tmp/$x" ] && head -n 20 "$tmp/$x" | sed "s/^/       $x  | /"
	done
	return 0
}

# check NAME COMMAND...: one result, passed when COMMAND succeeds.
check() {
	local name=$1 x
	shift
	for x in ${harness_extra:-}; do : >"$tmp/$x"; done
	if "$@"; then ok "$name"; else bad "$name"; fi
}

rc_is() { [ "$rc" -eq "$1" ]; }
err_has() { grep -q -- "$1" "$tmp/err"; }
out_has() { grep -q -- "$1" "$tmp/out"; }
# A usage or input error: status $1, one line on stderr, nothing on stdout.
one_line_error() { [ "$rc" -eq "$1" ] && [ "$(grep -c '' "$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; }

# npm_tools DIR PACKAGE-DIR KEY [NPM-OPTION...]: the packages that
# PACKAGE-DIR/package-lock.json names, installed with `npm ci` into DIR (in
# the build tree) and reused while that lock is unchanged and DIR/KEY exists;
# npm's output goes to $tmp/npm.log. Returns 1 when npm ci fails, 2 when DIR
# cannot be made or filled.
npm_tools() {
	local dir=$1 pkg=$2 key=$3
	shift 3
	mkdir -p "$dir" || return 2
	if cmp -s "$pkg/package-lock.json" "$dir/installed.lock" && [ -d "$dir/$key" ]; then
		return 0
	fi
	rm -rf "$dir/node_modules" "$dir/installed.lock"
	cp "$pkg/package.json" "$pkg/package-lock.json" "$dir/" || return 2
	npm ci --prefix "$dir" "$@" --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1 ||
		return 1
	# Without the lock copy the next run only installs again.
	cp "$pkg/package-lock.json" "$dir/installed.lock" || :
}

harness_finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
