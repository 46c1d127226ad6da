/*
 * Social-security topics: the vocabulary (data/topics, whose syntax is
 * documented there) and the matcher behind topic views, the "topics" of
 * --dump=json and the words highlighted in articles.
 *
 * How an item is matched:
 * - Title, summary and content are matched one at a time; summary and
 *   content lose their HTML tags (each becomes a space) and comments, and
 *   have their entities decoded.
 * - Text is folded as text_fold() does (é=e, ß=ss, œ=oe, ’=', invisible
 *   characters dropped), except that ASCII keeps its case: terms compare
 *   letters without case, acronyms (terms without lower-case letters)
 *   with it, and a space in a term takes any run of blanks.
 * - A term matches whole words: it starts a word (or anywhere inside one
 *   for "*rente"), a "*" ending a word takes the rest of it, and it ends a
 *   word.  Letters, digits and non-ASCII characters make words.
 * - Only the term lists of the item's languages apply (its language and
 *   its language tags together), all of them when none is known.
 * - A hit overlapping a negative context ("!animal welfare") of its topic
 *   does not count.  A strong hit tags its topic; a weak one ("~welfare")
 *   only if the item also has a hit of a different term of that topic
 *   elsewhere, or of a system term ("+social security").
 *
 * Speed (this runs on every item): each field is folded into one buffer,
 * whose bytes are classified 64 at a time into bit masks.  Each word of
 * two letters or more is then looked up once, by its first four letters
 * (or all of a shorter one), in a table with a 16-kbit filter in front;
 * only German-style in-word terms cost a look-up per letter.  A look-up
 * that passes the filter compares eight bytes of each candidate term at
 * once before matching it fully.
 *
 * This file has the public API and the scanner; topics-fold.c folds the
 * fields and topics-vocab.c reads the vocabulary and indexes its terms.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "file.h"
#include "i18n.h"
#include "swar.h"
#include "topics-int.h"
#include "xmalloc.h"

#define FILE_SIZE_MAX	(1024 * 1024)
#define FIELD_MAX	(256 * 1024)	/* bytes matched of a field */

/* A hit, in bytes of the folded text. */
struct topics_hit {
	size_t		 start;
	size_t		 end;
	uint32_t	 term;
};

/* What the hits of one item add up to. */
struct topics_tally {
	uint32_t	 strong;
	uint32_t	 weak;
	uint32_t	 weak2;		/* two different weak terms */
	int		 system;
	struct {			/* the first weak hit of each topic */
		uint32_t	 term;
		int		 field;
		size_t		 start;
		size_t		 end;
	}		 first[TOPICS_MAX];
};

struct topics_state topics;

static void	 ensure(void);
static uint8_t	 langs_of(const char *, const char *const *, size_t);
static void	 scan(const char *, size_t, uint8_t, int, int);
static void	 scan_chain(int, uint32_t, const char *, size_t, size_t,
		     uint8_t);
static size_t	 term_match(const struct topics_term *, const char *,
		     size_t, size_t);
static void	 filter(void);
static void	 tally_add(struct topics_tally *, int);
static uint32_t	 tally_topics(const struct topics_tally *);

static inline size_t
ctz64(uint64_t v)
{
	return (size_t)__builtin_ctzll(v);
}

int
topics_load(const char *path, char **cause)
{
	struct buf	 b;
	int		 rc = 0;

	topics_free();
	buf_init(&topics.ent, BUF_UNLIMITED);
	buf_init(&topics.folded, BUF_UNLIMITED);
	buf_init(&topics.one, BUF_UNLIMITED);
	topics_vocab_builtin();
	topics.signature = feed_hash(topics_builtin, strlen(topics_builtin),
	    TOPICS_MAX);
	buf_init(&b, FILE_SIZE_MAX);
	if (path != NULL) {
		rc = file_read(path, &b, FILE_SIZE_MAX);
		if (rc == -1)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		else if (rc == 0 &&
		    topics_vocab_parse(path, buf_str(&b), 1, cause) == -1) {
			topics_vocab_clear();
			topics_vocab_builtin();
			rc = -1;
		} else if (rc == 0)
			topics.signature = feed_hash(b.data, b.len,
			    topics.signature);
	}
	buf_free(&b);
	topics_vocab_index();
	topics.loaded = 1;
	return rc == -1 ? -1 : 0;
}

