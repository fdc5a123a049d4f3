/* fltcheck WDK model: set structure packing to 8 bytes; poppack.h restores it. */
#pragma pack(push, 8)
