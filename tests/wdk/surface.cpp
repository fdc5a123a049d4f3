/*
 * The WDK model surface test parsed as C++ (drivers written in C++ include
 * the same headers). It reuses surface.c, which keeps to the subset of the
 * two languages.
 */
#include "surface.c"
