# The plumbing the shell tests share; tests/<name>.sh sources it with
#
#   . "$(dirname "$0")/lib/harness.sh"
#   harness_init <name> "$@"
#
# (it lives in a subfolder so that ctest does not run it as a test). After
# harness_init: $bin and $root are the absolute fltcheck binary and source
# root, $tmp a scratch folder removed on exit and the current folder.
# run ARGS runs fltcheck (HARNESS_TIMEOUT seconds, default 120) with stdout
# in $tmp/out, stderr in $tmp/err and the status in $rc; check NAME COMMAND
# records one result; harness_finish prints "N passed, N failed" and exits
# non-zero on any failure. A script that keeps more output of its own (say
# $tmp/py) sets harness_extra="py": check empties those files first and bad
# shows them too.

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
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/fltcheck-$name.XXXXXX") || exit 2
	trap 'rm -rf "$tmp"' EXIT
	cd "$tmp" || exit 2
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

# bad NAME: a failed check, with the last command and what it printed.
bad() {
	failed=$((failed + 1))
	echo "FAIL - $1"
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

harness_finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
