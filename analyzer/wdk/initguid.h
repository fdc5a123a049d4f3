/*
 * fltcheck WDK model: makes DEFINE_GUID define its GUIDs (with storage)
 * rather than only declare them, for the rest of the translation unit.
 */
#ifndef INITGUID
#	define INITGUID
#endif
#include <guiddef.h>
