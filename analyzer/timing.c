/* Phase timings: see timing.h. */
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define TIMING_MAX 32

static struct {
	int on; /* 0 unknown, 1 on, -1 off */
	unsigned n;
	double start;
	const char *what[TIMING_MAX];
	double at[TIMING_MAX];
} tm;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void timing_mark(const char *what)
{
	if (!tm.on) {
		tm.on = getenv("FLTCHECK_TIMING") ? 1 : -1;
		tm.start = now_ms();
	}
	if (tm.on < 0 || tm.n == TIMING_MAX)
		return;
	tm.what[tm.n] = what;
	tm.at[tm.n++] = now_ms();
}

void timing_report(void)
{
	if (tm.on <= 0)
		return;
	double prev = tm.start;
	for (unsigned i = 0; i < tm.n; i++) {
		fprintf(stderr, "fltcheck: time: %-22s %8.1f ms\n", tm.what[i], tm.at[i] - prev);
		prev = tm.at[i];
	}
	fprintf(stderr, "fltcheck: time: %-22s %8.1f ms\n", "total", prev - tm.start);
}
