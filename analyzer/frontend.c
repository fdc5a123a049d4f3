/*
 * The frontend as the rest of fltcheck sees it (ast.h). The parser itself,
 * ast.c, lives in the module libfltfront.so together with libclang; loading
 * libclang and LLVM costs tens of milliseconds, so this file dlopen()s the
 * module only on the first ast_parse or ast_clang_version. A run that takes
 * every unit from the database's cache, or asks only for --help, never loads
 * it. The module is found as ast.h describes; when none loads, every parse
 * yields a TU that was not parsed, with the reason, and nothing crashes.
 */
#define _GNU_SOURCE
#include "ast.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

#ifndef FLTCHECK_FRONTEND_ID
#	error "FLTCHECK_FRONTEND_ID must name the parser (see CMakeLists.txt)"
#endif
#ifndef FLTCHECK_FRONTEND_DEFAULT
#	define FLTCHECK_FRONTEND_DEFAULT ""
#endif

static pthread_once_t front_once = PTHREAD_ONCE_INIT;
static const struct fltfront_api *front_api; /* set once, when the module loaded */
static char *front_error;                    /* else why not; process lifetime */
static char *front_unavailable;              /* ast_clang_version's answer then */

/* The module beside the running executable; heap string, or NULL. */
static char *module_beside_exe(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xfmt("%s/%s", exe, FLTFRONT_NAME);
}

/* dlerror() often starts with the path, which our message already names. */
static const char *without_path(const char *msg, const char *path)
{
	size_t n = strlen(path);
	if (!strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2))
		return msg + n + 2;
	return msg;
}

/* Loads the module at 'path'; returns its table, or NULL with *err (heap). */
static const struct fltfront_api *module_open(const char *path, char **err)
{
	static const size_t sizes[FLTFRONT_NSIZES] = FLTFRONT_SIZES;
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		*err = xfmt("cannot load the parser module '%s': %s", path,
			    why ? without_path(why, path) : "unknown error");
		return NULL;
	}
	const struct fltfront_api *api = dlsym(h, FLTFRONT_SYMBOL);
	if (!api) {
		*err = xfmt("cannot load the parser module '%s': it does not define %s", path,
			    FLTFRONT_SYMBOL);
	} else if (!api->key || strcmp(api->key, FLTFRONT_KEY) != 0 ||
		   memcmp(api->sizes, sizes, sizeof(sizes)) != 0 || !api->parse ||
		   !api->clang_version) {
		*err = xfmt("cannot load the parser module '%s': it was built for '%s', not for "
			    "this fltcheck ('%s')",
			    path, api->key ? api->key : "?", FLTFRONT_KEY);
	} else {
		return api; /* never closed: the TUs it made point into it */
	}
	dlclose(h);
	return NULL;
}

static void front_load(void)
{
	const char *env = getenv("FLTCHECK_FRONTEND");
	char *cands[2] = { NULL, NULL };
	unsigned nc = 0;
	if (env && *env) {
		cands[nc++] = xstrdup(env); /* asked for: no other */
	} else {
		char *beside = module_beside_exe();
		if (beside)
			cands[nc++] = beside;
		if (*FLTCHECK_FRONTEND_DEFAULT &&
		    (!beside || strcmp(beside, FLTCHECK_FRONTEND_DEFAULT) != 0))
			cands[nc++] = xstrdup(FLTCHECK_FRONTEND_DEFAULT);
	}
	/* The first that loads wins; else the reason reported is that of the
	 * first one that exists, or the first one's. */
	char *errs[2] = { NULL, NULL };
	for (unsigned i = 0; i < nc && !front_api; i++)
		front_api = module_open(cands[i], &errs[i]);
	if (!front_api) {
		unsigned pick = 0;
		for (unsigned i = nc; i-- > 0;)
			if (errs[i] && access(cands[i], F_OK) == 0)
				pick = i;
		front_error = errs[pick] ? errs[pick]
					 : xstrdup("cannot load the parser module: no path to try");
		errs[pick] = NULL;
		front_unavailable = xfmt("parser unavailable: %s", front_error);
	}
	for (unsigned i = 0; i < nc; i++) {
		free(errs[i]);
		free(cands[i]);
	}
}

static void *preload_main(void *unused)
{
	(void)unused;
	pthread_once(&front_once, front_load);
	return NULL;
}

static pthread_t preload_th;
static bool preload_started;

void ast_preload(void)
{
	if (preload_started)
		return;
	preload_started = pthread_create(&preload_th, NULL, preload_main, NULL) == 0;
}

void ast_preload_wait(void)
{
	if (preload_started)
		pthread_join(preload_th, NULL);
	preload_started = false;
}

struct ir_tu *ast_parse(const char *path, const struct ast_options *opt)
{
	pthread_once(&front_once, front_load);
	if (front_api)
		return front_api->parse(path, opt);
	struct ir_tu *ir = xcalloc(1, sizeof(*ir));
	arena_init(&ir->arena);
	ir->path = arena_strdup(&ir->arena, path ? path : "");
	ir->fail_reason = arena_strdup(&ir->arena, front_error);
	return ir;
}

void ast_tu_free(struct ir_tu *tu)
{
	if (!tu)
		return;
	arena_release(&tu->arena);
	free(tu);
}

const char *ast_clang_version(void)
{
	pthread_once(&front_once, front_load);
	return front_api ? front_api->clang_version() : front_unavailable;
}

static pthread_once_t id_once = PTHREAD_ONCE_INIT;
static char front_id[512];

/* The module that front_load would try first, as a stat: a rebuilt module is another parser. */
static void id_make(void)
{
	const char *env = getenv("FLTCHECK_FRONTEND");
	char *path = env && *env ? xstrdup(env) : module_beside_exe();
	struct stat st;
	if (!path || stat(path, &st) != 0) {
		free(path);
		path = xstrdup(FLTCHECK_FRONTEND_DEFAULT);
	}
	if (stat(path, &st) == 0)
		snprintf(front_id, sizeof(front_id), "%s module %lld %lld.%09ld",
			 FLTCHECK_FRONTEND_ID, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			 st.st_mtim.tv_nsec);
	else
		snprintf(front_id, sizeof(front_id), "%s", FLTCHECK_FRONTEND_ID);
	free(path);
}

const char *ast_frontend_id(void)
{
	pthread_once(&id_once, id_make);
	return front_id;
}