void
topics_free(void)
{
	topics_vocab_clear();
	free(topics.term);
	free(topics.entry);
	buf_free(&topics.ent);
	buf_free(&topics.folded);
	buf_free(&topics.one);
	free(topics.map);
	free(topics.hit);
	free(topics.neg);
	memset(&topics, 0, sizeof topics);
}

/* Load the built-in vocabulary if nothing is loaded yet. */
static void
ensure(void)
{
	char	*cause = NULL;

	if (!topics.loaded)
		topics_load(NULL, &cause);
}

/* Tag an item of a feed: its text, its language or the feed's, its tags. */
void
topics_item(struct item *it)
{
	const struct feed	*f = it->feed;

	it->topics = topics_match(it->title, it->summary, it->content,
	    it->lang != NULL ? it->lang : f->language,
	    (const char *const *)f->tags, f->ntags);
}

/*
 * A fingerprint of the vocabulary (built-in and user file): topic masks
 * computed under another one mean something else, or are out of date.
 */
uint64_t
topics_signature(void)
{
	ensure();
	return topics.signature != 0 ? topics.signature : 1;
}

unsigned
topics_count(void)
{
	ensure();
	return topics.ntopics;
}

const char *
topics_id(unsigned i)
{
	ensure();
	return i < topics.ntopics ? topics.topic[i].id : "";
}

const char *
topics_name(unsigned i)
{
	ensure();
	return i < topics.ntopics ? _(topics.topic[i].name) : "";
}

