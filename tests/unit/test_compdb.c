/*
 * Unit tests for the compilation database reader (analyzer/compdb.c). Two
 * realistic databases live in tests/data/compdb (a POSIX one with nested
 * UTF-8 response files, a Windows one with UTF-16LE and UTF-8-BOM response
 * files read through a path map); the quoting, translation, path and error
 * cases write small databases into a temporary directory, with the
 * commands escaped by json_write_string.
 */
#define _POSIX_C_SOURCE 200809L

#include "compdb.h"

#include "arena.h"
#include "json.h"
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA FLTCHECK_TEST_DATA "/compdb"

static char *tmp;          /* the temporary directory */
static struct ptrvec made; /* what we created in it, to remove at the end */
static struct arena A;     /* strings of the current test */
static unsigned ndb;

struct tentry {
	const char *directory, *file, *command;
	const char *const *arguments; /* NULL-terminated, or NULL */
};

#define ARGV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static char *tmp_path(const char *name)
{
	return arena_fmt(&A, "%s/%s", tmp, name);
}

static void tmp_mkdir(const char *name)
{
	char *p = tmp_path(name);
	if (mkdir(p, 0700) == 0)
		ptrvec_push(&made, xstrdup(p));
}

static char *tmp_write(const char *name, const char *text, size_t len)
{
	char *p = tmp_path(name);
	FILE *f = fopen(p, "wb");

	if (!f) {
		unit_fail(__FILE__, __LINE__, "cannot create a temporary file");
		return p;
	}
	fwrite(text, 1, len, f);
	fclose(f);
	ptrvec_push(&made, xstrdup(p));
	return p;
}

static char *tmp_write_str(const char *name, const char *text)
{
	return tmp_write(name, text, strlen(text));
}

static void put_member(FILE *f, const char *key, const char *value, bool *first)
{
	if (!value)
		return;
	fputs(*first ? "" : ", ", f);
	*first = false;
	json_write_string(f, key);
	fputs(": ", f);
	json_write_string(f, value);
}

/* A database of n entries in a new file of tmp; its path. */
static char *write_db(const struct tentry *e, unsigned n)
{
	char *name = arena_fmt(&A, "db%u.json", ndb++);
	char *p = tmp_path(name);
	FILE *f = fopen(p, "wb");
	unsigned i, j;

	if (!f) {
		unit_fail(__FILE__, __LINE__, "cannot create a temporary file");
		return p;
	}
	fputs("[\n", f);
	for (i = 0; i < n; i++) {
		bool first = true;
		fputs("  {", f);
		put_member(f, "directory", e[i].directory, &first);
		put_member(f, "file", e[i].file, &first);
		put_member(f, "command", e[i].command, &first);
		if (e[i].arguments) {
			fputs(first ? "\"arguments\": [" : ", \"arguments\": [", f);
			for (j = 0; e[i].arguments[j]; j++) {
				fputs(j ? ", " : "", f);
				json_write_string(f, e[i].arguments[j]);
			}
			fputs("]", f);
		}
		fputs(i + 1 < n ? "},\n" : "}\n", f);
	}
	fputs("]\n", f);
	fclose(f);
	ptrvec_push(&made, xstrdup(p));
	return p;
}

/* msg with the temporary directory spelled $T, in the test arena. */
static const char *tidy(const char *msg)
{
	char *out = arena_alloc(&A, 2 * strlen(msg) + 1), *o = out;
	size_t tl = strlen(tmp);

	while (*msg) {
		if (strncmp(msg, tmp, tl) == 0) {
			memcpy(o, "$T", 2);
			o += 2;
			msg += tl;
		} else {
			*o++ = *msg++;
		}
	}
	*o = '\0';
	return out;
}

static const struct compdb_options *no_maps;

/* Loads path, which must succeed; reports the error otherwise. */
static int load_ok(const char *path, const struct compdb_options *opt, struct compdb *db, int line)
{
	char *err = NULL;
	int rc = compdb_load(path, opt, db, &err);

	if (rc != 0) {
		fprintf(stderr, "%s:%d: compdb_load failed: %s\n", __FILE__, line,
			err ? err : "(no message)");
		unit_fail(__FILE__, line, "compdb_load(...) == 0");
	}
	free(err);
	return rc;
}

/* The error from loading path, tidied; "(loaded)" if it loads. */
static const char *load_error_path(const char *path, const struct compdb_options *opt)
{
	struct compdb db;
	char *err = (char *)"unset";
	const char *r;

	if (compdb_load(path, opt, &db, &err) == 0) {
		compdb_free(&db);
		return "(loaded)";
	}
	if (!err)
		return "(no message)";
	CHECK(db.n == 0 && db.entries == NULL);
	r = tidy(err);
	free(err);
	return r;
}

/* The error from loading a database with the text given. */
static const char *load_error_text(const char *text)
{
	char *name = arena_fmt(&A, "db%u.json", ndb++);
	return load_error_path(tmp_write_str(name, text), no_maps);
}

