/*
 * Unit tests for the JSON reader and string writer (analyzer/json.c):
 * values and positions, every escape, errors with their line and column,
 * truncated, deep, huge and random inputs, and the writer's round trip.
 */
#include "json.h"

#include "arena.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct json_value *parse(const char *s, char **err)
{
	return json_parse(s, strlen(s), err);
}

/* The error message for s, which must not parse; a static copy. */
static const char *error_of(const char *s, size_t len)
{
	static char buf[256];
	char *err = NULL;
	struct json_value *v = json_parse(s, len, &err);

	if (v) {
		json_free(v);
		return "(parsed)";
	}
	if (!err)
		return "(no message)";
	snprintf(buf, sizeof(buf), "%s", err);
	free(err);
	return buf;
}

#define CHECK_ERROR(s, msg) CHECK_EQ_STR(error_of((s), strlen(s)), (msg))

static void test_json__values(void)
{
	char *err = NULL;
	struct json_value *v = parse(" {\"b\": [1, -2.5e3, 0, true, false, null],\n"
				     "  \"a\": \"x\", \"b\": {}, \"\": []} ",
				     &err);
	const struct json_value *b;

	if (!CHECK(v != NULL)) {
		free(err);
		return;
	}
	CHECK(err == NULL);
	CHECK_EQ_INT(v->type, JSON_OBJECT);
	CHECK_EQ_INT(v->n, 4);
	CHECK_EQ_STR(v->members[0].key, "b");
	CHECK_EQ_STR(v->members[1].key, "a");
	CHECK_EQ_STR(v->members[2].key, "b");
	CHECK_EQ_STR(v->members[3].key, "");
	b = json_get(v, "b"); /* the first of the duplicates */
	CHECK_EQ_INT(b->type, JSON_ARRAY);
	CHECK_EQ_INT(b->n, 6);
	CHECK_EQ_INT(b->items[0]->type, JSON_NUMBER);
	CHECK(b->items[0]->number == 1.0);
	CHECK(b->items[1]->number == -2500.0);
	CHECK(b->items[2]->number == 0.0);
	CHECK_EQ_INT(b->items[3]->type, JSON_BOOL);
	CHECK(b->items[3]->boolean);
	CHECK(!b->items[4]->boolean);
	CHECK_EQ_INT(b->items[5]->type, JSON_NULL);
	CHECK_EQ_STR(json_string(json_get(v, "a")), "x");
	CHECK(json_get(v, "c") == NULL);
	CHECK(json_get(b, "a") == NULL);
	CHECK(json_string(b) == NULL);
	CHECK_EQ_INT(json_get(v, "")->type, JSON_ARRAY);
	/* positions */
	CHECK_EQ_INT(v->line, 1);
	CHECK_EQ_INT(v->column, 2);
	CHECK_EQ_INT(b->items[1]->line, 1);
	CHECK_EQ_INT(b->items[1]->column, 12);
	CHECK_EQ_INT(json_get(v, "a")->line, 2);
	CHECK_EQ_INT(json_get(v, "a")->column, 8);
	CHECK_EQ_STR(json_type_name(JSON_OBJECT), "object");
	CHECK_EQ_STR(json_type_name(JSON_BOOL), "boolean");
	json_free(v);
	json_free(NULL);

	/* scalars at the top level, and a leading UTF-8 byte order mark (not counted
	 * as a column) */
	v = parse("\xef\xbb\xbf 42 ", &err);
	if (CHECK(v != NULL))
		CHECK(v->type == JSON_NUMBER && v->number == 42.0 && v->column == 2);
	json_free(v);
	v = parse("\"\"", &err);
	if (CHECK(v != NULL))
		CHECK(v->type == JSON_STRING && v->len == 0 && strcmp(v->string, "") == 0);
	json_free(v);
	v = parse("[1e400, -0, 0.5E-3, 123456789012345678901234567890]", &err);
	if (CHECK(v != NULL)) {
		CHECK(v->items[0]->number > 1e300);
		CHECK(v->items[2]->number == 0.0005);
	}
	json_free(v);
	v = json_parse(NULL, 0, &err);
	CHECK(v == NULL);
	CHECK_EQ_STR(err, "unexpected end of input at line 1, column 1");
	free(err);
}

