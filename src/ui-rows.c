/*
 * The rows of the two lists.  The feed list is "All articles", the
 * social-security topic views, query feeds and the feeds themselves; the
 * item list holds the items of the open source, newest first.  Rows are
 * rebuilt after every merge (items may have been replaced), and the
 * selection is found again by identity, so a reload in the background
 * never moves what the reader is looking at.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dedupe.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "options.h"
#include "store.h"
#include "text.h"
#include "topics.h"
#include "ui-int.h"
#include "xmalloc.h"

/* Which row is selected, by identity rather than position. */
struct selection {
	enum row_kind	 kind;
	unsigned	 topic;
	struct feed	*feed;
	const char	*group;
	struct feed	*item_feed;
	char		*item_id;
	size_t		 item_row;
	size_t		 top_offset;	/* selected row minus first row */
};

static int	 feed_in_group(const struct feed *, int, const char *);

static int
row_same(const struct feedrow *a, const struct feedrow *b)
{
	return a->kind == b->kind && a->topic == b->topic &&
	    a->feed == b->feed && (a->group == b->group || (a->group != NULL &&
	    b->group != NULL && strcmp(a->group, b->group) == 0));
}

/* The title of a feed-list row, for lists and the title line. */
const char *
ui_rows_title(struct ui *ui, const struct feedrow *r)
{
	switch (r->kind) {
	case ROW_ALL:
		return _("All articles");
	case ROW_TOPIC:
		return topics_name(r->topic);
	case ROW_SEARCH:
		return ui->source_title != NULL ? ui->source_title : "";
	case ROW_TAG_HEADER:
		return *r->group != '\0' ? r->group : _("(no group)");
	default:
		return feed_title(r->feed);
	}
}

/* Body text for filters and search, loaded from the cache if need be. */
static const char *
item_text(struct item *it, void *arg)
{
	struct ui	*ui = arg;

	store_body(ui->st, it);
	buf_reset(&ui->text);
	if (it->summary != NULL)
		buf_addstr(&ui->text, it->summary);
	buf_addc(&ui->text, '\n');
	if (it->content != NULL)
		buf_addstr(&ui->text, it->content);
	return buf_str(&ui->text);
}

/* Does the item belong to the source shown in the item list? */
static int
row_has(struct ui *ui, const struct feedrow *r, struct item *it,
    struct filter *f)
{
	struct filter_env	 env;

	switch (r->kind) {
	case ROW_ALL:
		return !(it->flags & ITEM_DUPLICATE);
	case ROW_TOPIC:
		return (it->topics & (1u << r->topic)) &&
		    !(it->flags & ITEM_DUPLICATE);
	case ROW_TAG_HEADER:
		return feed_in_group(it->feed, (int)options_number(
		    OPT_GROUP_BY), r->group) && !(it->flags & ITEM_DUPLICATE);
	case ROW_QUERY:
		if (f == NULL || (it->flags & ITEM_DUPLICATE))
			return 0;
		env.now = time(NULL);
		env.content = item_text;
		env.arg = ui;
		return filter_match(f, it, &env);
	default:
		return it->feed == r->feed;
	}
}

static int
cmp_oldest(const struct item *a, const struct item *b)
{
	return item_cmp_newest(b, a);
}

static int
cmp_title(const struct item *a, const struct item *b)
{
	int	 c = strcmp(a->title != NULL ? a->title : "",
		    b->title != NULL ? b->title : "");

	return c != 0 ? c : item_cmp_newest(a, b);
}

static int
cmp_feed(const struct item *a, const struct item *b)
{
	int	 c = strcmp(feed_title(a->feed), feed_title(b->feed));

	return c != 0 ? c : item_cmp_newest(a, b);
}

static void
sort_items(struct item **v, size_t n)
{
	static int (*const cmps[])(const struct item *,
	    const struct item *) = { item_cmp_newest, cmp_oldest, cmp_title,
	    cmp_feed };

	item_sort(v, n, cmps[options_number(OPT_ARTICLE_SORT_ORDER)]);
}