static const char *load_error_entries(const struct tentry *e, unsigned n)
{
	return load_error_path(write_db(e, n), no_maps);
}

static void check_args(int line, const struct compdb_entry *e, const char *const *want)
{
	unsigned n = 0, i;
	bool ok;

	while (want[n])
		n++;
	ok = e->nargs == n && e->args && e->args[n] == NULL;
	for (i = 0; ok && i < n; i++)
		ok = strcmp(e->args[i], want[i]) == 0;
	if (ok)
		return;
	fprintf(stderr, "%s:%d: arguments of %s differ\n  got: ", __FILE__, line, e->file);
	for (i = 0; i < e->nargs; i++)
		fprintf(stderr, " [%s]", e->args[i]);
	fprintf(stderr, "\n want:");
	for (i = 0; i < n; i++)
		fprintf(stderr, " [%s]", want[i]);
	fprintf(stderr, "\n");
	unit_fail(__FILE__, line, "arguments");
}

#define CHECK_ARGS(e, ...)     check_args(__LINE__, (e), ARGV(__VA_ARGS__))
#define LOAD_OK(path, opt, db) (load_ok((path), (opt), (db), __LINE__) == 0)

/* Loads one entry; the database must have exactly one entry afterwards. */
#define LOAD_ONE(t, opt, db) (LOAD_OK(write_db((t), 1), (opt), (db)) && CHECK_EQ_INT((db)->n, 1))

/* ---- the databases in tests/data ---------------------------------------------- */

static void test_compdb__posix_data(void)
{
	struct compdb db;
	const char *o = DATA "/posix/out";

	if (!LOAD_OK(DATA "/posix", no_maps, &db))
		return;
	if (CHECK_EQ_INT(db.n, 2)) {
		CHECK_EQ_STR(db.entries[0].file, DATA "/posix/src/a.c");
		CHECK_EQ_STR(db.entries[0].directory, o);
		CHECK_ARGS(&db.entries[0], "-I" DATA "/posix/include", "-I/abs/inc",
			   arena_fmt(&A, "-isystem%s/sys", o), "-DMSG=\"hello world\"", "-DQ=it's",
			   "-DSP=a b", "-UOLD", "-include", arena_fmt(&A, "%s/config.h", o),
			   "-std=gnu11", "-DFROM_RSP", arena_fmt(&A, "-I%s/dir with space", o),
			   "-DNESTED=1 2");
		CHECK(!db.entries[0].is_cpp);
		CHECK_EQ_STR(db.entries[1].file, DATA "/posix/src/b.cpp");
		CHECK_ARGS(&db.entries[1], arena_fmt(&A, "-I%s/foo", o), "-x", "c++");
		CHECK(db.entries[1].is_cpp);
	}
	compdb_free(&db);
	CHECK(db.n == 0 && db.entries == NULL);
	compdb_free(&db);

	/* the file itself, and the directory with a trailing slash */
	if (LOAD_OK(DATA "/posix/compile_commands.json", no_maps, &db))
		CHECK_EQ_INT(db.n, 2);
	compdb_free(&db);
	if (LOAD_OK(DATA "/posix/", no_maps, &db))
		CHECK_EQ_INT(db.n, 2);
	compdb_free(&db);
}

static void test_compdb__windows_data(void)
{
	const char *from[] = { "c:\\proj\\" }, *to[] = { DATA "/windows/proj" };
	struct compdb_options opt = { from, to, 1 };
	const char *w = DATA "/windows/proj/Drv";
	struct compdb db;

	if (LOAD_OK(DATA "/windows", &opt, &db) && CHECK_EQ_INT(db.n, 2)) {
		CHECK_EQ_STR(db.entries[0].file, arena_fmt(&A, "%s/drv.c", w));
		CHECK_EQ_STR(db.entries[0].directory, w);
		CHECK_ARGS(&db.entries[0], "-IC:/WDK/Include/km", "-I" DATA "/windows/proj/inc",
			   "-IC:/Program Files/x", "-DNDEBUG", "-D_WIN64", "-DVER=2", "-include",
			   arena_fmt(&A, "%s/pch.h", w), "-include", "missing.h", "-std=c++17",
			   "-isystemC:/ext", "-DFROM_UTF16=\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
			   "-I" DATA "/windows/proj/Shared Dir", "-DFROM_UTF8BOM", "-x", "c++");
		CHECK(db.entries[0].is_cpp);
		CHECK_EQ_STR(db.entries[1].file, arena_fmt(&A, "%s/other.cpp", w));
		CHECK_ARGS(&db.entries[1], "-DA=1", "-x", "c");
		CHECK(!db.entries[1].is_cpp);
	}
	compdb_free(&db);

	/* without the map the response file is not found on this machine */
	CHECK_EQ_STR(load_error_path(DATA "/windows", no_maps),
		     "cannot open response file 'C:/Proj/Drv/cl.rsp' for entry 0 of '" DATA
		     "/windows/compile_commands.json': No such file or directory");
}

