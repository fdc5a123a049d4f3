/*
 * Phase timings for benchmarking: with FLTCHECK_TIMING set in the
 * environment, timing_mark records the wall-clock time at the end of each
 * named phase (main thread only) and timing_report prints them to stderr.
 * Without it both do nothing. Output is for people, not a stable format.
 */
#ifndef FLTCHECK_TIMING_H
#define FLTCHECK_TIMING_H

/* Marks the end of the phase 'what' (a string literal). */
void timing_mark(const char *what);
void timing_report(void);

#endif