int
topics_lookup(const char *id)
{
	unsigned	 i;

	ensure();
	for (i = 0; i < topics.ntopics; i++) {
		if (strcmp(topics.topic[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

/* The term lists to use: the language's and the tags' together, or all. */
static uint8_t
langs_of(const char *lang, const char *const *tags, size_t ntags)
{
	uint8_t	 langs = 0;
	size_t	 i;

	if (lang != NULL)
		langs |= topics_vocab_lang_bit(lang, strcspn(lang, "-_"));
	for (i = 0; i < ntags; i++) {
		if (tags[i] != NULL)
			langs |= topics_vocab_lang_bit(tags[i],
			    strlen(tags[i]));
	}
	return langs != 0 ? langs : LANGS_ALL;
}

/* Does term t match s at i?  Returns where the match ends, or 0. */
static size_t
term_match(const struct topics_term *t, const char *s, size_t n, size_t i)
{
	const char	*p = t->text, *end = t->text + t->len;
	int		 cased = t->flags & TERM_CASE;
	unsigned char	 c;

	for (; p < end; p++) {
		if (*p == '*') {
			while (i < n && is_word((unsigned char)s[i]))
				i++;
			continue;
		}
		if (*p == ' ') {
			if (i >= n || !is_blank((unsigned char)s[i]))
				return 0;
			while (i < n && is_blank((unsigned char)s[i]))
				i++;
			continue;
		}
		if (i >= n)
			return 0;
		c = (unsigned char)s[i++];
		if (!cased && c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)*p)
			return 0;
	}
	if (p[-1] != '*' && i < n && is_word((unsigned char)s[i]))
		return 0;
	return i;
}

/* Try the terms of bucket b of a table at s[i] and record the hits. */
static void
scan_chain(int table, uint32_t b, const char *s, size_t n, size_t i,
    uint8_t langs)
{
	const struct topics_entry	*e, *last;
	const struct topics_term	*t;
	struct topics_hit		*h;
	uint64_t			 pre, cased;
	size_t				 end;

	/* topics_fold_text() left 8 bytes to read */
	cased = prefix_of(s + i, 8, 1);
	pre = cased | UINT64_C(0x2020202020202020);
	b |= (uint32_t)table << BUCKET_BITS;
	last = topics.entry + topics.first[b + 1];
	for (e = topics.entry + topics.first[b]; e < last; e++) {
		if (((e->cased ? cased : pre) & e->mask) != e->pre ||
		    (e->langs & langs) == 0)
			continue;
		t = &topics.term[e->term];
		end = term_match(t, s, n, i);
		if (end == 0)
			continue;
		if (t->flags & TERM_NOT) {
			ARRAY_RESERVE(topics.neg, topics.nnegs, topics.negcap);
			h = &topics.neg[topics.nnegs++];
		} else {
			ARRAY_RESERVE(topics.hit, topics.nhits, topics.hitcap);
			h = &topics.hit[topics.nhits++];
		}
		h->term = e->term;
		h->start = i;
		h->end = end;
	}
}

/* Look s[i] up in a table: most probes stop at the filter. */
static inline void
probe(int table, int len, const char *s, size_t n, size_t i, uint8_t langs)
{
	uint32_t	 b = filter_of(key_of(s + i, len));

	if ((topics.filter[table][b / 64] >> (b % 64)) & 1)
		scan_chain(table, b >> (FILTER_BITS - BUCKET_BITS), s, n, i,
		    langs);
}

/* Bit k: f[base + k] is a word byte (f has 8 zero bytes after n). */
static inline uint64_t
word_mask(const char *f, size_t n, size_t base)
{
	uint64_t	 m = 0;
	size_t		 k, lim;
#ifdef __SSE2__
	const __m128i	 z = _mm_setzero_si128(), sp = _mm_set1_epi8(0x20);
	const __m128i	 a = _mm_set1_epi8('a' - 1);
	const __m128i	 zz = _mm_set1_epi8('z' + 1);
	const __m128i	 d0 = _mm_set1_epi8('0' - 1);
	const __m128i	 d9 = _mm_set1_epi8('9' + 1);
	__m128i		 v, l;
#endif

	if (base >= n)
		return 0;
	lim = n - base;
	if (lim > 64)
		lim = 64;
	k = 0;
#ifdef __SSE2__
	/* Letters (any case), digits, and bytes from 0x80 (negative). */
	for (; k + 16 <= lim; k += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(f + base +
		    k));
		l = _mm_or_si128(v, sp);
		l = _mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, zz));
		l = _mm_or_si128(l, _mm_and_si128(_mm_cmpgt_epi8(v, d0),
		    _mm_cmplt_epi8(v, d9)));
		v = _mm_or_si128(l, _mm_cmplt_epi8(v, z));
		m |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << k;
	}
#endif
	for (; k < lim; k++)
		m |= (uint64_t)topics.word[(unsigned char)f[base + k]] << k;
	return m;
}

/*
 * Find every hit and negative context in s; offsets are folded bytes.
 * Bytes are classified 64 at a time into masks without branches, so that
 * only word starts (and, for in-word terms, word bytes) cost more: each
 * word of two letters or more is looked up once, by its first four
 * letters or, if it is shorter, by all of it.
 */
static void
scan(const char *s, size_t len, uint8_t langs, int html, int mapped)
{
	const char	*f;
	uint64_t	 word, next, two, three, four, start, bit;
	uint64_t	 before = 0;
	size_t		 n, base, i;
	int		 inword;

	topics.nhits = topics.nnegs = 0;
	topics_fold_text(s, len, html, mapped);
	f = topics.folded.data;
	n = topics.folded.len;
	inword = (topics.langs[TABLE_INWORD] & langs) != 0;
	next = word_mask(f, n, 0);
	for (base = 0; base < n; base += 64) {
		word = next;
		next = word_mask(f, n, base + 64);
		two = word & (word >> 1 | next << 63);
		three = two & (word >> 2 | next << 62);
		four = three & (word >> 3 | next << 61);
		start = word & ~(word << 1 | before) & two;
		before = word >> 63;
		for (; start != 0; start &= start - 1) {
			bit = start & -start;
			i = base + ctz64(start);
			if (four & bit)
				probe(TABLE_WORD, 4, f, n, i, langs);
			else
				probe(TABLE_SHORT, (three & bit) ? 3 : 2, f, n,
				    i, langs);
		}
		for (four = inword ? four : 0; four != 0; four &= four - 1)
			probe(TABLE_INWORD, 4, f, n, base + ctz64(four), langs);
	}
	filter();
}

/* Drop the hits that overlap a negative context of their topic. */
static void
filter(void)
{
	const struct topics_hit	*h, *g;
	size_t			 i, j, kept = 0;

	for (i = 0; i < topics.nhits; i++) {
		h = &topics.hit[i];
		for (j = 0; j < topics.nnegs; j++) {
			g = &topics.neg[j];
			if (topics.term[g->term].topic ==
			    topics.term[h->term].topic &&
			    g->start < h->end && h->start < g->end)
				break;
		}
		if (j == topics.nnegs)
			topics.hit[kept++] = *h;
	}
	topics.nhits = kept;
}

/* Count the hits of one field (the field-th) into the item's tally. */
static void
tally_add(struct topics_tally *ty, int field)
{
	const struct topics_term	*t;
	const struct topics_hit		*h;
	size_t				 i;
	uint32_t			 bit;

	for (i = 0; i < topics.nhits; i++) {
		h = &topics.hit[i];
		t = &topics.term[h->term];
		if (t->topic == TOPIC_HIGHLIGHT)
			continue;
		bit = UINT32_C(1) << t->topic;
		if (t->flags & TERM_SYSTEM)
			ty->system = 1;
		if (!(t->flags & TERM_WEAK)) {
			ty->strong |= bit;
			continue;
		}
		if (!(ty->weak & bit)) {
			ty->weak |= bit;
			ty->first[t->topic].term = h->term;
			ty->first[t->topic].field = field;
			ty->first[t->topic].start = h->start;
			ty->first[t->topic].end = h->end;
		} else if (strcmp(topics.term[ty->first[t->topic].term].text,
		    t->text) != 0 && (field != ty->first[t->topic].field ||
		    h->start >= ty->first[t->topic].end ||
		    h->end <= ty->first[t->topic].start))
			ty->weak2 |= bit;
	}
}

/* The topics a tally tags. */
static uint32_t
tally_topics(const struct topics_tally *ty)
{
	return ty->strong | ty->weak2 | (ty->system ? ty->weak : 0);
}

uint32_t
topics_match(const char *title, const char *summary, const char *content,
    const char *lang, const char *const *tags, size_t ntags)
{
	struct topics_tally	 ty;
	const char		*field[3] = { title, summary, content };
	uint8_t			 langs;
	size_t			 len;
	int			 i;

	ensure();
	memset(&ty, 0, sizeof ty);
	langs = langs_of(lang, tags, ntags);
	for (i = 0; i < 3; i++) {
		if (field[i] == NULL)
			continue;
		len = strlen(field[i]);
		if (len > FIELD_MAX)
			len = FIELD_MAX;
		scan(field[i], len, langs, i > 0, 0);
		tally_add(&ty, i);
	}
	return tally_topics(&ty);
}

size_t
topics_spans(const char *text, const char *lang, struct topic_span *out,
    size_t max)
{
	struct topics_tally		 ty;
	const struct topics_term	*t;
	const struct topics_hit		*h;
	uint32_t			 tagged;
	size_t				 i, n = 0, start, end;

	ensure();
	memset(&ty, 0, sizeof ty);
	scan(text, strlen(text), langs_of(lang, NULL, 0), 0, 1);
	tally_add(&ty, 0);
	tagged = tally_topics(&ty);
	for (i = 0; i < topics.nhits; i++) {
		h = &topics.hit[i];
		t = &topics.term[h->term];
		if (t->topic != TOPIC_HIGHLIGHT && (t->flags & TERM_WEAK) &&
		    !(tagged & (UINT32_C(1) << t->topic)))
			continue;
		start = h->start;
		end = h->end;
		while ((t->flags & TERM_INWORD) && start > 0 &&
		    topics.word[(unsigned char)topics.folded.data[start - 1]])
			start--;	/* the whole compound */
		while (topics.word[(unsigned char)topics.folded.data[end]])
			end++;
		start = topics.map[start];
		end = topics.map[end];
		if (n > 0 && start < out[n - 1].off + out[n - 1].len) {
			if (end > out[n - 1].off + out[n - 1].len)
				out[n - 1].len = end - out[n - 1].off;
			continue;
		}
		if (n == max)
			break;
		out[n].off = start;
		out[n].len = end - start;
		out[n].topic = t->topic == TOPIC_HIGHLIGHT ? TOPICS_NONE :
		    (int)t->topic;
		n++;
	}
	return n;
}