/* The items of a source (all of them, read ones included). */
static size_t
source_items(struct ui *ui, const struct feedrow *r, struct item ***out)
{
	struct filter	*f = NULL;
	struct item	**v = NULL;
	size_t		 n = 0, cap = 0, i, j;

	if (r->kind == ROW_SEARCH) {
		v = xreallocarray(NULL, ui->nresults + 1, sizeof *v);
		if (ui->nresults > 0)
			memcpy(v, ui->results, ui->nresults * sizeof *v);
		*out = v;
		return ui->nresults;
	}
	if (r->kind == ROW_FEED) {
		v = xreallocarray(NULL, r->feed->nitems + 1, sizeof *v);
		if (r->feed->nitems > 0)
			memcpy(v, r->feed->items, r->feed->nitems * sizeof *v);
		n = r->feed->nitems;
		goto sorted;
	}
	if (r->kind == ROW_QUERY)
		f = filter_parse(r->feed->query, NULL);
	for (i = 0; i < ui->fl->nfeeds; i++) {
		struct feed	*feed = ui->fl->feeds[i];

		if (feed->flags & FEED_QUERY)
			continue;
		for (j = 0; j < feed->nitems; j++) {
			if (!row_has(ui, r, feed->items[j], f))
				continue;
			ARRAY_RESERVE(v, n, cap);
			v[n++] = feed->items[j];
		}
	}
	filter_free(f);
sorted:
	sort_items(v, n);
	*out = v;
	return n;
}

/*
 * Count the unread and total items of every row in one pass over the
 * items: "All articles" and the topic views by the item's bits, query
 * feeds by their filter (unless it needs the text of every article,
 * which would read the whole cache: those are counted when opened).
 */
static void
count_rows(struct ui *ui)
{
	struct filter_env	 env;
	struct filter		**f;
	struct feedrow		*r;
	size_t			 i, j, k;
	int			 unread, by = (int)options_number(OPT_GROUP_BY);

	f = xcalloc(ui->nfrows + 1, sizeof *f);
	for (k = 0; k < ui->nfrows; k++) {
		r = &ui->frows[k];
		r->unread = r->total = 0;
		if (r->kind == ROW_QUERY) {
			f[k] = filter_parse(r->feed->query, NULL);
			if (f[k] == NULL || filter_needs_content(f[k]))
				r->total = ROW_UNCOUNTED;
		} else if (r->kind == ROW_FEED) {
			r->unread = r->feed->unread;
			r->total = r->feed->nitems;
		}
	}
	env.now = time(NULL);
	env.content = NULL;
	env.arg = NULL;
	for (i = 0; i < ui->fl->nfeeds; i++) {
		for (j = 0; j < ui->fl->feeds[i]->nitems; j++) {
			struct item	*it = ui->fl->feeds[i]->items[j];

			if (it->flags & ITEM_DUPLICATE)
				continue;
			unread = (it->flags & ITEM_UNREAD) != 0;
			for (k = 0; k < ui->nfrows; k++) {
				r = &ui->frows[k];
				if (r->kind == ROW_FEED || r->total ==
				    ROW_UNCOUNTED)
					continue;
				if ((r->kind == ROW_TOPIC && !(it->topics &
				    (1u << r->topic))) || (r->kind ==
				    ROW_QUERY && !filter_match(f[k], it,
				    &env)) || (r->kind == ROW_TAG_HEADER &&
				    !feed_in_group(it->feed, by, r->group)))
					continue;
				r->total++;
				r->unread += unread;
			}
		}
	}
	for (k = 0; k < ui->nfrows; k++)
		filter_free(f[k]);
	free(f);
}

/*
 * The group of a feed for group-by.  Tags follow the built-in list's
 * order: organisation first, then country or region, and the language
 * last (a two-letter tag); "tag" groups by every tag.
 */
static const char *
feed_group(const struct feed *f, int by, size_t nth)
{
	size_t	 i;

	switch (by) {
	case GROUP_TAG:
		return nth < f->ntags ? f->tags[nth] : NULL;
	case GROUP_ORGANISATION:
		return nth == 0 && f->ntags > 0 ? f->tags[0] : NULL;
	case GROUP_COUNTRY:
		return nth == 0 && f->ntags > 1 ? f->tags[1] : NULL;
	case GROUP_LANGUAGE:
		for (i = f->ntags; nth == 0 && i > 0; i--) {
			if (strlen(f->tags[i - 1]) == 2)
				return f->tags[i - 1];
		}
		return NULL;
	}
	return NULL;
}

