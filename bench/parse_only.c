/*
 * A bench-only helper: parses files with libclang the way analyzer/ast.c does
 * (one index per file, the same parse options) and does nothing else, to
 * separate the cost of parsing through libclang from fltcheck's own work.
 *
 *   parse_only <clang flags>... -- <files>...
 *
 * Built by bench/run.sh against the same libclang; not part of fltcheck.
 */
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int sep = 1;
	while (sep < argc && strcmp(argv[sep], "--") != 0)
		sep++;
	if (sep >= argc) {
		fprintf(stderr, "usage: parse_only <clang flags>... -- <files>...\n");
		return 2;
	}
	int rc = 0;
	for (int i = sep + 1; i < argc; i++) {
		CXIndex index = clang_createIndex(0, 0);
		CXTranslationUnit tu = NULL;
		unsigned flags = CXTranslationUnit_KeepGoing |
				 CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
		enum CXErrorCode ec = clang_parseTranslationUnit2(
			index, argv[i], (const char *const *)argv + 1, sep - 1, NULL, 0, flags, &tu);
		if (ec != CXError_Success || !tu) {
			fprintf(stderr, "parse_only: cannot parse '%s' (%d)\n", argv[i], (int)ec);
			rc = 1;
		} else {
			clang_disposeTranslationUnit(tu);
		}
		clang_disposeIndex(index);
	}
	return rc;
}