static void test_json__escapes(void)
{
	char *err = NULL;
	struct json_value *v = parse(
		"[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20AC\", "
		"\"\\ud83d\\ude00\", \"x\\u0000y\", \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]",
		&err);

	if (!CHECK(v != NULL)) {
		free(err);
		return;
	}
	CHECK_EQ_STR(v->items[0]->string, "a\"b\\c/d\b\f\n\r\t");
	CHECK_EQ_STR(v->items[1]->string, "A\xc3\xa9\xe2\x82\xac");
	CHECK_EQ_STR(v->items[2]->string, "\xf0\x9f\x98\x80");
	CHECK_EQ_INT(v->items[3]->len, 3);
	CHECK(memcmp(v->items[3]->string, "x\0y", 4) == 0);
	CHECK_EQ_STR(v->items[4]->string, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	json_free(v);
}

static void test_json__errors(void)
{
	CHECK_ERROR("", "unexpected end of input at line 1, column 1");
	CHECK_ERROR("  \n ", "unexpected end of input at line 2, column 2");
	CHECK_ERROR("{\"a\": 1,\n \"b\" 2}", "expected ':' at line 2, column 6");
	CHECK_ERROR("{\"a\": 1\n\n    \"b\": 2}", "expected ',' or '}' at line 3, column 5");
	CHECK_ERROR("[1 2]", "expected ',' or ']' at line 1, column 4");
	CHECK_ERROR("[1,]", "expected a value at line 1, column 4");
	CHECK_ERROR("{\"a\":1,}", "expected a string (object key) at line 1, column 8");
	CHECK_ERROR("{a:1}", "expected a string (object key) at line 1, column 2");
	CHECK_ERROR("[01]", "invalid number (leading zero) at line 1, column 2");
	CHECK_ERROR("[1.]", "invalid number (no digits after '.') at line 1, column 2");
	CHECK_ERROR("[1e+]", "invalid number (no digits in exponent) at line 1, column 2");
	CHECK_ERROR("[-]", "invalid number at line 1, column 2");
	CHECK_ERROR("[+1]", "expected a value at line 1, column 2");
	CHECK_ERROR("[.5]", "expected a value at line 1, column 2");
	CHECK_ERROR("[tru]", "invalid literal (expected 'true') at line 1, column 2");
	CHECK_ERROR("[nul", "unexpected end of input at line 1, column 5");
	CHECK_ERROR("[NaN]", "expected a value at line 1, column 2");
	CHECK_ERROR("\"a\\qb\"", "invalid escape '\\q' in string at line 1, column 3");
	CHECK_ERROR("\"\\u12G4\"",
		    "invalid \\u escape (expected 4 hex digits) at line 1, column 2");
	CHECK_ERROR("\"\\u12\"", "invalid \\u escape (expected 4 hex digits) at line 1, column 2");
	CHECK_ERROR("\"\\ud800\"", "unpaired surrogate \\uD800 in string at line 1, column 2");
	CHECK_ERROR("\"\\ud800\\u0041\"",
		    "unpaired surrogate \\uD800 in string at line 1, column 2");
	CHECK_ERROR("\"x\\udc00\"", "unpaired surrogate \\uDC00 in string at line 1, column 3");
	CHECK_ERROR("\"a\tb\"", "unescaped control character 0x09 in string at line 1, column 3");
	CHECK_ERROR("\"a\nb\"", "unescaped control character 0x0a in string at line 1, column 3");
	CHECK_ERROR("\"\xc3\"", "invalid UTF-8 in string at line 1, column 2");
	CHECK_ERROR("\"\xc0\xaf\"", "invalid UTF-8 in string at line 1, column 2");
	CHECK_ERROR("\"\xed\xa0\x80\"", "invalid UTF-8 in string at line 1, column 2");
	CHECK_ERROR("\"\xf4\x90\x80\x80\"", "invalid UTF-8 in string at line 1, column 2");
	CHECK_ERROR("\"\xff\"", "invalid UTF-8 in string at line 1, column 2");
	CHECK_ERROR("\"abc", "unexpected end of input in string at line 1, column 5");
	CHECK_ERROR("\"abc\\", "unexpected end of input in string at line 1, column 6");
	CHECK_ERROR("[1] x", "unexpected characters after the JSON value at line 1, column 5");
	CHECK_ERROR("[1] []", "unexpected characters after the JSON value at line 1, column 5");
	CHECK_ERROR("// c\n[]", "expected a value at line 1, column 1");
	CHECK_ERROR("['a']", "expected a value at line 1, column 2");
	CHECK_ERROR("\xef\xbb", "expected a value at line 1, column 1");
	/* NUL bytes are data, not terminators */
	CHECK_EQ_STR(error_of("[1]\0", 4),
		     "unexpected NUL byte after the JSON value at line 1, column 4");
	CHECK_EQ_STR(error_of("[\0]", 3), "unexpected NUL byte at line 1, column 2");
	CHECK_EQ_STR(error_of("\"a\0\"", 4),
		     "unescaped control character 0x00 in string at line 1, column 3");
	CHECK_EQ_STR(error_of("[1,\n\0", 5), "unexpected NUL byte at line 2, column 1");
	/* a NULL err is allowed */
	CHECK(json_parse("[", 1, NULL) == NULL);
}

/* Every proper prefix of a valid document fails cleanly. */
static void test_json__truncated(void)
{
	const char *doc = "\xef\xbb\xbf[{\"directory\": \"C:\\\\x\", \"arguments\": [\"cl\", "
			  "\"/DX=\\\"\\u00e9\\ud83d\\ude00\\\"\"], \"n\": -1.5e+3, \"t\": true, "
			  "\"f\": false, \"z\": null, \"o\": {}, \"a\": []}]";
	size_t len = strlen(doc), i;
	struct json_value *v;

	v = json_parse(doc, len, NULL);
	CHECK(v != NULL);
	json_free(v);
	for (i = 0; i < len; i++) {
		char *err = NULL;
		/* an exact-size copy so that ASan sees reads past the end */
		char *part = xmalloc(i ? i : 1);
		memcpy(part, doc, i);
		v = json_parse(part, i, &err);
		if (!CHECK(v == NULL) || !CHECK(err != NULL))
			fprintf(stderr, "  prefix of %zu bytes\n", i);
		json_free(v);
		free(err);
		free(part);
	}
}

static void test_json__depth(void)
{
	size_t n = 1000000, i;
	char *s = xmalloc(2 * n + 1);
	struct json_value *v;
	char *err = NULL;

	for (i = 0; i < JSON_MAX_DEPTH; i++) {
		s[i] = '[';
		s[2 * JSON_MAX_DEPTH - 1 - i] = ']';
	}
	v = json_parse(s, 2 * JSON_MAX_DEPTH, &err);
	CHECK(v != NULL);
	json_free(v);

	for (i = 0; i < JSON_MAX_DEPTH + 1; i++) {
		s[i] = '[';
		s[2 * (JSON_MAX_DEPTH + 1) - 1 - i] = ']';
	}
	CHECK_EQ_STR(error_of(s, 2 * (JSON_MAX_DEPTH + 1)),
		     "nesting deeper than 512 levels at line 1, column 513");

	/* a million open brackets, and a million object openers */
	memset(s, '[', n);
	CHECK_EQ_STR(error_of(s, n), "nesting deeper than 512 levels at line 1, column 513");
	for (i = 0; i < n; i++)
		s[i] = "{\"a\":"[i % 5];
	v = json_parse(s, n, &err);
	CHECK(v == NULL && err && strstr(err, "nesting deeper than 512 levels"));
	free(err);
	free(s);
}

static void test_json__huge(void)
{
	size_t n = 8u << 20, i;
	char *s = xmalloc(n + 2);
	struct json_value *v;
	char *err = NULL;

	s[0] = '"';
	for (i = 1; i <= n; i++)
		s[i] = (char)('a' + i % 26);
	s[n + 1] = '"';
	v = json_parse(s, n + 2, &err);
	if (CHECK(v != NULL))
		CHECK_EQ_INT(v->len, n);
	json_free(v);
	free(s);

	/* a long array of numbers */
	n = 200000;
	s = xmalloc(2 * n + 2);
	s[0] = '[';
	for (i = 0; i < n; i++) {
		s[1 + 2 * i] = '7';
		s[2 + 2 * i] = i + 1 < n ? ',' : ']';
	}
	v = json_parse(s, 2 * n + 1, &err);
	if (CHECK(v != NULL))
		CHECK_EQ_INT(v->n, n);
	json_free(v);
	free(s);
}

/* Random bytes and random mutations of a valid document never crash. */
static void test_json__random(void)
{
	const char *doc = "[{\"file\": \"a\\u00e9.c\", \"args\": [\"-DX=\\\"1\\\"\", 1.5e3, true, "
			  "null, false, {\"k\": [[], {}]}]}]";
	size_t len = strlen(doc), i, j;
	unsigned seed = 12345;
	char *buf = xmalloc(len);

	for (i = 0; i < 20000; i++) {
		struct json_value *v;
		char *err = NULL;
		memcpy(buf, doc, len);
		for (j = 0; j < 1 + i % 4; j++) {
			seed = seed * 1103515245 + 12345;
			buf[(seed >> 8) % len] = (char)(seed >> 20);
		}
		v = json_parse(buf, len, &err);
		CHECK((v == NULL) == (err != NULL));
		json_free(v);
		free(err);
	}
	for (i = 0; i < 5000; i++) {
		struct json_value *v;
		size_t n = i % len;
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = "[]{}\",:\\u0123abtrfnle.-+ \n\x80\xc3\xff"[(seed >> 16) % 29];
		}
		v = json_parse(buf, n, NULL);
		json_free(v);
	}
	free(buf);
}