/* ---- splitting "command" ---------------------------------------------------------- */

static void test_compdb__windows_quoting(void)
{
	const struct {
		const char *command;
		const char *const *want;
	} cases[] = {
		/* \" inside quotes is a literal quote */
		{ "cl.exe /c \"/DA=\\\"q\\\"\" x.c", ARGV("-DA=\"q\"") },
		/* 2n+1 backslashes before a quote: n backslashes and a quote */
		{ "cl.exe /DB=x\\\\\\\"y x.c", ARGV("-DB=x\\\"y") },
		/* 2n backslashes before a quote: n backslashes, and the quote ends */
		{ "cl.exe \"/DC=C:\\dir\\\\\" /DZ x.c", ARGV("-DC=C:\\dir\\", "-DZ") },
		/* the classic trap: \" does not end the quoted part */
		{ "cl.exe \"/DD=C:\\dir\\\" /DZ x.c", ARGV("-DD=C:\\dir\" /DZ x.c") },
		/* backslashes not before a quote are literal */
		{ "cl.exe /DE=a\\b\\\\c x.c", ARGV("-DE=a\\b\\\\c") },
		/* "" outside quotes is nothing, inside a quoted part a quote */
		{ "cl.exe /DG=a\"\"b \"/DH=a\"\"b\" x.c", ARGV("-DG=ab", "-DH=a\"b") },
		/* quoted program with spaces, quoted paths */
		{ "\"C:\\Program Files\\LLVM\\bin\\clang-cl.exe\" \"/IC:\\Program Files\\x\" "
		  "/I\"C:\\a b\\c\" x.c",
		  ARGV("-IC:/Program Files/x", "-IC:/a b/c") },
		/* the program is not unescaped: C:\a\ stays, and tabs and newlines split */
		{ "C:\\x\\CL.EXE\t/DA\n/DB\r\n/DC x.c", ARGV("-DA", "-DB", "-DC") },
		/* a drive path makes even gcc's command split the Windows way */
		{ "gcc -IC:\\inc -DX=\\\"s\\\" -DY=a\\b x.c",
		  ARGV("-IC:/inc", "-DX=\"s\"", "-DY=a\\b") },
		/* --driver-mode=cl as well */
		{ "clang --driver-mode=cl /DX=a\\b /Ifoo x.c", ARGV("-DX=a\\b", "-I/d/foo") },
		/* what CMake's Ninja generator writes for a WDK driver */
		{ "C:\\PROGRA~1\\MICROS~2\\2022\\COMMUN~1\\VC\\Tools\\MSVC\\1437~1."
		  "328\\bin\\Hostx64"
		  "\\x64\\cl.exe  /nologo -DDEPRECATE_DDK_FUNCTIONS=1 -DNTDDI_VERSION=0x0A000008 "
		  "-D_AMD64_ -IC:\\src\\drv\\include -I\"C:\\Program Files (x86)\\Windows "
		  "Kits\\10\\Include\\10.0.22621.0\\km\" /DWIN32 /W4 /GS- /kernel /Zi /Od -MTd "
		  "/showIncludes /FoCMakeFiles\\drv.dir\\main.c.obj /FdTARGET_COMPILE_PDB /FS -c "
		  "C:\\src\\drv\\main.c",
		  ARGV("-DDEPRECATE_DDK_FUNCTIONS=1", "-DNTDDI_VERSION=0x0A000008", "-D_AMD64_",
		       "-IC:/src/drv/include",
		       "-IC:/Program Files (x86)/Windows Kits/10/Include/10.0.22621.0/km",
		       "-DWIN32") },
		/* clang-cl on a POSIX system: the source is not /U sers/... */
		{ "clang-cl /c /Users/me/x.c /DX", ARGV("-DX") },
		/* an unterminated quote just ends */
		{ "cl /DX \"/DY=a b", ARGV("-DX", "-DY=a b") },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *file = strstr(cases[i].command, "/Users") ? "/Users/me/x.c" : "x.c";
		struct tentry t = { "/d", file, cases[i].command, NULL };
		struct compdb db;
		if (LOAD_ONE(&t, no_maps, &db))
			check_args(__LINE__, &db.entries[0], cases[i].want);
		compdb_free(&db);
	}
}

