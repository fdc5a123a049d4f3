/*
 * fltcheck WDK model: code-analysis warning suppression. The suppression
 * pragmas drivers write are for Microsoft's analyzer; clang ignores unknown
 * pragmas, so this header only has to exist and keep its one macro quiet.
 */
#ifndef FLTCHECK_WDK_SUPPRESS_H
#define FLTCHECK_WDK_SUPPRESS_H

#define SUPPRESS_WARNING(...)
#define PREFAST_SUPPRESS_WARNING(...)

#endif
