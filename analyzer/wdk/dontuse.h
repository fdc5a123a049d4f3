/*
 * fltcheck WDK model: the "do not use" header. In the WDK it deprecates
 * unsafe string routines; fltcheck does not check that, so the header is
 * empty and only has to be found.
 */
#ifndef FLTCHECK_WDK_DONTUSE_H
#define FLTCHECK_WDK_DONTUSE_H
#endif
