/*
 * The same story from several sources.  Agencies, ministries and
 * newspapers often publish one press release each; views over many feeds
 * (All articles, topics, queries, the digest) should show it once.  Two
 * items are the same story when their links are the same once made
 * canonical (scheme, "www.", fragment, tracking parameters and a final
 * slash ignored), or when their titles are the same once folded (case,
 * accents, punctuation) and their dates are at most three days apart.
 * The earliest item of a group stays; the others get ITEM_DUPLICATE and
 * are listed in the first one's article header.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedupe.h"
#include "feed.h"
#include "text.h"
#include "xmalloc.h"

#define SAME_STORY_SECONDS	(3 * 24 * 60 * 60)

/* One item's keys, and the group it ended up in. */
struct entry {
	struct item	*item;
	time_t		 date;
	uint64_t	 link;		/* 0: no link */
	uint64_t	 title;		/* 0: no title worth comparing */
	size_t		 group;		/* index of the group's first entry */
};

static struct {
	struct entry	*v;
	size_t		 n;
} dedupe;

/* Is this query parameter one that only tracks the reader? */
static int
tracking_param(const char *p, size_t len)
{
	static const char *const names[] = {
		"utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "source",
		"xtor", "at_medium", "at_campaign", NULL
	};
	size_t	 i, n;

	for (i = 0; names[i] != NULL; i++) {
		n = strlen(names[i]);
		if (len >= n && strncmp(p, names[i], n) == 0 &&
		    (names[i][n - 1] == '_' || len == n || p[n] == '='))
			return 1;
	}
	return 0;
}

/* A hash of the canonical form of a link, 0 if there is none. */
static uint64_t
link_key(const char *url, struct buf *b)
{
	const char	*p, *q, *end, *host_end, *amp;

	if (url == NULL)
		return 0;
	buf_reset(b);
	p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;		/* http and https alike */
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	end = p + strcspn(p, "#");
	q = memchr(p, '?', (size_t)(end - p));
	if (q == NULL)
		q = end;
	host_end = p + strcspn(p, "/?#");
	text_fold(b, p, (size_t)(host_end - p));	/* the host's case */
	buf_add(b, host_end, (size_t)(q - host_end));
	while (b->len > 0 && b->data[b->len - 1] == '/')
		b->len--;
	for (p = q; p < end; p = amp) {
		p++;
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp > p && !tracking_param(p, (size_t)(amp - p))) {
			buf_addc(b, '&');
			buf_add(b, p, (size_t)(amp - p));
		}
	}
	if (b->len < 4)
		return 0;
	return feed_hash(b->data, b->len, 1);
}

/*
 * A hash of a title folded to letters and digits (case and accents
 * ignored); 0 if too short to tell stories apart ("Press release").
 * Titles are short: the folded form is built in a small array.
 */
static uint64_t
title_key(const char *title, struct buf *b)
{
	const unsigned char	*u = (const unsigned char *)title;
	unsigned char		 key[256];
	size_t			 i, n, len, k = 0;
	uint32_t		 c;

	if (title == NULL)
		return 0;
	len = strlen(title);
	for (i = 0; i < len && k < sizeof key - 8; i += n) {
		n = 1;
		if (u[i] >= 'a' && u[i] <= 'z')
			key[k++] = u[i];
		else if (u[i] >= 'A' && u[i] <= 'Z')
			key[k++] = u[i] + 32;
		else if (u[i] >= '0' && u[i] <= '9')
			key[k++] = u[i];
		else if (u[i] >= 0x80) {
			n = text_decode(title + i, len - i, &c);
			buf_reset(b);
			text_fold(b, title + i, n);	/* é as e, ß as ss */
			if (b->len < 8) {
				memcpy(key + k, b->data, b->len);
				k += b->len;
			}
		}
	}
	if (k < 16)
		return 0;
	return feed_hash(key, k, 2);
}

/*
 * Oldest first, so that the first source of a story leads its group: a
 * radix sort on the dates (stable, so ties keep the feed order), which
 * takes a few milliseconds for 100,000 items where qsort took thirty.
 */
static void
entries_sort(struct entry *v, size_t n)
{
	struct entry	*tmp, *from = v, *to, *swap;
	size_t		 count[256], i, pass, sum, c;
	uint64_t	 key;

	tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	to = tmp;
	for (pass = 0; pass < 8; pass++) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++) {
			key = (uint64_t)from[i].date ^ (1ULL << 63);
			count[(key >> (pass * 8)) & 255]++;
		}
		if (count[(((uint64_t)from[0].date ^ (1ULL << 63)) >>
		    (pass * 8)) & 255] == n)
			continue;	/* every key has this byte */
		for (i = 0, sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			key = (uint64_t)from[i].date ^ (1ULL << 63);
			to[count[(key >> (pass * 8)) & 255]++] = from[i];
		}
		swap = from;
		from = to;
		to = swap;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	free(tmp);
}