static void test_compdb__posix_quoting(void)
{
	const struct {
		const char *command;
		const char *const *want;
	} cases[] = {
		{ "gcc -DA='x y' \"-DB=a \\\"b\\\" \\$c \\q\" -DC=a\\ b -I'/p q' x.c",
		  ARGV("-DA=x y", "-DB=a \"b\" $c \\q", "-DC=a b", "-I/p q") },
		{ "gcc -DA=1 \\\n -DB=2 \\\r\n-DC=3", ARGV("-DA=1", "-DB=2", "-DC=3") },
		{ "gcc '' -DX='a\"b' -DY=\"a'b\" -DZ='' -D '' -DW",
		  ARGV("-DX=a\"b", "-DY=a'b", "-DZ=", "-DW") },
		/* a backslash that survives the shell is a path separator */
		{ "gcc -I'a\\b' -I\"c\\d\" x.c", ARGV("-I/d/a/b", "-I/d/c/d") },
		/* a program in a quoted path, not cl */
		{ "'/opt/my cc/bin/gcc' -DX x.c", ARGV("-DX") },
		{ "/usr/bin/cl-tool -DX /Ifoo x.c", ARGV("-DX") },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tentry t = { "/d", "x.c", cases[i].command, NULL };
		struct compdb db;
		if (LOAD_ONE(&t, no_maps, &db))
			check_args(__LINE__, &db.entries[0], cases[i].want);
		compdb_free(&db);
	}
	{
		struct tentry t = { "/d", "x.c", "gcc -DA='x y", NULL };
		const char *got = load_error_entries(&t, 1);
		CHECK_EQ_STR(got,
			     arena_fmt(&A,
				       "malformed compilation database '$T/db%u.json': entry 0: "
				       "unterminated quote in \"command\" (line 2)",
				       ndb - 1));
	}
}

/* ---- option translation ---------------------------------------------------------------- */

static void test_compdb__cl_options(void)
{
	struct tentry t = {
		"/d",
		"x.c",
		NULL,
		ARGV("cl.exe", "/c", "/nologo", "/W4", "/O2", "/kernel", "/Zi", "/GS-", "-I", "inc",
		     "-Iinc2", "/I", "inc3", "/D", "X", "-DY#2", "/DZ=a#b", "/U", "W", "-UV", "/FI",
		     "a.h", "-FIb.h", "/std:c++latest", "/std:c11", "/std:clatest", "/external:I",
		     "ext", "/external:Iext2", "/external:W0", "/imsvc", "ms", "/Foobj/",
		     "/Fdx.pdb", "/Xclang", "-include", "/Xclang", "evil.h", "-o", "x.obj",
		     "/showIncludes", "/MP", "/Tc", "x.c", "-isystem", "gccsys", "/link", "/I",
		     "nope", "/DNOPE"),
	};
	struct compdb db;

	if (LOAD_ONE(&t, no_maps, &db)) {
		CHECK_ARGS(&db.entries[0], "-I/d/inc", "-I/d/inc2", "-I/d/inc3", "-DX", "-DY=2",
			   "-DZ=a#b", "-UW", "-UV", "-include", "a.h", "-include", "b.h",
			   "-std=c++2c", "-std=c11", "-std=c23", "-isystem/d/ext",
			   "-isystem/d/ext2", "-isystem/d/ms", "-isystem/d/gccsys", "-x", "c");
		CHECK(!db.entries[0].is_cpp);
	}
	compdb_free(&db);

	/* /TP, /Tp and a trailing option without its value */
	{
		struct tentry t2 = { "/d", "x.c", NULL, ARGV("cl", "/TP", "/DX", "/I") };
		if (LOAD_ONE(&t2, no_maps, &db)) {
			CHECK_ARGS(&db.entries[0], "-DX", "-x", "c++");
			CHECK(db.entries[0].is_cpp);
		}
		compdb_free(&db);
	}
	{
		struct tentry t3 = { "/d", "x.c", NULL, ARGV("clang-cl", "/TC", "/Tpx.c", "/D") };
		if (LOAD_ONE(&t3, no_maps, &db)) {
			CHECK_ARGS(&db.entries[0], "-x", "c++");
			CHECK(db.entries[0].is_cpp);
		}
		compdb_free(&db);
	}
}

static void test_compdb__gcc_options(void)
{
	struct tentry t = {
		"/d",
		"x.c",
		NULL,
		ARGV("cc", "-c", "-o", "-Ifake", "-I", "inc", "-iquote", "q", "-idirafter", "late",
		     "-isystem", "sys", "-isystemsys2", "-D", "A", "-U", "B", "-include",
		     "/abs/f.h", "--include=g.h", "-std=c99", "--std=c11", "-MF", "-DNOPE",
		     "-Xclang", "-DNOPE2", "-x", "c++", "-Wall", "-O2", "-fno-strict-aliasing",
		     "-I-", "/usr/include/x.c", "--target=x86_64-pc-windows-msvc", "-target",
		     "-DNOPE3", "-include-pch", "p.pch", "x.c"),
	};
	struct compdb db;

	if (LOAD_ONE(&t, no_maps, &db)) {
		CHECK_ARGS(&db.entries[0], "-I/d/inc", "-I/d/q", "-isystem/d/late",
			   "-isystem/d/sys", "-isystem/d/sys2", "-DA", "-UB", "-include",
			   "/abs/f.h", "-include", "g.h", "-std=c99", "-std=c11", "-x", "c++");
		CHECK(db.entries[0].is_cpp);
	}
	compdb_free(&db);

	/* "-x none" restores the extension's choice; POSIX "/I" is a file */
	{
		struct tentry t2 = { "/d", "x.cc", NULL,
				     ARGV("g++", "-xc", "-x", "none", "/Ifoo") };
		if (LOAD_ONE(&t2, no_maps, &db)) {
			CHECK_ARGS(&db.entries[0], NULL);
			CHECK(db.entries[0].is_cpp);
		}
		compdb_free(&db);
	}
}