/* Is the feed under this heading?  "" is the heading of the groupless. */
static int
feed_in_group(const struct feed *f, int by, const char *group)
{
	const char	*g;
	size_t		 i;

	if (*group == '\0')
		return feed_group(f, by, 0) == NULL;
	for (i = 0; (g = feed_group(f, by, i)) != NULL; i++) {
		if (strcmp(g, group) == 0)
			return 1;
	}
	return 0;
}

static int
feed_has_tag(const struct feed *f, const char *tag)
{
	size_t	 i;

	for (i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i], tag) == 0)
			return 1;
	}
	return 0;
}

static void
add_row(struct ui *ui, size_t *cap, const struct feedrow *r)
{
	ARRAY_RESERVE(ui->frows, ui->nfrows, *cap);
	ui->frows[ui->nfrows++] = *r;
}

/* The date of a feed's newest item, for feed-sort-order "updated". */
static time_t
feed_newest(const struct feed *f)
{
	return f->nitems > 0 ? item_date(f->items[0]) : DATE_NONE;
}

/* feed-sort-order: by title, most unread first, or newest first. */
static int
feedrow_cmp(const void *va, const void *vb)
{
	const struct feed	*a = ((const struct feedrow *)va)->feed;
	const struct feed	*b = ((const struct feedrow *)vb)->feed;
	time_t			 ta, tb;

	switch (options_number(OPT_FEED_SORT_ORDER)) {
	case FEED_ORDER_UNREAD:
		if (a->unread != b->unread)
			return a->unread > b->unread ? -1 : 1;
		break;
	case FEED_ORDER_UPDATED:
		ta = feed_newest(a);
		tb = feed_newest(b);
		if (ta != tb)
			return ta > tb ? -1 : 1;
		break;
	}
	return strcoll(feed_title(a), feed_title(b));
}

/* The feeds (of one group, or all) as rows. */
static void
add_feed_rows(struct ui *ui, size_t *cap, const char *group)
{
	struct feedrow	 r;
	size_t		 i, first = ui->nfrows;
	int		 by = (int)options_number(OPT_GROUP_BY);
	int		 all = options_bool(OPT_SHOW_READ_FEEDS);

	memset(&r, 0, sizeof r);
	for (i = 0; i < ui->fl->nfeeds; i++) {
		struct feed	*f = ui->fl->feeds[i];

		if (f->flags & FEED_HIDDEN)
			continue;
		if (ui->tag_filter != NULL && !feed_has_tag(f, ui->tag_filter))
			continue;
		if (group != NULL && !feed_in_group(f, by, group))
			continue;
		r.kind = f->flags & FEED_QUERY ? ROW_QUERY : ROW_FEED;
		r.feed = f;
		if (!all && r.kind == ROW_FEED && f->unread == 0 &&
		    f->error == NULL && f != ui->source.feed)
			continue;
		add_row(ui, cap, &r);
	}
	if (options_number(OPT_FEED_SORT_ORDER) != FEED_ORDER_NONE)
		qsort(ui->frows + first, ui->nfrows - first, sizeof *ui->frows,
		    feedrow_cmp);
}

/* group-by: a heading row per group, its feeds under it. */
static void
add_groups(struct ui *ui, size_t *cap)
{
	struct feedrow	 r;
	const char	**groups = NULL, *g;
	size_t		 ngroups = 0, i, j, k;
	int		 by = (int)options_number(OPT_GROUP_BY), groupless = 0;

	for (i = 0; i < ui->fl->nfeeds; i++) {
		if (ui->fl->feeds[i]->flags & FEED_HIDDEN)
			continue;
		groupless |= feed_group(ui->fl->feeds[i], by, 0) == NULL;
		for (j = 0; (g = feed_group(ui->fl->feeds[i], by, j)) != NULL;
		    j++) {
			for (k = 0; k < ngroups && strcmp(groups[k], g); k++)
				;
			if (k < ngroups)
				continue;
			groups = xreallocarray(groups, ngroups + 1,
			    sizeof *groups);
			groups[ngroups++] = g;
		}
	}
	if (ngroups > 1)
		qsort(groups, ngroups, sizeof *groups, ui_strcmp);
	memset(&r, 0, sizeof r);
	r.kind = ROW_TAG_HEADER;
	for (i = 0; i < ngroups; i++) {
		r.group = groups[i];
		add_row(ui, cap, &r);
		add_feed_rows(ui, cap, groups[i]);
	}
	if (groupless) {	/* the rest, last */
		r.group = "";
		add_row(ui, cap, &r);
		add_feed_rows(ui, cap, "");
	}
	free(groups);
}

