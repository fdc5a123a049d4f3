/*
 * A very small unit test harness. Each tests/unit/test_<module>.c defines
 * unit_main(), which calls UNIT_RUN(test_<module>__<case>) for each case;
 * CHECK and CHECK_EQ_* record failures and carry on. unit.c supplies main(),
 * which prints one line per failure and a closing "N passed, N failed".
 */
#ifndef FLTCHECK_UNIT_H
#define FLTCHECK_UNIT_H

#include <string.h>

void unit_main(void);
void unit_fail(const char *file, int line, const char *what);
void unit_run(const char *name, void (*fn)(void));
int unit_check_str(const char *file, int line, const char *a, const char *b, const char *expr);
int unit_check_int(const char *file, int line, long long a, long long b, const char *expr);

#define UNIT_RUN(fn) unit_run(#fn, fn)
#define CHECK(cond)  ((cond) ? 1 : (unit_fail(__FILE__, __LINE__, #cond), 0))
#define CHECK_EQ_INT(a, b) \
	unit_check_int(__FILE__, __LINE__, (long long)(a), (long long)(b), #a " == " #b)
#define CHECK_EQ_STR(a, b) unit_check_str(__FILE__, __LINE__, (a), (b), #a " == " #b)

#endif
