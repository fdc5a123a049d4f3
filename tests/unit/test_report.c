/*
 * Unit tests for the HTML report's text handling (analyzer/report.c): the
 * escaper, and the Markdown converter on the rule documents and on hostile
 * input (markup in every construct, unsafe link schemes, quotes in URLs).
 */
#include "report.h"

#include "rule.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The converter's output for md; heap. */
static char *md(const char *text, int shift)
{
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);
	report_markdown(f, text, shift);
	fclose(f);
	return p;
}

static char *esc(const char *text)
{
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);
	report_html_escape(f, text);
	fclose(f);
	return p;
}

static void test_report__escape(void)
{
	char *s = esc("<script>a&b\"c'd</textarea>");
	CHECK_EQ_STR(s, "&lt;script&gt;a&amp;b&quot;c&#39;d&lt;/textarea&gt;");
	free(s);
	s = esc("");
	CHECK_EQ_STR(s, "");
	free(s);
}

static void test_report__blocks(void)
{
	char *s = md("# Title `x`\n\nSome *text*\nmore.\n\n- one\n  cont\n- two\n\n1. a\n2. b\n\n"
		     "```c\nint a < b;\n```\nafter\n",
		     1);
	CHECK_EQ_STR(s, "<h2 id=\"doc-title-x\">Title <code>x</code></h2>\n"
			"<p>Some *text*\nmore.</p>\n"
			"<ul>\n<li>one\ncont</li>\n<li>two</li>\n</ul>\n"
			"<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"
			"<pre><code class=\"language-c\">int a &lt; b;\n</code></pre>\n"
			"<p>after</p>\n");
	free(s);
}

static void test_report__inline(void)
{
	char *s = md("**bold** [doc](https://example.com/a?b=1&c=2) see https://x.org/y.\n", 0);
	CHECK_EQ_STR(
		s, "<p><strong>bold</strong> <a href=\"https://example.com/a?b=1&amp;c=2\">doc</a>"
		   " see <a href=\"https://x.org/y\">https://x.org/y</a>.</p>\n");
	free(s);
}

static void test_report__hostile(void)
{
	char *s = md("# <script>alert(1)</script>\n"
		     "<textarea> & \"q\" 'q'\n\n"
		     "- [x](javascript:alert(1)) [y](https://a\"onmouseover=\"alert(1))\n"
		     "- `</code><script>`\n\n"
		     "```\"><script>\n</pre></code><script>alert(1)</script>\n```\n"
		     "https://e.com/\"><script>\n",
		     0);
	CHECK(!strstr(s, "<script"));
	CHECK(!strstr(s, "<textarea"));
	CHECK(!strstr(s, "javascript:alert(1)\""));
	CHECK(!strstr(s, "href=\"javascript"));
	CHECK(!strstr(s, "\"onmouseover"));
	CHECK(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK(strstr(s, "<code>&lt;/code&gt;&lt;script&gt;</code>") != NULL);
	free(s);
	s = md(NULL, 0);
	CHECK_EQ_STR(s, "");
	free(s);
	s = md("```\nunterminated < fence", 0);
	CHECK_EQ_STR(s, "<pre><code>unterminated &lt; fence\n</code></pre>\n");
	free(s);
}

/* Every rule document converts, with its sections and Microsoft links. */
static void test_report__rule_docs(void)
{
	for (unsigned i = 0; rule_table[i]; i++) {
		const char *doc = rule_doc(rule_table[i]->id);
		if (!CHECK(doc != NULL))
			continue;
		char *s = md(doc, 1);
		CHECK(strstr(s, "<h2 id=\"doc-") == s);
		CHECK(strstr(s, "id=\"doc-microsoft-documentation\"") != NULL);
		CHECK(strstr(s, "<a href=\"https://learn.microsoft.com/") != NULL);
		CHECK(strstr(s, "<pre><code") != NULL);
		CHECK(!strstr(s, "<script"));
		free(s);
	}
}

void unit_main(void)
{
	UNIT_RUN(test_report__escape);
	UNIT_RUN(test_report__blocks);
	UNIT_RUN(test_report__inline);
	UNIT_RUN(test_report__hostile);
	UNIT_RUN(test_report__rule_docs);
}
