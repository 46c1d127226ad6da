/*
 * The model's merge: what a reload does to the items a reader already
 * has.  Each step merges a document (a list of id, title, date) into one
 * feed and checks ids in order, flags, read state and what was retired;
 * items a merge replaces or drops must stay readable until feed_collect().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "feed.h"
#include "xmalloc.h"

#define DAY	86400
#define NOW	((time_t)1800000000)

/* One item of a document: id, title, age in days. */
struct doc_item {
	const char	*id;
	const char	*title;
	int		 age;
};

static struct item *
make_item(const struct doc_item *d)
{
	struct item	 draft;

	memset(&draft, 0, sizeof draft);
	draft.id = d->id;
	draft.title = d->title;
	draft.link = "http://example.org/";
	draft.summary = xasprintf("summary of %s", d->title);
	draft.published = draft.updated = NOW - (time_t)d->age * DAY;
	draft.seen = NOW;
	return item_pack(&draft);
}

/* Parse-like: a fresh feed holding the document's items. */
static struct feed *
make_doc(const struct doc_item *v)
{
	struct feed	*f = feed_new("http://example.org/feed");

	for (; v->id != NULL; v++)
		feed_add_item(f, make_item(v));
	return f;
}

static size_t
merge(struct feed *dst, const struct doc_item *v, size_t max_items,
    int keep_days)
{
	struct merge_opts	 o;
	struct feed		*src = make_doc(v);
	size_t			 added;

	o.now = NOW;
	o.max_items = max_items;
	o.cutoff = keep_days > 0 ? NOW - (time_t)keep_days * DAY : 0;
	added = feed_merge(dst, src, &o);
	feed_free(src);
	return added;
}

/* The feed's ids in order, comma-separated. */
static char *
ids(const struct feed *f)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < f->nitems; i++) {
		t = xasprintf("%s%s%s", s, i ? "," : "", f->items[i]->id);
		free(s);
		s = t;
	}
	return s;
}

static void
check_ids(const struct feed *f, const char *want, const char *ctx)
{
	char	*got = ids(f);

	CHECK_STR(got, want, ctx);
	free(got);
}

static void
test_first_and_again(void)
{
	static const struct doc_item	 doc[] = {
		{ "a", "Pension reform passes", 3 },
		{ "c", "Unemployment benefit rises", 1 },
		{ "b", "Disability allowance review", 2 },
		{ NULL, NULL, 0 }
	};
	struct feed	*f = feed_new("http://example.org/feed");
	size_t		 i;

	CHECK(merge(f, doc, 0, 0) == 3, "three new items");
	check_ids(f, "c,b,a", "newest first");
	CHECK(f->unread == 3, "unread %zu", f->unread);
	for (i = 0; i < f->nitems; i++)
		CHECK((f->items[i]->flags & (ITEM_NEW | ITEM_UNREAD |
		    ITEM_INFEED)) == (ITEM_NEW | ITEM_UNREAD | ITEM_INFEED),
		    "item %zu flags %#x", i, f->items[i]->flags);

	item_set_unread(feed_find_item(f, "b"), 0);
	CHECK(merge(f, doc, 0, 0) == 0, "the same document adds nothing");
	check_ids(f, "c,b,a", "unchanged");
	CHECK(f->unread == 2, "read state kept: unread %zu", f->unread);
	CHECK(!(feed_find_item(f, "b")->flags & ITEM_UNREAD), "b read");
	for (i = 0; i < f->nitems; i++)
		CHECK(!(f->items[i]->flags & (ITEM_NEW | ITEM_CHANGED)),
		    "item %zu still new or changed", i);
	CHECK(f->nretired == 0, "nothing retired: %zu", f->nretired);
	feed_free(f);
}