/* Rebuild the feed list rows. */
static void
build_feed_rows(struct ui *ui)
{
	struct feedrow	 r;
	size_t		 cap = 0;
	unsigned	 t;

	free(ui->frows);
	ui->frows = NULL;
	ui->nfrows = 0;
	memset(&r, 0, sizeof r);
	r.kind = ROW_ALL;
	add_row(ui, &cap, &r);
	for (t = 0; t < topics_count(); t++) {
		r.kind = ROW_TOPIC;
		r.topic = t;
		add_row(ui, &cap, &r);
	}
	r.topic = 0;
	if (options_number(OPT_GROUP_BY) == GROUP_NONE)
		add_feed_rows(ui, &cap, NULL);
	else
		add_groups(ui, &cap);
	count_rows(ui);
}

/* Rebuild the item list of the open source. */
static void
build_item_rows(struct ui *ui)
{
	struct item	**v;
	size_t		 n, i, keep = 0;

	free(ui->irows);
	ui->irows = NULL;
	ui->nirows = 0;
	n = source_items(ui, &ui->source, &v);
	for (i = 0; i < n; i++) {
		if (ui->show_read || (v[i]->flags & ITEM_UNREAD) ||
		    v[i] == ui->article.item)
			v[keep++] = v[i];
	}
	ui->irows = v;
	ui->nirows = keep;
}

static void
remember(struct ui *ui, struct selection *s)
{
	struct item	*it;

	memset(s, 0, sizeof *s);
	if (ui->feeds.sel < ui->nfrows) {
		s->kind = ui->frows[ui->feeds.sel].kind;
		s->topic = ui->frows[ui->feeds.sel].topic;
		s->feed = ui->frows[ui->feeds.sel].feed;
		s->group = ui->frows[ui->feeds.sel].group;
	}
	if (ui->items.sel < ui->nirows) {
		it = ui->irows[ui->items.sel];
		s->item_feed = it->feed;
		s->item_id = xstrdup(it->id);
		s->item_row = ui->items.sel;
		s->top_offset = ui->items.sel - ui->items.top;
	}
}

/* Put the selections back on the same feed and item, and the item at the
 * same place on the screen. */
static void
restore(struct ui *ui, struct selection *s)
{
	struct feedrow	 want;
	size_t		 i;

	memset(&want, 0, sizeof want);
	want.kind = s->kind;
	want.topic = s->topic;
	want.feed = s->feed;
	want.group = s->group;
	for (i = 0; i < ui->nfrows; i++) {
		if (row_same(&ui->frows[i], &want)) {
			ui->feeds.sel = i;
			break;
		}
	}
	ui->items.sel = s->item_row;
	for (i = 0; s->item_id != NULL && i < ui->nirows; i++) {
		if (ui->irows[i]->feed == s->item_feed &&
		    strcmp(ui->irows[i]->id, s->item_id) == 0) {
			ui->items.sel = i;
			ui->items.top = i >= s->top_offset ? i - s->top_offset :
			    0;
			break;
		}
	}
	free(s->item_id);
	ui_list_fix(&ui->feeds);
	ui_list_fix(&ui->items);
	ui->feeds.dirty = ui->items.dirty = UI_DIRTY_ALL;
}

/* What a merge put in place of an item: itself, a new version or NULL. */
static struct item *
successor(struct item *it)
{
	if (!(it->flags & ITEM_RETIRED))
		return it;
	return feed_find_item(it->feed, it->id);
}

/*
 * Move what points at items a merge retired to their new versions: the
 * article (laid out again at the same line) and the search results.
 */
static void
follow_merges(struct ui *ui)
{
	struct ui_article	*a = &ui->article;
	struct item		*it;
	size_t			 top, i, n;

	if (a->item != NULL && (a->item->flags & ITEM_RETIRED)) {
		it = successor(a->item);
		top = a->top;
		ui_article_clear(ui);
		if (it != NULL) {
			ui_article_show(ui, it);
			ui_article_scroll(a, (long)top);
		} else if (ui->level == LEVEL_ARTICLE) {
			ui->level = LEVEL_ITEMS;
			ui_message(ui, 0, "%s", _("the article is no longer in "
			    "its feed"));
		}
	}
	for (i = n = 0; i < ui->nresults; i++) {
		if ((it = successor(ui->results[i])) != NULL)
			ui->results[n++] = it;
	}
	ui->nresults = n;
}