static void test_compdb__language(void)
{
	static const struct {
		const char *file;
		bool cpp;
	} cases[] = {
		{ "a.c", false },  { "a.cpp", true },  { "a.cc", true },     { "a.cxx", true },
		{ "a.C", true },   { "A.CPP", true },  { "a.c++", true },    { "a.h", false },
		{ "a.hpp", true }, { "noext", false }, { "d.cpp/a", false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tentry t = { "/d", cases[i].file, NULL, ARGV("cc", "-c") };
		struct compdb db;
		if (LOAD_ONE(&t, no_maps, &db) && !CHECK_EQ_INT(db.entries[0].is_cpp, cases[i].cpp))
			fprintf(stderr, "  for %s\n", cases[i].file);
		compdb_free(&db);
	}
}

/* ---- paths -------------------------------------------------------------------------------- */

static void test_compdb__relative_paths(void)
{
	struct compdb db;
	struct tentry t[] = {
		{ "sub", "../a.c", NULL, ARGV("cc", "-I../x/./y/../z", "-I", ".", "-I..\\w\\") },
		{ ".", "b.c", NULL, ARGV("cc", "-I/abs//p/", "-I/../..") },
		{ "C:\\w", "src\\..\\c.c", NULL, ARGV("cl", "/I..\\..\\up", "/Irel") },
		{ "\\\\server\\share\\dir", "d.c", NULL, ARGV("cl", "/I..\\inc") },
		{ "/abs/dir/", "/other/./e.c", NULL, ARGV("cc") },
	};

	tmp_mkdir("sub");
	if (LOAD_OK(write_db(t, 5), no_maps, &db) && CHECK_EQ_INT(db.n, 5)) {
		CHECK_EQ_STR(db.entries[0].directory, tmp_path("sub"));
		CHECK_EQ_STR(db.entries[0].file, tmp_path("a.c"));
		CHECK_ARGS(&db.entries[0], arena_fmt(&A, "-I%s/x/z", tmp),
			   arena_fmt(&A, "-I%s/sub", tmp), arena_fmt(&A, "-I%s/w", tmp));
		CHECK_EQ_STR(db.entries[1].directory, tmp);
		CHECK_EQ_STR(db.entries[1].file, tmp_path("b.c"));
		CHECK_ARGS(&db.entries[1], "-I/abs/p", "-I/");
		CHECK_EQ_STR(db.entries[2].directory, "C:/w");
		CHECK_EQ_STR(db.entries[2].file, "C:/w/c.c");
		CHECK_ARGS(&db.entries[2], "-IC:/up", "-IC:/w/rel");
		CHECK_EQ_STR(db.entries[3].directory, "//server/share/dir");
		CHECK_ARGS(&db.entries[3], "-I//server/share/inc");
		CHECK_EQ_STR(db.entries[4].directory, "/abs/dir");
		CHECK_EQ_STR(db.entries[4].file, "/other/e.c");
	}
	compdb_free(&db);

	/* a relative database path resolves against the current directory */
	{
		char *cwd = getcwd(NULL, 0);
		if (CHECK(cwd != NULL) && CHECK(chdir(tmp) == 0)) {
			struct tentry t2 = { ".", "f.c", NULL, ARGV("cc") };
			char *p = write_db(&t2, 1);
			if (LOAD_OK(strrchr(p, '/') + 1, no_maps, &db) && CHECK_EQ_INT(db.n, 1))
				CHECK_EQ_STR(db.entries[0].file, tmp_path("f.c"));
			compdb_free(&db);
			CHECK(chdir(cwd) == 0);
		}
		free(cwd);
	}
}

static void test_compdb__path_maps(void)
{
	const char *from[] = { "C:\\Src\\", "C:/a", "C:/a/b", "/Build", "D:/", "E:/x" };
	const char *to[] = { "/home/u/src", "/x", "/y/", "/nope", "/mnt/d", "" };
	struct compdb_options opt = { from, to, 6 };
	struct tentry t[] = {
		{ "c:\\src\\proj", "a.c", NULL,
		  ARGV("cl", "/I..\\inc", "/IC:\\Srcfoo\\x", "/IC:\\SRC", "-isystem", "C:/a/b/c",
		       "/IC:/a/bc", "/IC:/a", "/Id:\\dd", "/IE:\\x\\y") },
		{ "/build", "b.c", NULL, ARGV("cc", "-I/Build/x", "-I/build/x") },
	};
	struct compdb db;

	if (LOAD_OK(write_db(t, 2), &opt, &db) && CHECK_EQ_INT(db.n, 2)) {
		CHECK_EQ_STR(db.entries[0].directory, "/home/u/src/proj");
		CHECK_EQ_STR(db.entries[0].file, "/home/u/src/proj/a.c");
		CHECK_ARGS(&db.entries[0], "-I/home/u/src/inc", "-IC:/Srcfoo/x", "-I/home/u/src",
			   "-isystem/y/c", "-I/x/bc", "-I/x", "-I/mnt/d/dd", "-I/y");
		CHECK_EQ_STR(db.entries[1].directory, "/build");
		CHECK_ARGS(&db.entries[1], "-I/nope/x", "-I/build/x");
	}
	compdb_free(&db);

	/* maps apply to response file paths and to the directory they are read from */
	{
		const char *f2[] = { "X:\\b" }, *t2[] = { tmp };
		struct compdb_options o2 = { f2, t2, 1 };
		struct tentry t3 = { "x:\\b\\sub", "m.c", NULL,
				     ARGV("cl", "@..\\m.rsp", "@X:\\b\\n.rsp") };
		tmp_write_str("m.rsp", "/DM /Iinc");
		tmp_write_str("n.rsp", "/DN");
		if (LOAD_ONE(&t3, &o2, &db)) {
			CHECK_EQ_STR(db.entries[0].file, tmp_path("sub/m.c"));
			CHECK_ARGS(&db.entries[0], "-DM", arena_fmt(&A, "-I%s/sub/inc", tmp),
				   "-DN");
		}
		compdb_free(&db);
	}
}

static void test_compdb__dedupe(void)
{
	struct tentry t[] = {
		{ "/d", "a.c", NULL, ARGV("cc", "-DFIRST") },
		{ "/d", "./a.c", NULL, ARGV("cc", "-DSECOND") },
		{ "/d/sub", "../a.c", "cc -DTHIRD", NULL },
		{ "C:\\W", "A.C", NULL, ARGV("cl", "/DWIN1") },
		{ "c:/w", "a.c", NULL, ARGV("cl", "/DWIN2") },
		{ "/d", "A.c", NULL, ARGV("cc", "-DCASE") },
	};
	struct compdb db;

	if (LOAD_OK(write_db(t, 6), no_maps, &db) && CHECK_EQ_INT(db.n, 3)) {
		CHECK_EQ_STR(db.entries[0].file, "/d/a.c");
		CHECK_ARGS(&db.entries[0], "-DFIRST");
		CHECK_EQ_STR(db.entries[1].file, "C:/W/A.C");
		CHECK_ARGS(&db.entries[1], "-DWIN1");
		CHECK_EQ_STR(db.entries[2].file, "/d/A.c");
	}
	compdb_free(&db);

	/* a malformed duplicate is still an error */
	{
		struct tentry t2[] = {
			{ "/d", "a.c", NULL, ARGV("cc") },
			{ "/d", "a.c", NULL, NULL },
		};
		CHECK(strstr(load_error_entries(t2, 2),
			     "entry 1 has neither \"arguments\" nor \"command\" (line 3)") != NULL);
	}

	/* many files: the set grows */
	{
		enum { N = 300 };
		struct tentry many[2 * N];
		unsigned i;
		for (i = 0; i < 2 * N; i++) {
			many[i].directory = "/d";
			many[i].file = arena_fmt(&A, "f%u.c", i % N);
			many[i].command = "cc";
			many[i].arguments = NULL;
		}
		if (LOAD_OK(write_db(many, 2 * N), no_maps, &db) && CHECK_EQ_INT(db.n, N))
			CHECK_EQ_STR(db.entries[N - 1].file, arena_fmt(&A, "/d/f%u.c", N - 1));
		compdb_free(&db);
	}
}

/* ---- response files ----------------------------------------------------------------------- */

static void test_compdb__response_files(void)
{
	struct compdb db;

	tmp_mkdir("rsp");
	tmp_write_str("rsp/a.rsp", "-DA '-DB=x y' @b.rsp\n-DAFTER");
	tmp_write_str("rsp/b.rsp", "-DINNER");
	/* UTF-16BE with a byte order mark, and UTF-16LE without one */
	tmp_write("rsp/be.rsp", "\xfe\xff\0/\0D\0B\0E", 10);
	tmp_write("rsp/le.rsp", "/\0D\0L\0E\0", 8);
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "gcc @a.rsp @ -DLAST", NULL };
		if (LOAD_ONE(&t, no_maps, &db))
			CHECK_ARGS(&db.entries[0], "-DA", "-DB=x y", "-DINNER", "-DAFTER",
				   "-DLAST");
		compdb_free(&db);
	}
	{
		struct tentry t = { tmp_path("rsp"), "x.c", NULL,
				    ARGV("cl", "@be.rsp", "@le.rsp") };
		if (LOAD_ONE(&t, no_maps, &db))
			CHECK_ARGS(&db.entries[0], "-DBE", "-DLE");
		compdb_free(&db);
	}
	/* a response file with a drive path is split the Windows way */
	tmp_write_str("rsp/w.rsp", "-IC:\\a\\b \"-DQ=\\\"x\\\"\"");
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "gcc @w.rsp", NULL };
		if (LOAD_ONE(&t, no_maps, &db))
			CHECK_ARGS(&db.entries[0], "-IC:/a/b", "-DQ=\"x\"");
		compdb_free(&db);
	}

	/* errors */
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "gcc -DX @missing.rsp", NULL };
		const char *got = load_error_entries(&t, 1);
		CHECK_EQ_STR(got, arena_fmt(&A,
					    "cannot open response file '$T/rsp/missing.rsp' for "
					    "entry 0 of '$T/db%u.json': No such file or directory",
					    ndb - 1));
	}
	tmp_write_str("rsp/loop.rsp", "-DL @loop.rsp");
	{
		struct tentry t = { tmp_path("rsp"), "x.c", NULL, ARGV("cc", "@loop.rsp") };
		const char *got = load_error_entries(&t, 1);
		CHECK_EQ_STR(got, arena_fmt(&A,
					    "malformed compilation database '$T/db%u.json': entry "
					    "0: response files nested deeper than 16 levels at "
					    "'$T/rsp/loop.rsp' (line 2)",
					    ndb - 1));
	}
	tmp_write_str("rsp/q.rsp", "-DA 'open");
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "cc @q.rsp", NULL };
		CHECK(strstr(
			load_error_entries(&t, 1),
			"entry 0: unterminated quote in response file '$T/rsp/q.rsp' (line 2)"));
	}
	tmp_write("rsp/nul.rsp", "-DA\0-DB", 7);
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "cc @nul.rsp", NULL };
		CHECK(strstr(load_error_entries(&t, 1),
			     "entry 0: response file '$T/rsp/nul.rsp' contains NUL bytes"));
	}
	{
		struct tentry t = { tmp_path("rsp"), "x.c", "cc @.", NULL };
		CHECK(strstr(load_error_entries(&t, 1), "cannot open response file '$T/rsp' for "
							"entry 0 of") != NULL);
	}
}

