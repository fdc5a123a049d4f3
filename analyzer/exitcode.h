/*
 * fltcheck's exit statuses, shared by the scan and the database commands.
 * EXIT_INCOMPLETE wins over EXIT_FINDINGS; the error codes (2, 4, 130) win
 * over both, because nothing was decided.
 */
#ifndef FLTCHECK_EXITCODE_H
#define FLTCHECK_EXITCODE_H

enum {
	EXIT_CLEAN = 0,      /* no findings that fail the run */
	EXIT_FINDINGS = 1,   /* findings (not suppressed, baselined or triaged away) */
	EXIT_USAGE = 2,      /* usage error or bad input (options, files, compile DB, baseline) */
	EXIT_INCOMPLETE = 3, /* some code could not be analyzed */
	EXIT_DATABASE = 4,   /* the database is damaged, newer, locked or cannot be written */
	EXIT_INTERRUPTED = 130, /* SIGINT or SIGTERM: nothing of the run was stored */
};

#endif