/* What json_write_string_n writes for s[0..len); a static copy. */
static const char *written(const char *s, size_t len)
{
	static char out[4096];
	FILE *f = tmpfile();
	size_t n;

	if (!f)
		return "(no tmpfile)";
	if (json_write_string_n(f, s, len) < 0)
		return "(write error)";
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static void test_json__write(void)
{
	char all[256];
	struct json_value *v;
	const char *w;
	char *err = NULL;
	int i;
	FILE *f;

	CHECK_EQ_STR(written("plain", 5), "\"plain\"");
	CHECK_EQ_STR(written("", 0), "\"\"");
	CHECK_EQ_STR(written("a\"b\\c/d", 7), "\"a\\\"b\\\\c/d\"");
	CHECK_EQ_STR(written("\b\f\n\r\t\x01\x1f\x7f", 8), "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"");
	CHECK_EQ_STR(written("x\0y", 3), "\"x\\u0000y\"");
	CHECK_EQ_STR(written("\xc3\xa9\xf0\x9f\x98\x80", 6), "\"\xc3\xa9\xf0\x9f\x98\x80\"");
	CHECK_EQ_STR(written("\xe2\x80\xa8\xe2\x80\xa9", 6), "\"\\u2028\\u2029\"");
	CHECK_EQ_STR(written("a\xff"
			     "b\xc3",
			     4),
		     "\"a\\ufffdb\\ufffd\"");
	CHECK_EQ_STR(written("\xed\xa0\x80", 3), "\"\\ufffd\\ufffd\\ufffd\"");
	CHECK_EQ_STR(written("C:\\Program Files\\x", 18), "\"C:\\\\Program Files\\\\x\"");
	CHECK_EQ_STR(written(NULL, 0), "null");

	f = tmpfile();
	if (CHECK(f != NULL)) {
		char out[64];
		size_t n;
		CHECK_EQ_INT(json_write_string(f, "tab\there"), 0);
		rewind(f);
		n = fread(out, 1, sizeof(out) - 1, f);
		out[n] = '\0';
		CHECK_EQ_STR(out, "\"tab\\there\"");
		fclose(f);
	}

	/* every byte value round-trips through the parser (ASCII exactly) */
	for (i = 0; i < 128; i++)
		all[i] = (char)i;
	w = written(all, 128);
	v = parse(w, &err);
	if (CHECK(v != NULL)) {
		CHECK_EQ_INT(v->len, 128);
		CHECK(memcmp(v->string, all, 128) == 0);
	}
	json_free(v);
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	w = written(all, 256);
	v = parse(w, &err);
	CHECK(v != NULL); /* bytes 0x80..0xff each became U+FFFD */
	if (v)
		CHECK_EQ_INT(v->len, 128 + 128 * 3);
	json_free(v);
	free(err);
}

void unit_main(void)
{
	UNIT_RUN(test_json__values);
	UNIT_RUN(test_json__escapes);
	UNIT_RUN(test_json__errors);
	UNIT_RUN(test_json__truncated);
	UNIT_RUN(test_json__depth);
	UNIT_RUN(test_json__huge);
	UNIT_RUN(test_json__random);
	UNIT_RUN(test_json__write);
}