/* Random command lines load or fail with a message, and never crash. */
static void test_compdb__random_commands(void)
{
	static const char chars[] = "  \\\"'/-@IDUFTxXc:C$`\t\nabp.+#=";
	unsigned seed = 4711, i, j;
	char cmd[48];

	tmp_mkdir("rnd");
	tmp_write_str("rnd/p", "-DP \"@p\" \\\" '");
	for (i = 0; i < 400; i++) {
		struct tentry t = { tmp_path("rnd"), "x.c", cmd, NULL };
		struct compdb db;
		char *err = NULL;
		unsigned n = 1 + i % (sizeof(cmd) - 8);
		memcpy(cmd, i % 2 ? "cl " : "cc ", 3);
		for (j = 3; j < n + 3; j++) {
			seed = seed * 1103515245 + 12345;
			cmd[j] = chars[(seed >> 16) % (sizeof(chars) - 1)];
		}
		cmd[j] = '\0';
		if (compdb_load(write_db(&t, 1), no_maps, &db, &err) == 0) {
			CHECK(db.n == 1 && err == NULL);
			for (j = 0; j < db.entries[0].nargs; j++)
				CHECK(db.entries[0].args[j][0] == '-');
			compdb_free(&db);
		} else {
			if (!CHECK(err != NULL && strchr(err, '\n') == NULL))
				fprintf(stderr, "  [%s]\n", err);
			free(err);
		}
	}
}

