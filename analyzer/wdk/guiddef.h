/*
 * fltcheck WDK model: GUIDs. DEFINE_GUID declares a GUID; after initguid.h
 * (which sets INITGUID) it defines one instead. Like the real header, the
 * DEFINE_GUID part is re-evaluated on every inclusion.
 */
#ifndef FLTCHECK_WDK_GUIDDEF_H
#	define FLTCHECK_WDK_GUIDDEF_H

typedef struct _GUID {
	unsigned long Data1;
	unsigned short Data2;
	unsigned short Data3;
	unsigned char Data4[8];
} GUID;

typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID, *LPIID, CLSID, *LPCLSID, FMTID, *LPFMTID;
#	ifdef __cplusplus
#		define REFGUID  const GUID &
#		define REFIID   const IID &
#		define REFCLSID const IID &
#	else
#		define REFGUID  const GUID *
#		define REFIID   const IID *
#		define REFCLSID const IID *
#	endif

#	define IsEqualGUID(a, b)       (memcmp((a), (b), sizeof(GUID)) == 0)
#	define InlineIsEqualGUID(a, b) IsEqualGUID(a, b)
#	define IsEqualIID(a, b)        IsEqualGUID(a, b)

#endif

#ifdef __cplusplus
#	define FLTCHECK_GUID_EXTERN extern "C"
#else
#	define FLTCHECK_GUID_EXTERN extern
#endif
#undef DEFINE_GUID
#ifdef INITGUID
#	define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
		FLTCHECK_GUID_EXTERN const GUID __declspec(selectany)        \
			name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#	define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
		FLTCHECK_GUID_EXTERN const GUID name
#endif
