/*
 * Minifilter facts: operation kinds per major function, names of major
 * functions and status values, and the API table generated from api.def.
 * The numbers come from the public facts tables (research/minifilter-rules.md).
 */
#include "facts.h"

#include <stdio.h>
#include <string.h>

void majorset_all(struct majorset *s)
{
	for (int i = 0; i < 4; i++)
		s->w[i] = ~0ull;
}

void majorset_clear(struct majorset *s)
{
	memset(s, 0, sizeof(*s));
}

void majorset_add(struct majorset *s, unsigned mj)
{
	s->w[(mj & 0xff) >> 6] |= 1ull << (mj & 63);
}

bool majorset_has(const struct majorset *s, unsigned mj)
{
	return (s->w[(mj & 0xff) >> 6] >> (mj & 63)) & 1;
}

bool majorset_empty(const struct majorset *s)
{
	return !(s->w[0] | s->w[1] | s->w[2] | s->w[3]);
}

bool majorset_is_all(const struct majorset *s)
{
	return (s->w[0] & s->w[1] & s->w[2] & s->w[3]) == ~0ull;
}

static const struct {
	unsigned code;
	const char *name;
	unsigned kinds;
} majors[] = {
	{ 0x00, "IRP_MJ_CREATE", KIND_IRP },
	{ 0x01, "IRP_MJ_CREATE_NAMED_PIPE", KIND_IRP },
	{ 0x02, "IRP_MJ_CLOSE", KIND_IRP },
	{ 0x03, "IRP_MJ_READ", KIND_IRP | KIND_FASTIO },
	{ 0x04, "IRP_MJ_WRITE", KIND_IRP | KIND_FASTIO },
	{ 0x05, "IRP_MJ_QUERY_INFORMATION", KIND_IRP | KIND_FASTIO },
	{ 0x06, "IRP_MJ_SET_INFORMATION", KIND_IRP },
	{ 0x07, "IRP_MJ_QUERY_EA", KIND_IRP },
	{ 0x08, "IRP_MJ_SET_EA", KIND_IRP },
	{ 0x09, "IRP_MJ_FLUSH_BUFFERS", KIND_IRP },
	{ 0x0A, "IRP_MJ_QUERY_VOLUME_INFORMATION", KIND_IRP },
	{ 0x0B, "IRP_MJ_SET_VOLUME_INFORMATION", KIND_IRP },
	{ 0x0C, "IRP_MJ_DIRECTORY_CONTROL", KIND_IRP },
	{ 0x0D, "IRP_MJ_FILE_SYSTEM_CONTROL", KIND_IRP },
	{ 0x0E, "IRP_MJ_DEVICE_CONTROL", KIND_IRP | KIND_FASTIO },
	{ 0x0F, "IRP_MJ_INTERNAL_DEVICE_CONTROL", KIND_IRP },
	{ 0x10, "IRP_MJ_SHUTDOWN", KIND_IRP },
	{ 0x11, "IRP_MJ_LOCK_CONTROL", KIND_IRP | KIND_FASTIO },
	{ 0x12, "IRP_MJ_CLEANUP", KIND_IRP },
	{ 0x13, "IRP_MJ_CREATE_MAILSLOT", KIND_IRP },
	{ 0x14, "IRP_MJ_QUERY_SECURITY", KIND_IRP },
	{ 0x15, "IRP_MJ_SET_SECURITY", KIND_IRP },
	{ 0x16, "IRP_MJ_POWER", KIND_IRP },
	{ 0x17, "IRP_MJ_SYSTEM_CONTROL", KIND_IRP },
	{ 0x18, "IRP_MJ_DEVICE_CHANGE", KIND_IRP },
	{ 0x19, "IRP_MJ_QUERY_QUOTA", KIND_IRP },
	{ 0x1A, "IRP_MJ_SET_QUOTA", KIND_IRP },
	{ 0x1B, "IRP_MJ_PNP", KIND_IRP },
	{ 0x80, "IRP_MJ_OPERATION_END", 0 },
	{ 0xFF, "IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION", KIND_FSFILTER },
	{ 0xFE, "IRP_MJ_RELEASE_FOR_SECTION_SYNCHRONIZATION", KIND_FSFILTER },
	{ 0xFD, "IRP_MJ_ACQUIRE_FOR_MOD_WRITE", KIND_FSFILTER },
	{ 0xFC, "IRP_MJ_RELEASE_FOR_MOD_WRITE", KIND_FSFILTER },
	{ 0xFB, "IRP_MJ_ACQUIRE_FOR_CC_FLUSH", KIND_FSFILTER },
	{ 0xFA, "IRP_MJ_RELEASE_FOR_CC_FLUSH", KIND_FSFILTER },
	{ 0xF9, "IRP_MJ_QUERY_OPEN", KIND_FSFILTER },
	{ 0xF3, "IRP_MJ_FAST_IO_CHECK_IF_POSSIBLE", KIND_FASTIO },
	{ 0xF2, "IRP_MJ_NETWORK_QUERY_OPEN", KIND_FASTIO },
	{ 0xF1, "IRP_MJ_MDL_READ", KIND_FASTIO },
	{ 0xF0, "IRP_MJ_MDL_READ_COMPLETE", KIND_FASTIO },
	{ 0xEF, "IRP_MJ_PREPARE_MDL_WRITE", KIND_FASTIO },
	{ 0xEE, "IRP_MJ_MDL_WRITE_COMPLETE", KIND_FASTIO },
	/* VOLUME_MOUNT / DISMOUNT are special; treat them as IRP-or-fast-I/O so
	 * that neither pending nor disallowing fast I/O is taken as safe. */
	{ 0xED, "IRP_MJ_VOLUME_MOUNT", KIND_IRP | KIND_FASTIO },
	{ 0xEC, "IRP_MJ_VOLUME_DISMOUNT", KIND_IRP | KIND_FASTIO },
};

