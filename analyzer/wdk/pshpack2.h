/* fltcheck WDK model: set structure packing to 2 bytes; poppack.h restores it. */
#pragma pack(push, 2)