/* An open-addressing table: key to the entry that first had it. */
struct table {
	uint64_t	*keys;
	size_t		*where;
	size_t		 mask;
};

static void
table_init(struct table *t, size_t n)
{
	size_t	 size = 16;

	while (size < n * 2)
		size *= 2;
	t->keys = xcalloc(size, sizeof *t->keys);
	t->where = xcalloc(size, sizeof *t->where);
	t->mask = size - 1;
}

/* The slot of key: where it is, or where it would go. */
static size_t
table_slot(struct table *t, uint64_t key)
{
	size_t	 h = (size_t)key & t->mask;

	while (t->keys[h] != 0 && t->keys[h] != key)
		h = (h + 1) & t->mask;
	return h;
}

/* Find key, or add it with value; returns the slot's value. */
static size_t
table_get(struct table *t, uint64_t key, size_t value)
{
	size_t	 h = table_slot(t, key);

	if (t->keys[h] == 0) {
		t->keys[h] = key;
		t->where[h] = value;
	}
	return t->where[h];
}

/* Which group does entry i join?  Its own unless a key matches. */
static size_t
entry_group(struct entry *v, size_t i, struct table *links,
    struct table *titles)
{
	size_t	 g;

	if (v[i].link != 0) {
		g = table_get(links, v[i].link, i);
		if (g != i && v[g].item->feed != v[i].item->feed)
			return v[g].group;
	}
	if (v[i].title != 0) {
		g = table_get(titles, v[i].title, i);
		if (g != i && v[g].item->feed != v[i].item->feed &&
		    v[i].date - v[g].date <= SAME_STORY_SECONDS)
			return v[g].group;
		if (g != i)	/* too far apart: a new group from here */
			titles->where[table_slot(titles, v[i].title)] = i;
	}
	return i;
}

/*
 * Group the items of all feeds into stories and flag the repeats.  Run
 * after loading and after each merge (item pointers kept here are valid
 * until the next merge); items are matched across feeds only, since one
 * feed repeating itself is the feed's business.
 */
void
dedupe_run(struct feedlist *fl)
{
	struct table	 links, titles;
	struct buf	 b;
	size_t		 i, j, n = 0;

	for (i = 0; i < fl->nfeeds; i++)
		n += fl->feeds[i]->nitems;
	free(dedupe.v);
	dedupe.v = xcalloc(n + 1, sizeof *dedupe.v);
	dedupe.n = 0;
	buf_init(&b, BUF_UNLIMITED);
	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct entry	*e = &dedupe.v[dedupe.n++];

			e->item = fl->feeds[i]->items[j];
			e->item->flags &= ~ITEM_DUPLICATE;
			e->date = item_date(e->item);
			e->link = link_key(e->item->link, &b);
			e->title = title_key(e->item->title, &b);
		}
	}
	buf_free(&b);
	entries_sort(dedupe.v, dedupe.n);
	table_init(&links, dedupe.n);
	table_init(&titles, dedupe.n);
	for (i = 0; i < dedupe.n; i++) {
		dedupe.v[i].group = entry_group(dedupe.v, i, &links, &titles);
		if (dedupe.v[i].group != i)
			dedupe.v[i].item->flags |= ITEM_DUPLICATE;
	}
	free(links.keys);
	free(links.where);
	free(titles.keys);
	free(titles.where);
}

/*
 * The other items of the item's story (at most max), for the article header;
 * returns how many.  Linear in the number of items: it runs when an
 * article opens, not per row.
 */
size_t
dedupe_others(const struct item *it, struct item **out, size_t max)
{
	size_t	 i, g = SIZE_MAX, n = 0;

	for (i = 0; i < dedupe.n; i++) {
		if (dedupe.v[i].item == it) {
			g = dedupe.v[i].group;
			break;
		}
	}
	if (g == SIZE_MAX)
		return 0;
	for (i = g; i < dedupe.n && n < max; i++) {
		if (dedupe.v[i].group == g && dedupe.v[i].item != it)
			out[n++] = dedupe.v[i].item;
	}
	return n;
}

/*
 * The feeds, other than the item's own, that carry its story, each once
 * (for "also in" lines); returns how many.
 */
size_t
dedupe_sources(const struct item *it, const struct feed **out, size_t max)
{
	struct item	*others[64];
	size_t		 n, i, j, k = 0;

	n = dedupe_others(it, others, sizeof others / sizeof others[0]);
	for (i = 0; i < n && k < max; i++) {
		if (others[i]->feed == it->feed)
			continue;
		for (j = 0; j < k && out[j] != others[i]->feed; j++)
			;
		if (j == k)
			out[k++] = others[i]->feed;
	}
	return k;
}

void
dedupe_free(void)
{
	free(dedupe.v);
	dedupe.v = NULL;
	dedupe.n = 0;
}
