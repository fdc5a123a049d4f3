/*
 * The frontend: parses one translation unit with libclang, as the Windows
 * kernel compiler would see it, and converts it into the IR of ir.h. This is
 * the only part of fltcheck that includes clang-c headers; no libclang type
 * crosses this interface. ast.c implements it inside a separately loaded
 * module; frontend.c implements these functions for the rest of fltcheck.
 */
#ifndef FLTCHECK_AST_H
#define FLTCHECK_AST_H

#include <stdbool.h>
#include "ir.h"

struct ast_options {
	/* Extra compiler arguments in clang spelling (-I, -D, -U, -include, -std=, ...),
	 * from the command line or the compilation database entry. Not owned. */
	const char *const *args;
	unsigned nargs;
	/* Root of a real WDK (the folder holding Include/<version>/km), or NULL
	 * for the bundled model headers. */
	const char *wdk_dir;
	/* Folder of the bundled WDK model headers (analyzer/wdk). */
	const char *model_dir;
	/* Treat the file as C++ regardless of its extension. */
	bool force_cpp;
};

/*
 * Parses 'path' and returns its IR. Never returns NULL: a file that could not
 * be parsed at all yields a TU with parsed == false and fail_reason set. The
 * caller owns the result and releases it with ast_tu_free.
 */
struct ir_tu *ast_parse(const char *path, const struct ast_options *opt);

/* Releases a TU from ast_parse (or irser); NULL is ignored. */
void ast_tu_free(struct ir_tu *tu);

/*
 * The version string of the libclang in use (for --version), such as
 * "Debian clang version 19.1.7"; a static string. Loads the parser module
 * (see below); when that fails, a string saying the parser is unavailable
 * and why.
 */
const char *ast_clang_version(void);

/*
 * Starts loading the parser module in the background (once; the caller's
 * thread only), for a caller that knows a parse is coming: ast_parse then
 * waits for that load instead of starting its own.
 */
void ast_preload(void);
/* Waits for ast_preload's thread (no thread is left running at exit). */
void ast_preload_wait(void);

/*
 * Names the parser this build uses, such as "libclang 19.1.7 CINDEX 0.64",
 * fixed when fltcheck is built, and the size and time of the module file it
 * would load (a rebuilt module parses differently): for cache keys. Never
 * loads the parser module. A static string.
 */
const char *ast_frontend_id(void);

/*
 * ---- the parser module ----
 * libclang and its LLVM take tens of milliseconds just to load, so ast.c is
 * built into a module of its own, libfltfront.so, which frontend.c dlopen()s
 * on the first ast_parse or ast_clang_version: a run that parses nothing
 * never loads libclang. The module exports one symbol, FLTFRONT_SYMBOL, a
 * struct fltfront_api. frontend.c accepts it only when key and sizes match
 * its own, that is, when the module comes from the same build.
 *
 * The module is looked for at $FLTCHECK_FRONTEND (a path) when that is set,
 * else beside the running executable, else at the path of the build tree it
 * was built in (FLTCHECK_FRONTEND_DEFAULT).
 */
#define FLTFRONT_SYMBOL "fltfront_api"
#define FLTFRONT_NAME   "libfltfront.so"
/* Only where FLTCHECK_VERSION and FLTCHECK_FRONTEND_ID are defined. */
#define FLTFRONT_KEY    "fltfront-1 " FLTCHECK_VERSION " " FLTCHECK_FRONTEND_ID
#define FLTFRONT_NSIZES 6
#define FLTFRONT_SIZES                                                                           \
	{                                                                                        \
		sizeof(struct ir_tu), sizeof(struct ir_node), sizeof(struct ir_func),            \
			sizeof(struct ir_diag), sizeof(struct ast_options), sizeof(struct arena) \
	}
#define FLTFRONT_EXPORT __attribute__((visibility("default")))

struct fltfront_api {
	const char *key;
	size_t sizes[FLTFRONT_NSIZES];
	/* As ast_parse; the TU and its arena are allocated with malloc, so
	 * ast_tu_free in the executable can release them. */
	struct ir_tu *(*parse)(const char *path, const struct ast_options *opt);
	/* As ast_clang_version. */
	const char *(*clang_version)(void);
};

#endif