/* ---- malformed databases ------------------------------------------------------------------- */

static void test_compdb__malformed(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "", "cannot parse '$F': unexpected end of input at line 1, column 1" },
		{ "garbage", "cannot parse '$F': expected a value at line 1, column 1" },
		{ "[{\"file\": \"a.c\"", "cannot parse '$F': unexpected end of input at line 1, "
					 "column 16" },
		{ "[{\"file\": \"a.c\",}]", "cannot parse '$F': expected a string (object key) "
					    "at line 1, column 17" },
		{ "{\"file\": \"a.c\"}", "malformed compilation database '$F': the top level is "
					 "an object, not an array" },
		{ "\"x\"", "malformed compilation database '$F': the top level is a string, not "
			   "an array" },
		{ "[\n 1]", "malformed compilation database '$F': entry 0 is a number, not an "
			    "object (line 2)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"command\": \"cc\"},\n [null]]",
		  "malformed compilation database '$F': entry 1 is an array, not an object (line "
		  "2)" },
		{ "[{\"directory\": \"/d\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0 has no \"file\" (line 1)" },
		{ "[{\"file\": \"a.c\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0 has no \"directory\" (line 1)" },
		{ "[{\"directory\": \"/d\",\n \"file\": 3, \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0: \"file\" is a number, not a "
		  "string (line 2)" },
		{ "[{\"directory\": [\"/d\"], \"file\": \"a.c\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0: \"directory\" is an array, not a "
		  "string (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0: \"file\" is empty (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a\\u0000.c\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0: \"file\" contains a NUL character "
		  "(line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\"}]",
		  "malformed compilation database '$F': entry 0 has neither \"arguments\" nor "
		  "\"command\" (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"arguments\": \"cc -c\"}]",
		  "malformed compilation database '$F': entry 0: \"arguments\" is a string, not an "
		  "array (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"arguments\": []}]",
		  "malformed compilation database '$F': entry 0: \"arguments\" is empty (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"arguments\": [\"cc\",\n 1]}]",
		  "malformed compilation database '$F': entry 0: \"arguments\" element 1 is a "
		  "number, not a string (line 2)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"arguments\": [\"cc\", "
		  "\"\\u0000\"]}]",
		  "malformed compilation database '$F': entry 0: \"arguments\" element 1 "
		  "contains a NUL character (line 1)" },
		{ "[{\"directory\": null, \"file\": \"a.c\", \"command\": \"cc\"}]",
		  "malformed compilation database '$F': entry 0: \"directory\" is null, not a "
		  "string (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"command\": {}}]",
		  "malformed compilation database '$F': entry 0: \"command\" is an object, not a "
		  "string (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"command\": \" \\t\\n\"}]",
		  "malformed compilation database '$F': entry 0: \"command\" is empty (line 1)" },
		{ "[{\"directory\": \"/d\", \"file\": \"a.c\", \"command\": \"cc\\u0000x\"}]",
		  "malformed compilation database '$F': entry 0: \"command\" contains a NUL "
		  "character (line 1)" },
	};
	struct compdb db;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = load_error_text(cases[i].text);
		const char *file = arena_fmt(&A, "$T/db%u.json", ndb - 1);
		char want[1024];
		const char *p = strstr(cases[i].want, "$F");
		snprintf(want, sizeof(want), "%.*s%s%s", (int)(p - cases[i].want), cases[i].want,
			 file, p + 2);
		if (!CHECK_EQ_STR(got, want))
			fprintf(stderr, "  for case %zu\n", i);
	}

	/* an empty array is a valid, empty database */
	if (LOAD_OK(tmp_write_str("empty.json", " [ ] "), no_maps, &db))
		CHECK_EQ_INT(db.n, 0);
	compdb_free(&db);

	/* a UTF-16LE database with a byte order mark (PowerShell's Out-File);
	 * the text is Latin-1, whose bytes are its UTF-16 code units */
	{
		const char *json = "[{\"directory\": \"/d\", \"file\": \"\xe9.c\", "
				   "\"command\": \"cc -DX\"}]";
		size_t n = strlen(json), k;
		char *u16 = arena_alloc(&A, 2 * n + 2);
		u16[0] = (char)0xff;
		u16[1] = (char)0xfe;
		for (k = 0; k < n; k++)
			u16[2 + 2 * k] = json[k];
		if (LOAD_OK(tmp_write("u16.json", u16, 2 * n + 2), no_maps, &db) &&
		    CHECK_EQ_INT(db.n, 1)) {
			CHECK_EQ_STR(db.entries[0].file, "/d/\xc3\xa9.c");
			CHECK_ARGS(&db.entries[0], "-DX");
		}
		compdb_free(&db);
	}

	/* missing files and directories */
	CHECK_EQ_STR(load_error_path(tmp_path("nope.json"), no_maps),
		     "cannot open '$T/nope.json': No such file or directory");
	tmp_mkdir("nodb");
	CHECK_EQ_STR(load_error_path(tmp_path("nodb"), no_maps),
		     "cannot open '$T/nodb/compile_commands.json': No such file or directory");
	tmp_mkdir("nodb/compile_commands.json");
	CHECK_EQ_STR(load_error_path(tmp_path("nodb"), no_maps),
		     "cannot open '$T/nodb/compile_commands.json': Is a directory");
	/* a NULL err is allowed */
	CHECK(compdb_load(tmp_path("nope.json"), NULL, &db, NULL) == -1);
}

