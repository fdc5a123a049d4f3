/*
 * `fltcheck report --html DIR`: a static HTML report of one stored run, built
 * from the findings database and the templates in report-templates/ (compiled
 * in). It writes DIR/index.html (the run's summary, the files that could not
 * be analyzed and a findings table that filters and sorts in the browser),
 * DIR/findings/<n>.html (one page per finding: the annotated source of the
 * enclosing function with the numbered path steps drawn at their lines, the
 * rule's documentation) and DIR/style.css and DIR/report.js. The report needs
 * no network and works from file://. Every text that comes from the sources,
 * the database or the rule documents is HTML-escaped; JSON embedded in a
 * <script> element has '<', '>' and '&' escaped as \u003c and so on.
 */
#ifndef FLTCHECK_REPORT_H
#define FLTCHECK_REPORT_H

#include <stdio.h>

/*
 * The `report` command: argv[0] is "report". Returns an exit status of
 * exitcode.h: EXIT_CLEAN when the report was written, EXIT_USAGE for bad
 * options, a missing database, an unknown run or an output folder that
 * cannot be written, EXIT_DATABASE when the database cannot be read.
 */
int report_main(int argc, char **argv);

/* Writes s with & < > " ' as character references. NULL writes nothing. */
void report_html_escape(FILE *out, const char *s);

/*
 * Writes the Markdown text md as HTML: ATX headings (shifted down by
 * heading_shift levels), paragraphs, fenced code blocks, '-', '*' and '1.'
 * lists, `code`, **bold**, [text](url) and bare http(s) URLs as links (other
 * URL schemes stay text). All text is escaped; no HTML in md passes through.
 */
void report_markdown(FILE *out, const char *md, int heading_shift);

#endif
