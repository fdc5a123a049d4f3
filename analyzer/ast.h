/*
 * The frontend: parses one translation unit with libclang, as the Windows
 * kernel compiler would see it, and converts it into the IR of ir.h. This is
 * the only part of fltcheck that includes clang-c headers; no libclang type
 * crosses this interface.
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
void ast_tu_free(struct ir_tu *tu);

/* The libclang version string (for --version); a static string. */
const char *ast_clang_version(void);

#endif
