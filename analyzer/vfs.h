/*
 * Case-insensitive header lookup for Windows driver sources parsed on a
 * case-sensitive file system. Driver code spells the same header
 * fltKernel.h, FltKernel.h or fltkernel.h; real WDKs mix cases inside their
 * own headers too. vfs writes a clang virtual file system overlay that maps
 * every file below a directory with case-insensitive lookup, for the
 * frontend to pass as `-ivfsoverlay <path> -isystem <dir>`.
 */
#ifndef FLTCHECK_VFS_H
#define FLTCHECK_VFS_H

/*
 * Path of an overlay file that makes every file below `dir` (recursively)
 * resolvable under any capitalization of its path below `dir`. The overlay
 * is written once per distinct directory per process, into a private
 * temporary directory under $TMPDIR (or /tmp) that is removed at exit. The
 * returned string is owned by vfs and stays valid until the process exits.
 * Returns NULL, after a message on stderr, when the directory cannot be
 * read or the overlay cannot be written. Not thread-safe: call it before
 * starting parser threads, or from one thread.
 */
const char *vfs_overlay_path(const char *dir);

#endif
