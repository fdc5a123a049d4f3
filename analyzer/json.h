/*
 * A small strict JSON reader and a JSON string writer. fltcheck reads JSON
 * (compile_commands.json) and writes it (the JSON and SARIF reports); this
 * module is the only place that knows the grammar.
 *
 * json_parse accepts exactly RFC 8259: no comments, no trailing commas, no
 * leading zeros, no unescaped control characters, well-formed UTF-8 only,
 * and paired surrogates in \u escapes. A leading UTF-8 byte order mark is
 * skipped. Nesting deeper than JSON_MAX_DEPTH is refused rather than
 * recursed into, so no input, however long, truncated or binary, can crash
 * the parser. Errors name the position: "expected ',' or '}' at line 3,
 * column 5"; lines and columns count from 1, columns in bytes.
 *
 * The parse result is a tree of heap nodes owned by the root; json_free
 * releases all of it. Numbers are parsed as C doubles (in the "C" locale,
 * which fltcheck never changes).
 */
#ifndef FLTCHECK_JSON_H
#define FLTCHECK_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 512

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_member {
	char *key;      /* NUL-terminated; may hold NUL bytes from \u0000 */
	size_t key_len; /* bytes, excluding the terminator */
	struct json_value *value;
};

/*
 * One node. Read the field that belongs to the type; the others are zero.
 * Objects keep their members in document order, duplicates included
 * (json_get finds the first).
 */
struct json_value {
	enum json_type type;
	unsigned line, column; /* where the value starts, from 1 */
	bool boolean;          /* JSON_BOOL */
	double number;         /* JSON_NUMBER */
	char *string;          /* JSON_STRING: UTF-8, NUL-terminated */
	size_t len;            /* JSON_STRING: bytes excluding the terminator */
	size_t n;              /* JSON_ARRAY: items; JSON_OBJECT: members */
	struct json_value **items;
	struct json_member *members;
};

/*
 * Parses text[0..len) (NUL bytes in it are errors, not terminators). Returns
 * the root, which the caller releases with json_free, or NULL with *err set
 * to a one-line message "<problem> at line L, column C" that the caller
 * frees. err may be NULL. text may be NULL when len is 0.
 */
struct json_value *json_parse(const char *text, size_t len, char **err);

/*
 * Reads and parses the file at path. NULL with *err a one-line message
 * ("cannot read <what> '<path>': ..." or "<what> '<path>' is not valid JSON:
 * ...", the caller frees it) when it cannot be read or parsed.
 */
struct json_value *json_parse_file(const char *path, const char *what, char **err);

/* Releases a tree returned by json_parse. NULL is allowed. */
void json_free(struct json_value *v);

/*
 * The value of the first member named key, or NULL when obj is not an
 * object or has no such member. Borrowed from obj.
 */
const struct json_value *json_get(const struct json_value *obj, const char *key);

/* The string of a JSON_STRING value, or NULL for any other value or NULL.
 * Borrowed from v. */
const char *json_string(const struct json_value *v);

/* "null", "boolean", "number", "string", "array" or "object": static. */
const char *json_type_name(enum json_type type);

/*
 * Writes s as a quoted JSON string: '"' and '\' escaped, control characters
 * as \n, \t, ... or \u00XX, U+2028 and U+2029 as \u escapes (safe inside
 * <script>), and each byte that is not part of well-formed UTF-8 as \ufffd,
 * so the output is always valid JSON. A NULL s writes null. Returns 0, or -1
 * when the stream reports an error.
 */
int json_write_string(FILE *f, const char *s);

/* As json_write_string for s[0..len), which may contain NUL bytes. */
int json_write_string_n(FILE *f, const char *s, size_t len);

#endif
