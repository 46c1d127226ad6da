/*
 * The model: feeds, items and the list of feeds.  Plain data that the
 * interface reads directly; no I/O here.  Items are owned by their feed.
 * A merge does not free the items it replaces or drops: it retires them,
 * so pointers to them stay valid (flagged ITEM_RETIRED) until the holder
 * has looked up their successors and calls feed_collect().
 */
#ifndef SSNEWS_FEED_H
#define SSNEWS_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define DATE_NONE	((time_t)INT64_MIN)

enum feed_format {
	FORMAT_UNKNOWN,
	FORMAT_RSS09X,
	FORMAT_RSS10,
	FORMAT_RSS20,
	FORMAT_ATOM03,
	FORMAT_ATOM10
};

struct enclosure {
	const char	*url;
	const char	*type;		/* NULL if unknown */
	int64_t		 length;	/* -1 if unknown */
};

#define ITEM_UNREAD	0x01
#define ITEM_HTML	0x02	/* summary and content are HTML */
#define ITEM_NEW	0x04	/* added by the last merge */
#define ITEM_STORED	0x08	/* summary and content live in the store */
#define ITEM_DUPLICATE	0x10	/* same story as an item of another feed */
#define ITEM_INFEED	0x20	/* in the document at the last fetch */
#define ITEM_ARENA	0x40	/* allocated in its feed list's arena */
#define ITEM_CHANGED	0x80	/* replaced by a new version, last merge */
#define ITEM_LOST	0x100	/* its stored body is gone (damaged cache) */
#define ITEM_RETIRED	0x200	/* out of its feed, freed by feed_collect() */

/* Lengths of bodies kept in the store; ITEM_NOBODY means NULL. */
#define ITEM_NOBODY	UINT32_MAX

struct item {
	struct feed		*feed;
	const char		*id;
	const char		*title;
	const char		*link;
	const char		*author;
	const char		*lang;
	const char		**categories;
	struct enclosure	*enclosures;
	uint32_t		 ncategories;
	uint32_t		 nenclosures;
	time_t			 published;
	time_t			 updated;
	time_t			 seen;		/* first fetched */
	unsigned		 flags;
	uint32_t		 topics;	/* bit n: topic n matched */
	uint64_t		 hash;		/* item_fingerprint(), 0: not yet */
	char			*summary;	/* owned; see ITEM_STORED */
	char			*content;
	uint64_t		 body_off;	/* in the store's data file */
	uint32_t		 summary_len;
	uint32_t		 content_len;
};

#define FEED_DIRTY	0x01	/* changed since the last save */
#define FEED_QUERY	0x02	/* a virtual feed over other feeds */
#define FEED_HIDDEN	0x04	/* listed with a "!" tag: not shown */

struct feed {
	char		*url;
	char		*title;		/* from the document */
	char		*custom_title;	/* from the urls file */
	char		*link;
	char		*description;
	char		*language;
	time_t		 updated;
	enum feed_format format;
	char		**tags;
	size_t		 ntags;
	struct item	**items;	/* newest first */
	size_t		 nitems;
	size_t		 itemscap;
	struct item	**retired;	/* left by merges, see feed_collect() */
	size_t		 nretired;
	size_t		 retiredcap;
	size_t		 unread;
	unsigned	 flags;
	/* Fetch state, kept in the store. */
	char		*etag;
	char		*last_modified;
	char		*error;
	char		*moved_to;	/* target of a permanent redirect */
	time_t		 last_ok;
	time_t		 last_try;
	time_t		 retry_after;
	/* Per-feed settings from the urls file; -1 means the global one. */
	int		 reload_time;
	int		 max_items;
	int		 keep_days;
	char		*query;		/* filter expression of a query feed */
	void		*priv;		/* owned by whoever filled it */
	struct idindex	*index;		/* items by id, built on demand */
};

/* How feed_merge() keeps a feed within its limits. */
struct merge_opts {
	time_t		 now;
	size_t		 max_items;	/* 0: no limit */
	time_t		 cutoff;	/* drop items older; 0: keep all */
};

struct idindex;

struct feedlist {
	struct feed	**feeds;
	size_t		 nfeeds;
	size_t		 cap;
	/* Items loaded from the cache are packed into big chunks. */
	char		**arena;
	size_t		 narena;
	size_t		 arena_used;	/* in the last chunk */
};

uint64_t	 feed_hash(const void *, size_t, uint64_t);
const char	*feed_format_name(enum feed_format);
uint64_t	 item_fingerprint(const struct item *);
struct item	*item_pack(const struct item *);
struct item	*item_pack_arena(const struct item *, struct feedlist *);
void		 item_free(struct item *);
time_t		 item_date(const struct item *);
void		 item_set_unread(struct item *, int);
void		 item_sort(struct item **, size_t,
		    int (*)(const struct item *, const struct item *));
int		 item_cmp_newest(const struct item *, const struct item *);

struct feed	*feed_new(const char *);
void		 feed_free(struct feed *);
const char	*feed_title(const struct feed *);
void		 feed_set(char **, const char *);
void		 feed_add_item(struct feed *, struct item *);
void		 feed_sort(struct feed *);
size_t		 feed_merge(struct feed *, struct feed *,
		    const struct merge_opts *);
struct item	*feed_find_item(struct feed *, const char *);
void		 feed_collect(struct feed *);
void		 feed_count(struct feed *);

void		 feedlist_init(struct feedlist *);
void		 feedlist_add(struct feedlist *, struct feed *);
struct feed	*feedlist_find(struct feedlist *, const char *);
void		 feedlist_collect(struct feedlist *);
void		 feedlist_free(struct feedlist *);

#endif
