/*
 * The compilation database reader. It turns a compile_commands.json, as
 * written by CMake, bear, the MSBuild logger or Clang Power Tools on Linux
 * or Windows, into one entry per source file holding only what the frontend
 * needs: include directories, macros, forced includes, the language and its
 * standard, already spelled for clang and with every path absolute.
 *
 * We do not use libclang's own reader: it splits "command" strings with
 * POSIX rules and so eats the backslashes of Windows paths, and it does not
 * expand @response files. Here a "command" is split with Windows (MSVC
 * C runtime, as CommandLineToArgvW but "" inside quotes is a quote) rules when the compiler is cl,
 * cl.exe, clang-cl or clang-cl.exe, when it has --driver-mode=cl, or when the command holds a
 * backslash drive path such as C:\; otherwise with POSIX shell rules.
 * Response files (UTF-8, or UTF-16 with a byte order mark as MSBuild writes
 * them) are expanded relative to the entry's directory, up to
 * COMPDB_MAX_RSP_DEPTH levels deep, and split with the same rules.
 *
 * Paths: backslashes become '/', "." and ".." are removed lexically,
 * relative paths are resolved against the entry's "directory" (which is
 * itself resolved against the database's folder), and then the --path-map
 * prefixes are applied. A Windows path without a map keeps its drive:
 * C:\wdk\Include becomes C:/wdk/Include.
 *
 * Option translation, for cl-style commands (options may start with '/' or
 * '-'): /I, /D (with cl's '#' for '='), /U, /FI (-include), /external:I
 * and /imsvc (-isystem), /std:<s> (-std=<s>; c++latest becomes c++2c and
 * clatest c23), /TP /Tp (C++), /TC /Tc (C); everything after /link is
 * ignored. For gcc/clang-style commands, and for '-' options that cl does not
 * know: -I, -isystem, -D, -U, -include, -std=, -x c and -x c++, each joined
 * or separate; -iquote becomes -I and -idirafter -isystem, as approximations
 * that keep headers findable. Everything else (the compiler, the source
 * file, -c, -o and /Fo outputs, warnings, optimization, /kernel, ...) is
 * dropped, and the values of options that take a separate argument (-o,
 * -MF, -Xclang, ...) are skipped with them.
 *
 * A relative -include or /FI file is made absolute only when it exists
 * relative to the directory (or, for /FI, next to the source file, where cl
 * looks first); otherwise it is kept relative so that clang finds it on the
 * include path.
 */
#ifndef FLTCHECK_COMPDB_H
#define FLTCHECK_COMPDB_H

#include <stdbool.h>

#define COMPDB_MAX_RSP_DEPTH 16

struct compdb_entry {
	char *file;      /* absolute, '/'-separated, after path mapping */
	char *directory; /* absolute, '/'-separated, after path mapping */
	/*
	 * Clang-spelled arguments for the frontend, in command order: -I<dir>,
	 * -isystem<dir>, -D<m>[=v], -U<m>, "-include" "<f>", -std=<s>, and
	 * "-x" "c" or "-x" "c++" last when the command chose the language.
	 * No compiler and no source file. args[nargs] is NULL.
	 */
	char **args;
	unsigned nargs;
	bool is_cpp; /* from -x, /TP, /Tp, /TC, /Tc, else from the extension */
};

struct compdb {
	struct compdb_entry *entries; /* in database order, one per file */
	unsigned n;
};

/*
 * --path-map FROM=TO pairs. A path that starts with FROM (after both are
 * '/'-normalized, and only at a component boundary) has that prefix
 * replaced by TO; the longest matching FROM wins. FROMs that start with a
 * drive letter ("C:/src") match case-insensitively, others exactly.
 */
struct compdb_options {
	const char *const *map_from, *const *map_to;
	unsigned nmaps;
};

/*
 * Reads path, a compile_commands.json file or a directory that contains
 * one. opt may be NULL. On success returns 0 and fills *out, which the
 * caller releases with compdb_free; entries for a file already seen are
 * dropped (the first one wins). On failure returns -1, leaves *out empty,
 * and sets *err to a one-line message that the caller frees:
 *   cannot open 'x/compile_commands.json': No such file or directory
 *   cannot parse 'x/compile_commands.json': expected ',' or '}' at line 3, column 5
 *   malformed compilation database 'x/compile_commands.json': entry 3 has no "file" (line 20)
 *   cannot open response file '/b/x.rsp' for entry 3 of 'x/compile_commands.json': ...
 * Entries are counted from 0, as jq's .[N]; the line is where the entry
 * starts.
 */
int compdb_load(const char *path, const struct compdb_options *opt, struct compdb *out, char **err);

/* Releases everything compdb_load put in db and empties it; safe on an
 * empty or zeroed db. */
void compdb_free(struct compdb *db);

#endif
