/*
 * fltcheck WDK model: the specstrings header. Code includes it for the SAL
 * annotations, which the model defines in sal.h, plus a few spellings that
 * only this header used to provide.
 */
#ifndef FLTCHECK_WDK_SPECSTRINGS_H
#define FLTCHECK_WDK_SPECSTRINGS_H

#include <sal.h>

#define __specstrings
#define __bcount(...)
#define __ecount(...)
#define __bcount_opt(...)
#define __ecount_opt(...)
#define __opt
#define __deref
#define __valid
#define __notnull
#define __maybenull
#define __readonly
#define __null
#define __exceptthat
#define __override
#define __fallthrough
#define __typefix(...)
#define __format_string
#define __blocksOn(...)

#endif
