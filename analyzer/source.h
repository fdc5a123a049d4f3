/*
 * Source text access for messages and reports: reads files once and keeps
 * their lines, so that a note can quote the condition it assumed.
 */
#ifndef FLTCHECK_SOURCE_H
#define FLTCHECK_SOURCE_H

/*
 * The text of the expression that starts at line:col of file, up to where
 * it ends (a closing parenthesis that was not opened, or at the outermost
 * level ';', '{', '?', ',' or the end of the line). Caller frees; NULL if
 * the file or position cannot be read.
 */
char *source_expr_text(const char *file, unsigned line, unsigned col);
/* Line 'line' of file without its newline, or NULL. Owned by the cache. */
const char *source_line(const char *file, unsigned line);
/* Drops the cache. */
void source_release(void);

#endif
