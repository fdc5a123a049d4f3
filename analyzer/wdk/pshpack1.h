/* fltcheck WDK model: set structure packing to 1 bytes; poppack.h restores it. */
#pragma pack(push, 1)
