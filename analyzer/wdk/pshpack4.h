/* fltcheck WDK model: set structure packing to 4 bytes; poppack.h restores it. */
#pragma pack(push, 4)