/* A changed text replaces the item; the old one stays readable. */
static void
test_changed(void)
{
	static const struct doc_item	 v1[] = {
		{ "a", "Pension reform passes", 3 },
		{ "b", "Disability allowance review", 2 },
		{ NULL, NULL, 0 }
	}, v2[] = {
		{ "a", "Pension reform passes", 3 },
		{ "b", "Disability allowance review: corrected", 2 },
		{ NULL, NULL, 0 }
	};
	struct feed	*f = feed_new("http://example.org/feed");
	struct item	*old, *now;

	merge(f, v1, 0, 0);
	old = feed_find_item(f, "b");
	item_set_unread(old, 0);
	CHECK(merge(f, v2, 0, 0) == 0, "a new version is not a new item");
	now = feed_find_item(f, "b");
	CHECK(now != old, "b replaced");
	CHECK_STR(now->title, "Disability allowance review: corrected",
	    "new title");
	CHECK((now->flags & (ITEM_CHANGED | ITEM_UNREAD)) == ITEM_CHANGED,
	    "changed and still read: %#x", now->flags);
	CHECK(f->nretired == 1 && f->retired[0] == old, "old b retired");
	CHECK((old->flags & ITEM_RETIRED) != 0, "old b flagged");
	CHECK_STR(old->title, "Disability allowance review",
	    "old b still readable");
	CHECK(old->feed == f && feed_find_item(old->feed, old->id) == now,
	    "old b leads to its successor");
	feed_collect(f);
	CHECK(f->nretired == 0 && f->retired == NULL, "collected");
	check_ids(f, "b,a", "after the change");
	feed_free(f);
}

/* Items that left the document stay until the limits push them out. */
static void
test_limits(void)
{
	static const struct doc_item	 v1[] = {
		{ "a", "Family benefits indexed", 40 },
		{ "b", "Sickness insurance", 20 },
		{ "c", "Social assistance", 10 },
		{ NULL, NULL, 0 }
	}, v2[] = {
		{ "d", "Health coverage extended", 1 },
		{ NULL, NULL, 0 }
	};
	struct feedlist	 fl;
	struct feed	*f = feed_new("http://example.org/feed");
	struct item	*a;

	merge(f, v1, 0, 0);
	a = feed_find_item(f, "a");
	CHECK(merge(f, v2, 0, 0) == 1, "d added");
	check_ids(f, "d,c,b,a", "left items stay");
	CHECK(!(feed_find_item(f, "c")->flags & ITEM_INFEED),
	    "c no longer in the document");
	CHECK(merge(f, v2, 3, 0) == 0, "nothing new");
	check_ids(f, "d,c,b", "max_items 3 drops the oldest");
	CHECK(f->nretired == 1 && f->retired[0] == a, "a retired");
	CHECK(feed_find_item(f, "a") == NULL, "a gone from the index");
	CHECK(merge(f, v2, 0, 15) == 0, "nothing new");
	check_ids(f, "d,c", "keep 15 days drops b");
	CHECK(f->nretired == 2, "a and b retired: %zu", f->nretired);
	CHECK(f->unread == 2, "unread %zu", f->unread);
	feedlist_init(&fl);
	feedlist_add(&fl, f);
	feedlist_collect(&fl);
	CHECK(f->nretired == 0, "collected through the list");
	merge(f, v2, 1, 0);
	CHECK(f->nretired == 1, "c retired");
	feedlist_free(&fl);	/* frees what is still retired, too */
}

/* A new item older than the cutoff is not taken at all. */
static void
test_old_new_item(void)
{
	static const struct doc_item	 v[] = {
		{ "x", "Old pension news", 100 },
		{ "y", "New pension news", 1 },
		{ NULL, NULL, 0 }
	};
	struct feed	*f = feed_new("http://example.org/feed");

	CHECK(merge(f, v, 0, 30) == 1, "only y added");
	check_ids(f, "y", "x too old");
	CHECK(f->nretired == 0, "x was never in the feed");
	feed_free(f);
}

int
main(void)
{
	test_first_and_again();
	test_changed();
	test_limits();
	test_old_new_item();
	CHECK_DONE();
}
