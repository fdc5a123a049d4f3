/*
 * A compact binary encoding of one translation unit's IR (ir.h), so that the
 * findings database can keep the facts of an unchanged unit and the scan can
 * link and check them without parsing it again. The encoding is versioned
 * and checksummed; a blob from another version, or a damaged one, is refused
 * with a message and the caller parses the unit afresh.
 *
 * Layout (all multi-byte header fields little-endian):
 *
 *   0   6  magic "FLTIR\0"
 *   6   2  IRSER_VERSION
 *   8   8  payload length (the bytes after this 24-byte header)
 *   16  8  FNV-1a 64 of the payload
 *   24  .. payload: the string table, then the TU
 *
 * The payload uses LEB128 varints for every integer (zigzag for the signed
 * ones) and refers to strings by index + 1 into the table (0 is NULL); the
 * table holds each distinct string once, in order of first use. Node trees
 * are written in pre-order: a tag (0 for a NULL kid, else kind + 1), a mask
 * of the fields that differ from their defaults, those fields, the location
 * and the kids. The encoding is canonical: the same IR always gives the same
 * bytes, and irser_read accepts only canonical blobs, so whatever it accepts
 * irser_write turns back into the very same bytes.
 *
 * Strings that shared one pointer in the parsed IR (a file name on every
 * location) come back as separate copies with equal contents.
 */
#ifndef FLTCHECK_IRSER_H
#define FLTCHECK_IRSER_H

#include <stddef.h>
#include "ir.h"

/* Bump whenever ir.h or the encoding changes. */
#define IRSER_VERSION 2

/* Size of the fixed header in front of the payload. */
#define IRSER_HEADER_SIZE 24

/* Node trees deeper than this (counting the function body as level 1) are
 * neither written nor read. The frontend stops at AST_MAX_DEPTH (5000)
 * converted levels, which may add a few IR levels each (implicit casts). */
#define IRSER_MAX_DEPTH 20000

/*
 * Serializes tu into a new heap buffer: *out (the caller frees it with
 * free()) of *len bytes. Deterministic: the same IR gives the same bytes.
 * Returns 0, or -1 (with *out NULL and *len 0) when the IR cannot be encoded:
 * a NULL function or table pointer, an enum value outside ir.h, or a tree
 * deeper than IRSER_MAX_DEPTH.
 */
int irser_write(const struct ir_tu *tu, unsigned char **out, size_t *len);

/*
 * Rebuilds a TU from buf[0..len). Returns the TU, owned by the caller and
 * released with ast_tu_free() (everything lives in tu->arena, the struct
 * itself comes from the heap), or NULL with *err set to a one-line message
 * (the caller frees it) when the input is not a complete, intact, canonical
 * blob of this IRSER_VERSION. Never reads outside buf, and allocates at most
 * a small multiple of len. err may be NULL.
 */
struct ir_tu *irser_read(const unsigned char *buf, size_t len, char **err);

/*
 * Like irser_read, but function bodies are only located, not decoded:
 * ir_func_body decodes one on first use. buf must stay valid and unchanged
 * as long as the TU lives. The header, checksum and everything outside the
 * bodies are checked as by irser_read, except that the order in which
 * strings are first used is not (a body may use a string first).
 */
struct ir_tu *irser_read_lazy(const unsigned char *buf, size_t len, char **err);

/*
 * f's body, decoded now if it was read lazily (into the TU's arena; not
 * thread-safe). A body that cannot be decoded is reported on stderr and
 * becomes NULL with body_has_errors set.
 */
const struct ir_node *ir_func_body(const struct ir_func *f);

/* How many lazily read bodies could not be decoded so far (in this process). */
unsigned irser_lazy_failures(void);

/* FNV-1a 64 of n bytes, as used for the header checksum. */
unsigned long long irser_checksum(const unsigned char *p, size_t n);

#endif
