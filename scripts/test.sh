#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs the dependencies if needed,
# builds fltcheck twice (a normal build with warnings as errors, and an
# AddressSanitizer + UndefinedBehaviorSanitizer build) and runs every ctest
# test in the first and all but the external validators (label validators:
# the SARIF and browser checks) in the second. Run from anywhere; exits
# non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh" --test
jobs=$(nproc 2>/dev/null || echo 2)

echo "== normal build"
cmake -S "$root" -B "$root/build/ci" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLTCHECK_DEVELOPER=ON >/dev/null
cmake --build "$root/build/ci" -j"$jobs"
(cd "$root/build/ci" && ctest --output-on-failure -j"$jobs")

echo "== sanitizer build (address, undefined)"
cmake -S "$root" -B "$root/build/asan" -DCMAKE_BUILD_TYPE=Debug -DFLTCHECK_DEVELOPER=ON \
	-DFLTCHECK_SANITIZE=address,undefined >/dev/null
cmake --build "$root/build/asan" -j"$jobs"
# intercept_tls_get_addr=0: up to GCC 13 the sanitizers' __tls_get_addr
# interceptor takes a dynamic TLS block that happens to sit at a certain offset in
# a page for one with a pre-2.25 glibc header, and LeakSanitizer's tracer then
# crashes at exit ("Tracer caught signal 11", "DTLS 6 at 0x383-0x3000001485") on
# libclang's thread-local data, by memory layout alone (google/sanitizers#1322).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp
(cd "$root/build/asan" && ctest --output-on-failure -j"$jobs" -LE validators)