unsigned facts_major_kinds(unsigned mj)
{
	for (size_t i = 0; i < sizeof(majors) / sizeof(majors[0]); i++)
		if (majors[i].code == mj)
			return majors[i].kinds;
	return KIND_ALL; /* unknown code: anything */
}

/* For each kind, the set of major codes that can be of that kind (built once). */
static struct majorset kind_sets[3];
static int kind_sets_ready;

unsigned facts_majorset_kinds(const struct majorset *s)
{
	if (!kind_sets_ready) {
		for (unsigned mj = 0; mj < 256; mj++) {
			unsigned k = facts_major_kinds(mj);
			for (unsigned b = 0; b < 3; b++)
				if (k & (1u << b))
					majorset_add(&kind_sets[b], mj);
		}
		kind_sets_ready = 1;
	}
	unsigned k = 0;
	for (unsigned b = 0; b < 3; b++)
		for (int i = 0; i < 4; i++)
			if (s->w[i] & kind_sets[b].w[i]) {
				k |= 1u << b;
				break;
			}
	return k;
}

const char *facts_major_name(unsigned mj)
{
	for (size_t i = 0; i < sizeof(majors) / sizeof(majors[0]); i++)
		if (majors[i].code == mj)
			return majors[i].name;
	return NULL;
}

const char *facts_preop_name(long long v)
{
	static const char *names[] = {
		"FLT_PREOP_SUCCESS_WITH_CALLBACK",
		"FLT_PREOP_SUCCESS_NO_CALLBACK",
		"FLT_PREOP_PENDING",
		"FLT_PREOP_DISALLOW_FASTIO",
		"FLT_PREOP_COMPLETE",
		"FLT_PREOP_SYNCHRONIZE",
		"FLT_PREOP_DISALLOW_FSFILTER_IO",
	};
	return v >= 0 && v < 7 ? names[v] : NULL;
}

const char *facts_postop_name(long long v)
{
	static const char *names[] = {
		"FLT_POSTOP_FINISHED_PROCESSING",
		"FLT_POSTOP_MORE_PROCESSING_REQUIRED",
		"FLT_POSTOP_DISALLOW_FSFILTER_IO",
	};
	return v >= 0 && v < 3 ? names[v] : NULL;
}

const char *facts_kinds_text(unsigned kinds, char *buf, unsigned n)
{
	const char *parts[3];
	unsigned np = 0;
	if (kinds & KIND_IRP)
		parts[np++] = "IRP";
	if (kinds & KIND_FASTIO)
		parts[np++] = "fast I/O";
	if (kinds & KIND_FSFILTER)
		parts[np++] = "FsFilter";
	buf[0] = '\0';
	for (unsigned i = 0; i < np; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? " or " : "", parts[i]);
	}
	return buf;
}

static const struct api_info apis[] = {
#define API(name, kind, d, r, s, c) { #name, kind, d, r, s, c },
#include "api.def"
#undef API
};

const struct api_info *facts_api(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(apis) / sizeof(apis[0]); i++)
		if (strcmp(apis[i].name, name) == 0)
			return &apis[i];
	return NULL;
}
