/*
 * Driver for the unit tests: see unit.h.
 */
#include "unit.h"

#include <stdio.h>

static int passed, failed, current_failed;

void unit_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	current_failed = 1;
}

int unit_check_str(const char *file, int line, const char *a, const char *b, const char *expr)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
		fprintf(stderr, "%s:%d: check failed: %s (\"%s\" vs \"%s\")\n", file, line, expr,
			a ? a : "(null)", b ? b : "(null)");
		current_failed = 1;
		return 0;
	}
	return 1;
}

int unit_check_int(const char *file, int line, long long a, long long b, const char *expr)
{
	if (a != b) {
		fprintf(stderr, "%s:%d: check failed: %s (%lld vs %lld)\n", file, line, expr, a, b);
		current_failed = 1;
		return 0;
	}
	return 1;
}

void unit_run(const char *name, void (*fn)(void))
{
	current_failed = 0;
	fn();
	if (current_failed) {
		failed++;
		fprintf(stderr, "FAIL %s\n", name);
	} else {
		passed++;
	}
}

int main(void)
{
	unit_main();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
