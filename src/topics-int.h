/*
 * What topics.c (the public API: loading, ids and names, matching and
 * spans), topics-fold.c (HTML stripping, entities, folding and its
 * caches) and topics-vocab.c (the vocabulary file, the term tables and
 * their index) share; nothing but these three includes this.
 */
#ifndef SSNEWS_TOPICS_INT_H
#define SSNEWS_TOPICS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "topics.h"

#define TERM_INWORD	0x01	/* '*' first: may start mid-word */
#define TERM_CASE	0x02	/* acronym: compared as written */
#define TERM_WEAK	0x04	/* '~' */
#define TERM_NOT	0x08	/* '!': negative context */
#define TERM_SYSTEM	0x10	/* '+': confirms all weak terms */

#define TABLE_WORD	0	/* a first word of four letters or more */
#define TABLE_SHORT	1	/* of two or three: keyed by all of it */
#define TABLE_INWORD	2	/* '*' first: keyed by four letters */
#define TABLES		3
#define BUCKET_BITS	10
#define FILTER_BITS	14	/* 2 kB a table: all stay in cache */

#define TOPIC_HIGHLIGHT	TOPICS_MAX	/* names only highlighted */
#define LANGS_MAX	8
#define LANGS_ALL	0xff

struct topics_term {
	char		*text;	/* folded; as written for acronyms */
	uint32_t	 len;
	uint8_t		 topic;
	uint8_t		 flags;
	uint8_t		 langs;	/* bit n: topics.lang[n] */
};

/* A term as the scanner sees it; a bucket's entries are contiguous. */
struct topics_entry {
	uint64_t	 pre;	/* up to 8 bytes before any '*' or ' ', */
	uint64_t	 mask;	/* without case unless an acronym */
	uint32_t	 term;
	uint8_t		 langs;
	uint8_t		 cased;
};

struct topics_topic {
	char		*id;
	char		*name;
};

struct topics_hit;

/* The vocabulary, its index and the scratch space (in topics.c). */
struct topics_state {
	int			 loaded;
	uint64_t		 signature;	/* of the vocabulary's text */
	struct topics_topic	 topic[TOPICS_MAX];
	unsigned		 ntopics;
	char			 lang[LANGS_MAX][4];
	unsigned		 nlangs;
	struct topics_term	*term;
	size_t			 nterms;
	size_t			 termcap;
	struct topics_entry	*entry;	/* by table and bucket */
	uint32_t		 first[TABLES << BUCKET_BITS | 1];
	uint64_t		 filter[TABLES][(1 << FILTER_BITS) / 64];
	uint8_t			 langs[TABLES];	/* of its terms */
	uint8_t			 word[256];	/* is_word() */
	uint8_t			 fold2[0x800][4]; /* U+0080..07FF */
	uint8_t			 fold3[0x70][4];  /* U+2000..206F */

	/* Scratch space reused by every call. */
	struct buf		 ent;	/* a decoded entity */
	struct buf		 folded;
	struct buf		 one;
	uint32_t		*map;	/* folded byte -> offset */
	size_t			 mapcap;
	struct topics_hit	*hit;
	size_t			 nhits;
	size_t			 hitcap;
	struct topics_hit	*neg;
	size_t			 nnegs;
	size_t			 negcap;
};
extern struct topics_state topics;

static inline int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z') || c >= 0x80;
}

/* Eight bytes at s (zeros past avail) as a number, maybe without case. */
static inline uint64_t
prefix_of(const char *s, size_t avail, int cased)
{
	uint64_t	 v = 0;

	memcpy(&v, s, avail < 8 ? avail : 8);
	return cased ? v : v | UINT64_C(0x2020202020202020);
}

static inline int
is_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The first len (2, 3 or 4) bytes of s as a number, without case. */
static inline uint32_t
key_of(const char *s, int len)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (len == 2)
		return (u[0] | (uint32_t)u[1] << 8) | 0x2020;
	if (len == 3)
		return (u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16) |
		    0x202020;
	return (u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
	    (uint32_t)u[3] << 24) | 0x20202020;	/* no case for letters */
}

/* A key's bit in its table's filter; its bucket is the top bits of that. */
static inline uint32_t
filter_of(uint32_t key)
{
	return (key * UINT32_C(2654435761)) >> (32 - FILTER_BITS);
}

/* topics-fold.c */
void		 topics_fold_init(void);
void		 topics_fold_text(const char *, size_t, int, int);

/* topics-vocab.c */
int		 topics_vocab_parse(const char *, const char *, int, char **);
void		 topics_vocab_builtin(void);
void		 topics_vocab_clear(void);
void		 topics_vocab_index(void);
uint8_t		 topics_vocab_lang_bit(const char *, size_t);

#endif
