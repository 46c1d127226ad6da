/*
 * The in-memory model.  An item is one allocation: the struct followed by
 * its strings, category pointers and enclosures (item_pack()), so a feed
 * of 20,000 items costs 20,000 small blocks plus the bodies.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "xmalloc.h"

/* An open-addressing table from item id to position. */
struct idindex {
	size_t		*slots;		/* position + 1; 0 is empty */
	size_t		 mask;
};

static void	 idindex_build(struct idindex *, struct item **, size_t);
static struct item **idindex_find(struct idindex *, struct item **,
		    const char *);
static void	 feed_unindex(struct feed *);
static void	 feed_retire(struct feed *, struct item *);
static size_t	 pack_len(const char *);
static char	*pack_str(char **, const char *);

/*
 * A fast 64-bit hash for ids, fingerprints and tables: eight bytes at a
 * time, multiply and rotate, then a final mix.  Bytes are read
 * little-endian so that stored fingerprints mean the same everywhere.
 */
uint64_t
feed_hash(const void *p, size_t len, uint64_t h)
{
	const unsigned char	*u = p;
	uint64_t		 w;
	size_t			 i;

	h ^= 0x9e3779b97f4a7c15ULL + len;
	for (; len >= 8; u += 8, len -= 8) {
		memcpy(&w, u, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		h = ((h << 5) | (h >> 59)) ^ w;
		h *= 0x51afd7ed558ccd27ULL;
	}
	w = 0;
	for (i = 0; i < len; i++)
		w |= (uint64_t)u[i] << (8 * i);
	h = (((h << 5) | (h >> 59)) ^ w) * 0x51afd7ed558ccd27ULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

/* A fingerprint of what a reader sees of an item, to notice edits. */
uint64_t
item_fingerprint(const struct item *it)
{
	const char	*f[4] = { it->title, it->link, it->summary, it->content };
	uint64_t	 h = 1;
	int		 i;

	for (i = 0; i < 4; i++)
		h = feed_hash(f[i] != NULL ? f[i] : "", f[i] != NULL ?
		    strlen(f[i]) : 0, h);
	return h;
}

const char *
feed_format_name(enum feed_format f)
{
	switch (f) {
	case FORMAT_RSS09X:
		return "rss0.9x";
	case FORMAT_RSS10:
		return "rss1.0";
	case FORMAT_RSS20:
		return "rss2.0";
	case FORMAT_ATOM03:
		return "atom0.3";
	case FORMAT_ATOM10:
		return "atom1.0";
	default:
		return NULL;
	}
}

static size_t
pack_len(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

static char *
pack_str(char **at, const char *s)
{
	char	*p = *at;
	size_t	 len;

	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	memcpy(p, s, len);
	*at += len;
	return p;
}

#define ARENA_CHUNK	(4u << 20)

/* The bytes item_pack() needs for a draft. */
static size_t
pack_size(const struct item *d)
{
	size_t	 size, i;

	size = sizeof(struct item);
	size += d->nenclosures * sizeof *d->enclosures;
	size += d->ncategories * sizeof *d->categories;
	size += pack_len(d->id) + pack_len(d->title) + pack_len(d->link) +
	    pack_len(d->author) + pack_len(d->lang);
	for (i = 0; i < d->ncategories; i++)
		size += pack_len(d->categories[i]);
	for (i = 0; i < d->nenclosures; i++)
		size += pack_len(d->enclosures[i].url) +
		    pack_len(d->enclosures[i].type);
	return size;
}

/* Copy a draft item into the block at it (pack_size() bytes). */
static struct item *
pack_into(struct item *it, const struct item *d)
{
	size_t	 i;
	char	*at;

	*it = *d;
	at = (char *)(it + 1);
	it->enclosures = d->nenclosures ? (struct enclosure *)at : NULL;
	at += d->nenclosures * sizeof *d->enclosures;
	it->categories = d->ncategories ? (const char **)at : NULL;
	at += d->ncategories * sizeof *d->categories;
	for (i = 0; i < d->nenclosures; i++) {
		it->enclosures[i].url = pack_str(&at, d->enclosures[i].url);
		it->enclosures[i].type = pack_str(&at, d->enclosures[i].type);
		it->enclosures[i].length = d->enclosures[i].length;
	}
	for (i = 0; i < d->ncategories; i++)
		it->categories[i] = pack_str(&at, d->categories[i]);
	it->id = pack_str(&at, d->id);
	it->title = pack_str(&at, d->title);
	it->link = pack_str(&at, d->link);
	it->author = pack_str(&at, d->author);
	it->lang = pack_str(&at, d->lang);
	return it;
}

/*
 * Copy a draft item into one block.  The summary and content pointers are
 * moved, not copied: the new item owns them.
 */
struct item *
item_pack(const struct item *d)
{
	struct item	*it;

	it = pack_into(xmalloc(pack_size(d)), d);
	it->flags &= ~ITEM_ARENA;
	return it;
}

/*
 * The same, in the feed list's arena: loading 100,000 items from the
 * cache then costs a few large allocations instead of 100,000 small
 * ones.  Arena items are never freed one by one (only their bodies).
 */
struct item *
item_pack_arena(const struct item *d, struct feedlist *fl)
{
	struct item	*it;
	size_t		 size = pack_size(d);

	size = (size + 15) & ~(size_t)15;	/* alignment for the struct */
	if (size > ARENA_CHUNK / 4)
		return item_pack(d);
	if (fl->narena == 0 || fl->arena_used + size > ARENA_CHUNK) {
		fl->arena = xreallocarray(fl->arena, fl->narena + 1,
		    sizeof *fl->arena);
		fl->arena[fl->narena++] = xmalloc(ARENA_CHUNK);
		fl->arena_used = 0;
	}
	it = pack_into((struct item *)(void *)(fl->arena[fl->narena - 1] +
	    fl->arena_used), d);
	fl->arena_used += size;
	it->flags |= ITEM_ARENA;
	return it;
}


void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->summary);
	free(it->content);
	if (!(it->flags & ITEM_ARENA))
		free(it);
}

/* The date an item sorts by: published, else updated, else first seen. */
time_t
item_date(const struct item *it)
{
	if (it->published != DATE_NONE)
		return it->published;
	if (it->updated != DATE_NONE)
		return it->updated;
	return it->seen;
}

void
item_set_unread(struct item *it, int unread)
{
	if (!!(it->flags & ITEM_UNREAD) == !!unread)
		return;
	if (unread) {
		it->flags |= ITEM_UNREAD;
		if (it->feed != NULL)
			it->feed->unread++;
	} else {
		it->flags &= ~ITEM_UNREAD;
		if (it->feed != NULL && it->feed->unread > 0)
			it->feed->unread--;
	}
}

int
item_cmp_newest(const struct item *a, const struct item *b)
{
	time_t	 da = item_date(a), db = item_date(b);

	if (da != db)
		return da > db ? -1 : 1;
	return 0;
}

/* A stable merge sort, so that equal dates keep the document's order. */
static void
sort_range(struct item **v, struct item **tmp, size_t n,
    int (*cmp)(const struct item *, const struct item *))
{
	size_t	 half = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return;
	sort_range(v, tmp, half, cmp);
	sort_range(v + half, tmp, n - half, cmp);
	if (cmp(v[half - 1], v[half]) <= 0)
		return;		/* already in order */
	memcpy(tmp, v, half * sizeof *v);
	j = half;
	while (i < half && j < n) {
		if (cmp(v[j], tmp[i]) < 0)
			v[k++] = v[j++];
		else
			v[k++] = tmp[i++];
	}
	while (i < half)
		v[k++] = tmp[i++];
}

void
item_sort(struct item **v, size_t n,
    int (*cmp)(const struct item *, const struct item *))
{
	struct item	**tmp;

	if (n < 2)
		return;
	tmp = xreallocarray(NULL, n / 2 + 1, sizeof *tmp);
	sort_range(v, tmp, n, cmp);
	free(tmp);
}

struct feed *
feed_new(const char *url)
{
	struct feed	*f;

	f = xcalloc(1, sizeof *f);
	f->url = xstrdup(url);
	f->updated = DATE_NONE;
	f->reload_time = -1;
	f->max_items = -1;
	f->keep_days = -1;
	return f;
}

void
feed_free(struct feed *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	feed_unindex(f);
	for (i = 0; i < f->nitems; i++)
		item_free(f->items[i]);
	free(f->items);
	feed_collect(f);
	for (i = 0; i < f->ntags; i++)
		free(f->tags[i]);
	free(f->tags);
	free(f->url);
	free(f->title);
	free(f->custom_title);
	free(f->link);
	free(f->description);
	free(f->language);
	free(f->etag);
	free(f->last_modified);
	free(f->error);
	free(f->moved_to);
	free(f->query);
	free(f);
}

/* What to call a feed: the user's title, the document's, or the URL. */
const char *
feed_title(const struct feed *f)
{
	if (f->custom_title != NULL && *f->custom_title != '\0')
		return f->custom_title;
	if (f->title != NULL && *f->title != '\0')
		return f->title;
	return f->url;
}

/* Replace a string field; NULL clears it. */
void
feed_set(char **field, const char *value)
{
	if (*field != NULL && value != NULL && strcmp(*field, value) == 0)
		return;
	free(*field);
	*field = value != NULL ? xstrdup(value) : NULL;
}

void
feed_add_item(struct feed *f, struct item *it)
{
	feed_unindex(f);
	ARRAY_RESERVE(f->items, f->nitems, f->itemscap);
	f->items[f->nitems++] = it;
	it->feed = f;
	if (it->flags & ITEM_UNREAD)
		f->unread++;
}

void
feed_sort(struct feed *f)
{
	feed_unindex(f);
	item_sort(f->items, f->nitems, item_cmp_newest);
}

void
feed_count(struct feed *f)
{
	size_t	 i;

	f->unread = 0;
	for (i = 0; i < f->nitems; i++) {
		if (f->items[i]->flags & ITEM_UNREAD)
			f->unread++;
	}
}

struct item *
feed_find_item(struct feed *f, const char *id)
{
	struct item	**it;

	if (f->index == NULL) {
		f->index = xmalloc(sizeof *f->index);
		idindex_build(f->index, f->items, f->nitems);
	}
	it = idindex_find(f->index, f->items, id);
	return it != NULL ? *it : NULL;
}


/* Forget the id index after the items changed. */
static void
feed_unindex(struct feed *f)
{
	if (f->index != NULL) {
		free(f->index->slots);
		free(f->index);
		f->index = NULL;
	}
}

static void
idindex_build(struct idindex *x, struct item **v, size_t n)
{
	size_t	 size = 16, i, h;

	while (size < n * 2)
		size *= 2;
	x->slots = xcalloc(size, sizeof *x->slots);
	x->mask = size - 1;
	for (i = 0; i < n; i++) {
		h = feed_hash(v[i]->id, strlen(v[i]->id), 0) & x->mask;
		while (x->slots[h] != 0)
			h = (h + 1) & x->mask;
		x->slots[h] = i + 1;
	}
}

static struct item **
idindex_find(struct idindex *x, struct item **v, const char *id)
{
	size_t	 h;

	h = feed_hash(id, strlen(id), 0) & x->mask;
	while (x->slots[h] != 0) {
		if (strcmp(v[x->slots[h] - 1]->id, id) == 0)
			return &v[x->slots[h] - 1];
		h = (h + 1) & x->mask;
	}
	return NULL;
}

static void
merge_meta(struct feed *dst, struct feed *src)
{
	if (src->title != NULL)
		feed_set(&dst->title, src->title);
	if (src->link != NULL)
		feed_set(&dst->link, src->link);
	if (src->description != NULL)
		feed_set(&dst->description, src->description);
	if (src->language != NULL)
		feed_set(&dst->language, src->language);
	if (src->updated != DATE_NONE)
		dst->updated = src->updated;
	if (src->format != FORMAT_UNKNOWN)
		dst->format = src->format;
}

/* Should an item be left out (too old, or beyond the item limit)? */
static int
merge_keeps(const struct item *it, size_t rank, const struct merge_opts *o)
{
	if (o->max_items != 0 && rank >= o->max_items)
		return 0;
	if (o->cutoff != 0 && item_date(it) < o->cutoff)
		return 0;
	return 1;
}

/* Take an item out of use without freeing it: someone may hold it. */
static void
feed_retire(struct feed *f, struct item *it)
{
	ARRAY_RESERVE(f->retired, f->nretired, f->retiredcap);
	it->flags |= ITEM_RETIRED;
	f->retired[f->nretired++] = it;
}

/* Free what merges retired, once nobody points at it any more. */
void
feed_collect(struct feed *f)
{
	size_t	 i;

	for (i = 0; i < f->nretired; i++)
		item_free(f->retired[i]);
	free(f->retired);
	f->retired = NULL;
	f->nretired = f->retiredcap = 0;
}

/*
 * Merge a freshly parsed feed into the stored one.  Items are matched by
 * id: known items keep their read state (and are replaced when their text
 * changed), new ones arrive unread.  Items that left the document stay
 * until the limits push them out.  src is emptied; returns the number of
 * new items.
 */
size_t
feed_merge(struct feed *dst, struct feed *src, const struct merge_opts *o)
{
	struct idindex	  x;
	struct item	**old, *it;
	size_t		  i, added = 0, keep;

	feed_unindex(dst);
	merge_meta(dst, src);
	for (i = 0; i < dst->nitems; i++)
		dst->items[i]->flags &= ~(ITEM_NEW | ITEM_CHANGED |
		    ITEM_INFEED);
	idindex_build(&x, dst->items, dst->nitems);
	item_sort(src->items, src->nitems, item_cmp_newest);
	for (i = 0; i < src->nitems; i++) {
		it = src->items[i];
		src->items[i] = NULL;
		it->seen = o->now;
		if (it->hash == 0)
			it->hash = item_fingerprint(it);
		old = idindex_find(&x, dst->items, it->id);
		if (old != NULL) {
			(*old)->flags |= ITEM_INFEED;
			if ((*old)->hash == it->hash) {
				item_free(it);
				continue;
			}
			it->flags = ((*old)->flags & ITEM_UNREAD) |
			    (it->flags & ITEM_HTML) | ITEM_INFEED |
			    ITEM_CHANGED;
			it->seen = (*old)->seen;
			it->topics = 0;
			it->feed = dst;
			feed_retire(dst, *old);
			*old = it;
			dst->flags |= FEED_DIRTY;
			continue;
		}
		if (!merge_keeps(it, i, o)) {
			item_free(it);
			continue;
		}
		it->flags |= ITEM_NEW | ITEM_UNREAD | ITEM_INFEED;
		feed_add_item(dst, it);
		added++;
	}
	free(x.slots);
	src->nitems = 0;

	feed_sort(dst);
	for (i = keep = 0; i < dst->nitems; i++) {
		if (merge_keeps(dst->items[i], keep, o))
			dst->items[keep++] = dst->items[i];
		else
			feed_retire(dst, dst->items[i]);
	}
	if (keep != dst->nitems || added > 0)
		dst->flags |= FEED_DIRTY;
	dst->nitems = keep;
	feed_unindex(dst);
	feed_count(dst);
	return added;
}

void
feedlist_collect(struct feedlist *fl)
{
	size_t	 i;

	for (i = 0; i < fl->nfeeds; i++)
		feed_collect(fl->feeds[i]);
}

void
feedlist_init(struct feedlist *fl)
{
	fl->feeds = NULL;
	fl->nfeeds = fl->cap = 0;
	fl->arena = NULL;
	fl->narena = fl->arena_used = 0;
}

void
feedlist_add(struct feedlist *fl, struct feed *f)
{
	ARRAY_RESERVE(fl->feeds, fl->nfeeds, fl->cap);
	fl->feeds[fl->nfeeds++] = f;
}

struct feed *
feedlist_find(struct feedlist *fl, const char *url)
{
	size_t	 i;

	for (i = 0; i < fl->nfeeds; i++) {
		if (strcmp(fl->feeds[i]->url, url) == 0)
			return fl->feeds[i];
	}
	return NULL;
}

void
feedlist_free(struct feedlist *fl)
{
	size_t	 i;

	for (i = 0; i < fl->nfeeds; i++)
		feed_free(fl->feeds[i]);
	free(fl->feeds);
	for (i = 0; i < fl->narena; i++)
		free(fl->arena[i]);
	free(fl->arena);
	feedlist_init(fl);
}