/* ---- harness -------------------------------------------------------------------------------- */

static void run(const char *name, void (*fn)(void))
{
	arena_init(&A);
	unit_run(name, fn);
	arena_release(&A);
}

#define RUN(fn) run(#fn, fn)

void unit_main(void)
{
	char templ[] = "/tmp/fltcheck-compdb-XXXXXX";
	unsigned i;

	tmp = mkdtemp(templ);
	if (!tmp) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	RUN(test_compdb__posix_data);
	RUN(test_compdb__windows_data);
	RUN(test_compdb__windows_quoting);
	RUN(test_compdb__posix_quoting);
	RUN(test_compdb__cl_options);
	RUN(test_compdb__gcc_options);
	RUN(test_compdb__language);
	RUN(test_compdb__relative_paths);
	RUN(test_compdb__path_maps);
	RUN(test_compdb__dedupe);
	RUN(test_compdb__response_files);
	RUN(test_compdb__random_commands);
	RUN(test_compdb__malformed);
	for (i = made.n; i-- > 0;) {
		if (remove(made.v[i]) != 0)
			fprintf(stderr, "cannot remove '%s': %s\n", (char *)made.v[i],
				strerror(errno));
		free(made.v[i]);
	}
	ptrvec_free(&made);
	rmdir(tmp);
}