/* After a merge or a change of filter: rebuild, keep the selections. */
void
ui_rows_rebuild(struct ui *ui)
{
	struct selection	 s;

	remember(ui, &s);
	follow_merges(ui);
	dedupe_run(ui->fl);
	ui->deduped = 1;
	build_feed_rows(ui);
	/* One pane showing the feed list: the items can wait. */
	if (ui->level != LEVEL_FEEDS || ui->layout != LAYOUT_SINGLE)
		build_item_rows(ui);
	restore(ui, &s);
	feedlist_collect(ui->fl);	/* nothing points at retired items */
	ui->model_changed = 0;
	ui->dirty |= UI_DIRTY_ALL;
}

/* Show the items of a feed-list row in the item list. */
void
ui_rows_open(struct ui *ui, const struct feedrow *r)
{
	if (!row_same(r, &ui->source) || r->kind == ROW_SEARCH) {
		ui->source = *r;
		ui->items.sel = ui->items.top = 0;
	}
	build_item_rows(ui);
	ui_list_fix(&ui->items);
	ui->items.dirty = UI_DIRTY_ALL;
	ui->dirty |= UI_DIRTY_ALL;
}

struct item *
ui_rows_item(struct ui *ui)
{
	return ui->items.sel < ui->nirows ? ui->irows[ui->items.sel] : NULL;
}

struct feedrow *
ui_rows_feed(struct ui *ui)
{
	return ui->feeds.sel < ui->nfrows ? &ui->frows[ui->feeds.sel] : NULL;
}

/*
 * Search results as a list: items of scope whose title or text contain
 * the words (folded), or that match the filter.
 */
void
ui_rows_search(struct ui *ui, const char *words, struct filter *f)
{
	struct filter_env	 env;
	struct item		**v;
	size_t			 n, i;

	n = source_items(ui, &ui->source, &v);
	free(ui->results);
	ui->results = NULL;
	ui->nresults = 0;
	env.now = time(NULL);
	env.content = item_text;
	env.arg = ui;
	for (i = 0; i < n; i++) {
		if (f != NULL ? filter_match(f, v[i], &env) :
		    (v[i]->title != NULL && text_casestr(v[i]->title,
		    words)) || text_casestr(item_text(v[i], ui), words))
			v[ui->nresults++] = v[i];
	}
	ui->results = v;
	ui->source.kind = ROW_SEARCH;
	ui->source.feed = NULL;
	ui->items.sel = ui->items.top = 0;
	build_item_rows(ui);
	ui->items.dirty = UI_DIRTY_ALL;
	ui->dirty |= UI_DIRTY_ALL;
}

/*
 * An item was marked read (delta -1) or unread (+1): fix the counts of
 * the rows that hold it, without rebuilding anything.
 */
void
ui_rows_counts(struct ui *ui, struct item *it, int delta)
{
	struct filter	*f;
	size_t		 i;

	for (i = 0; i < ui->nfrows; i++) {
		struct feedrow	*r = &ui->frows[i];

		if (r->total == ROW_UNCOUNTED)
			continue;
		f = r->kind == ROW_QUERY ? filter_parse(r->feed->query, NULL) :
		    NULL;
		if (row_has(ui, r, it, f) && (delta > 0 || r->unread > 0))
			r->unread += (size_t)(long)delta;
		filter_free(f);
	}
}

int
ui_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
ui_rows_init(struct ui *ui)
{
	ui->source.kind = ROW_ALL;
	buf_init(&ui->text, BUF_UNLIMITED);
	/* Stories are grouped once the first frame is up (ui.c). */
	build_feed_rows(ui);
}

void
ui_rows_free(struct ui *ui)
{
	size_t	 i;

	free(ui->frows);
	free(ui->irows);
	free(ui->results);
	free(ui->source_title);
	free(ui->tag_filter);
	buf_free(&ui->text);
	dedupe_free();
	for (i = 0; i < ui->ntags; i++)
		free(ui->tags[i]);
	free(ui->tags);
}
