/*
 * What keys do.  A key is looked up in the binding table for the view in
 * focus and runs one act_*() function; the functions only change state
 * and mark what must be redrawn.  The list panes' row formats live here
 * too, as the callbacks of ui-list.c.
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

static void	act_open(struct ui *);
static void	set_one_unread(struct ui *, struct item *, int);

/* Row counts and formats of the five lists. */

static size_t
feeds_count(void *arg)
{
	return ((struct ui *)arg)->nfrows;
}

static enum theme_element
feeds_format(void *arg, size_t row, struct buf *b, int cols)
{
	struct ui	*u = arg;
	struct feedrow	*r = &u->frows[row];
	struct buf	 t;
	size_t		 i;
	char		*head;
	int		 w;

	if (r->kind == ROW_TAG_HEADER) {
		head = xasprintf("  %5zu/%-5zu \xe2\x96\xb8 ", r->unread,
		    r->total);	/* a small triangle */
		w = text_clip(b, head, strlen(head), cols);
		free(head);
		text_fit(b, ui_rows_title(u, r), cols - w, 1);
		return EL_HEADING;
	}
	if (r->total == ROW_UNCOUNTED)
		head = xasprintf("%c %5s/%-5s ", ' ', "?", "?");
	else
		head = xasprintf("%c %5zu/%-5zu ", r->feed != NULL &&
		    r->feed->error != NULL ? '!' : ' ', r->unread, r->total);
	w = text_clip(b, head, strlen(head), cols);
	free(head);
	buf_init(&t, BUF_UNLIMITED);
	buf_addstr(&t, ui_rows_title(u, r));
	for (i = 0; r->feed != NULL && i < r->feed->ntags; i++) {
		if (r->feed->tags[i][0] == '~')
			continue;
		buf_addstr(&t, i == 0 ? "  #" : " #");
		buf_addstr(&t, r->feed->tags[i]);
	}
	text_fit(b, buf_str(&t), cols - w, 1);
	buf_free(&t);
	return r->unread > 0 ? EL_LISTNORMAL_UNREAD : EL_LISTNORMAL;
}

static size_t
items_count(void *arg)
{
	return ((struct ui *)arg)->nirows;
}

static enum theme_element
items_format(void *arg, size_t row, struct buf *b, int cols)
{
	struct ui	*u = arg;
	struct item	*it = u->irows[row];
	struct buf	 t;
	char		 date[32];
	time_t		 when = item_date(it);
	struct tm	*tm = when != DATE_NONE ? localtime(&when) : NULL;
	int		 w;

	buf_init(&t, BUF_UNLIMITED);
	buf_addstr(&t, it->flags & ITEM_UNREAD ? "N " : "  ");
	if (tm == NULL || strftime(date, sizeof date,
	    options_string(OPT_DATE_FORMAT), tm) == 0)
		date[0] = '\0';
	buf_addstr(&t, date);
	buf_addc(&t, ' ');
	w = text_clip(b, buf_str(&t), t.len, cols);
	buf_reset(&t);
	buf_addstr(&t, it->title != NULL ? it->title : _("(no title)"));
	if (u->source.kind != ROW_FEED) {
		buf_addstr(&t, "  \xe2\x80\x94 ");	/* an em dash */
		buf_addstr(&t, feed_title(it->feed));
	}
	text_fit(b, buf_str(&t), cols - w, 1);
	buf_free(&t);
	return it->flags & ITEM_UNREAD ? EL_LISTNORMAL_UNREAD : EL_LISTNORMAL;
}

static size_t
help_count(void *arg)
{
	(void)arg;
	return ACT_MAX;
}

static enum theme_element
help_format(void *arg, size_t row, struct buf *b, int cols)
{
	struct ui	*u = arg;
	char		 keys[64];
	int		 w;

	keys_list((int)row, u->help_view, keys, sizeof keys);
	w = text_fit(b, keys, 16 < cols ? 15 : cols, 1);
	w += text_clip(b, " ", 1, cols - w);
	w += text_fit(b, keys_action_name((int)row), 20 < cols - w ? 19 :
	    cols - w, 1);
	w += text_clip(b, " ", 1, cols - w);
	text_fit(b, keys_action_help((int)row), cols - w, 1);
	return EL_LISTNORMAL;
}

/* Counting links parses the whole article: only when they are shown. */
static size_t
links_count(void *arg)
{
	struct ui	*u = arg;

	return u->overlay == OVERLAY_LINKS ? ui_article_nlinks(u) : 0;
}

static enum theme_element
links_format(void *arg, size_t row, struct buf *b, int cols)
{
	char	*s;

	s = xasprintf("[%zu] %s", row + 1, ui_article_link(arg, row + 1));
	text_fit(b, s, cols, 1);
	free(s);
	return EL_LISTNORMAL;
}

static size_t
tags_count(void *arg)
{
	return ((struct ui *)arg)->ntags + 1;
}

static enum theme_element
tags_format(void *arg, size_t row, struct buf *b, int cols)
{
	struct ui	*u = arg;

	text_fit(b, row == 0 ? _("(all feeds)") : u->tags[row - 1], cols, 1);
	return EL_LISTNORMAL;
}

static const struct ui_list_ops feeds_ops = { feeds_count, feeds_format };
static const struct ui_list_ops items_ops = { items_count, items_format };
static const struct ui_list_ops help_ops = { help_count, help_format };
static const struct ui_list_ops links_ops = { links_count, links_format };
static const struct ui_list_ops tags_ops = { tags_count, tags_format };

void
ui_actions_init(struct ui *u)
{
	ui_list_init(&u->feeds, &feeds_ops, u);
	ui_list_init(&u->items, &items_ops, u);
	ui_list_init(&u->help, &help_ops, u);
	ui_list_init(&u->links, &links_ops, u);
	ui_list_init(&u->taglist, &tags_ops, u);
	u->show_read = options_bool(OPT_SHOW_READ_ARTICLES);
}

/* The view whose bindings apply now. */
enum view
ui_view(struct ui *u)
{
	switch (u->overlay) {
	case OVERLAY_HELP:
		return VIEW_HELP;
	case OVERLAY_LINKS:
		return VIEW_URLVIEW;
	case OVERLAY_TAGS:
		return VIEW_FEEDLIST;
	default:
		break;
	}
	if (u->level == LEVEL_FEEDS)
		return u->focus_side ? VIEW_ARTICLELIST : VIEW_FEEDLIST;
	if (u->level == LEVEL_ITEMS)
		return VIEW_ARTICLELIST;
	return VIEW_ARTICLE;
}

/* The list that moves with the movement keys, or NULL for the article. */
static struct ui_list *
focused_list(struct ui *u)
{
	switch (u->overlay) {
	case OVERLAY_HELP:
		return &u->help;
	case OVERLAY_LINKS:
		return &u->links;
	case OVERLAY_TAGS:
		return &u->taglist;
	default:
		break;
	}
	if (u->level == LEVEL_FEEDS)
		return u->focus_side ? &u->items : &u->feeds;
	if (u->level == LEVEL_ITEMS)
		return &u->items;
	return NULL;
}

/* The item the reader is on: in the item list or the article. */
struct item *
ui_current_item(struct ui *u)
{
	if (u->level == LEVEL_FEEDS && !u->focus_side)
		return NULL;
	return ui_rows_item(u);
}

/* In a split layout the item list previews the selected feed. */
static void
preview_feed(struct ui *u)
{
	struct feedrow	*r = ui_rows_feed(u);

	if (u->layout != LAYOUT_SINGLE && u->level == LEVEL_FEEDS &&
	    r != NULL)
		ui_rows_open(u, r);
}

static void
set_level(struct ui *u, enum ui_level level)
{
	u->level = level;
	u->focus_side = 0;
	if (level != LEVEL_ARTICLE && u->layout == LAYOUT_SINGLE)
		ui_article_clear(u);
	ui_layout(u);
}

/*
 * Mark read (journalled at once) and keep the counts right.  Reading a
 * story reads it in every feed that carried it.
 */
static void
set_unread(struct ui *u, struct item *it, int unread)
{
	struct item	*others[16];
	size_t		 i, n;

	if (it == NULL || !!(it->flags & ITEM_UNREAD) == !!unread)
		return;
	n = dedupe_others(it, others, sizeof others / sizeof others[0]);
	for (i = 0; i < n; i++)
		set_one_unread(u, others[i], unread);
	set_one_unread(u, it, unread);
}

static void
set_one_unread(struct ui *u, struct item *it, int unread)
{
	if (!!(it->flags & ITEM_UNREAD) == !!unread)
		return;
	if (store_set_unread(u->st, it, unread) != 0)
		ui_message(u, 1, _("cannot write the journal: the change "
		    "will be saved on exit"));
	ui_rows_counts(u, it, unread ? 1 : -1);
	u->items.dirty = u->feeds.dirty = UI_DIRTY_ALL;
	u->dirty |= UI_DIRTY_ALL;
}

/* Show an item in the article view (and mark it read). */
static void
open_article(struct ui *u)
{
	struct item	*it = ui_rows_item(u);

	if (it == NULL)
		return;
	if (options_bool(OPT_MARK_READ_ON_OPEN))
		set_unread(u, it, 0);
	ui_article_show(u, it);
	set_level(u, LEVEL_ARTICLE);
	u->article.top = 0;
	u->article.dirty = UI_DIRTY_ALL;
}

static void
act_move(struct ui *u, int action)
{
	struct ui_list	*l = focused_list(u);
	int		 dir = action == ACT_DOWN || action == ACT_PAGE_DOWN ||
			    action == ACT_HALF_DOWN ? 1 : -1;

	if (l == NULL) {
		if (action == ACT_DOWN || action == ACT_UP)
			ui_article_scroll(&u->article, dir);
		else if (action == ACT_HOME || action == ACT_END)
			ui_article_page(&u->article, action == ACT_HOME ? 0 : 2,
			    0);
		else
			ui_article_page(&u->article, dir, action ==
			    ACT_HALF_DOWN || action == ACT_HALF_UP);
		return;
	}
	if (action == ACT_DOWN || action == ACT_UP)
		ui_list_move(l, dir);
	else if (action == ACT_HOME)
		ui_list_select(l, 0);
	else if (action == ACT_END)
		ui_list_move(l, (long)l->ops->count(l->arg));
	else
		ui_list_page(l, dir, action == ACT_HALF_DOWN ||
		    action == ACT_HALF_UP);
	if (l == &u->feeds)
		preview_feed(u);
}

/* Enter: into a feed, an article, a link or a tag. */
static void
act_open(struct ui *u)
{
	struct feedrow	*r;

	if (u->overlay == OVERLAY_LINKS) {
		ui_open_url(u, ui_article_link(u, u->links.sel + 1));
		return;
	}
	if (u->overlay == OVERLAY_TAGS) {
		free(u->tag_filter);
		u->tag_filter = u->taglist.sel == 0 ? NULL :
		    xstrdup(u->tags[u->taglist.sel - 1]);
		u->overlay = OVERLAY_NONE;
		u->feeds.sel = u->feeds.top = 0;
		u->model_changed = 1;
		return;
	}
	if (u->overlay != OVERLAY_NONE)
		return;
	if (u->level == LEVEL_FEEDS && !u->focus_side) {
		r = ui_rows_feed(u);
		if (r == NULL)
			return;
		ui_rows_open(u, r);
		set_level(u, LEVEL_ITEMS);
		return;
	}
	if (u->level != LEVEL_ARTICLE)
		open_article(u);
}

/* q: back one level; quit from the feed list. */
static void
act_quit(struct ui *u)
{
	if (u->overlay != OVERLAY_NONE) {
		u->overlay = OVERLAY_NONE;
		u->dirty |= UI_DIRTY_ALL;
	} else if (u->level == LEVEL_ARTICLE)
		set_level(u, LEVEL_ITEMS);
	else if (u->level == LEVEL_ITEMS) {
		set_level(u, LEVEL_FEEDS);
		preview_feed(u);
	} else
		u->quit = 1;
}

/* J and K: the items of the next or previous feed-list row. */
static void
act_feed(struct ui *u, int dir)
{
	struct feedrow	*r;

	if (u->level == LEVEL_FEEDS) {
		act_move(u, dir > 0 ? ACT_DOWN : ACT_UP);
		return;
	}
	ui_list_move(&u->feeds, dir);
	r = ui_rows_feed(u);
	if (r == NULL)
		return;
	ui_rows_open(u, r);
	set_level(u, LEVEL_ITEMS);
}

/* An unread item in the item list from row start on, in direction dir. */
static long
find_unread(struct ui *u, long start, int dir)
{
	long	 i;

	for (i = start; i >= 0 && (size_t)i < u->nirows; i += dir) {
		if (u->irows[i]->flags & ITEM_UNREAD)
			return i;
	}
	return -1;
}

/*
 * n and p: the next unread article in this list, else in the next feed
 * that has one, across the whole feed list.
 */
static void
act_unread(struct ui *u, int dir)
{
	size_t	 i, n = u->nfrows;
	long	 row, frow;
	int	 in_article = u->level == LEVEL_ARTICLE;

	if (u->level != LEVEL_FEEDS) {
		row = find_unread(u, (long)u->items.sel + dir, dir);
		if (row >= 0)
			goto found;
	}
	for (i = 1; i <= n; i++) {
		frow = ((long)u->feeds.sel + dir * (long)i + (long)n) % (long)n;
		if (u->frows[frow].kind != ROW_FEED ||
		    u->frows[frow].unread == 0)
			continue;
		ui_list_select(&u->feeds, (size_t)frow);
		ui_rows_open(u, &u->frows[frow]);
		row = find_unread(u, dir > 0 ? 0 : (long)u->nirows - 1, dir);
		if (row >= 0)
			goto found;
	}
	ui_message(u, 0, _("no unread articles"));
	return;
found:
	ui_list_select(&u->items, (size_t)row);
	if (u->level == LEVEL_FEEDS)
		set_level(u, LEVEL_ITEMS);
	if (in_article || u->layout == LAYOUT_SINGLE)
		open_article(u);
}

/* A / or F prompt: the matching items, as a list of their own. */
static void
act_search(struct ui *u, int filter)
{
	struct filter	*f = NULL;
	char		*text, *cause = NULL;

	text = ui_prompt(u, filter ? _("Filter: ") : _("Search: "), NULL);
	if (text == NULL || *text == '\0') {
		free(text);
		return;
	}
	if (filter && (f = filter_parse(text, &cause)) == NULL) {
		ui_message(u, 1, "%s", cause);
		free(cause);
		free(text);
		return;
	}
	if (u->level == LEVEL_FEEDS) {
		u->source.kind = ROW_ALL;
		u->source.feed = NULL;
	}
	free(u->source_title);
	u->source_title = xasprintf("%s%s", filter ? _("Filter: ") :
	    _("Search: "), text);
	ui_rows_search(u, text, f);
	filter_free(f);
	free(text);
	if (u->nresults == 0)
		ui_message(u, 0, _("nothing found"));
	set_level(u, LEVEL_ITEMS);
}

/* A and C: mark a feed (or view), or everything, read. */
static void
act_mark_read(struct ui *u, int all)
{
	struct feedrow	*r;
	size_t		 i, j;

	if (options_bool(OPT_CONFIRM_MARK_ALL_READ) && !ui_confirm(u, all ?
	    _("Mark every article read?") : _("Mark these articles read?")))
		return;
	if (all) {
		for (i = 0; i < u->fl->nfeeds; i++) {
			for (j = 0; j < u->fl->feeds[i]->nitems; j++)
				store_set_unread(u->st,
				    u->fl->feeds[i]->items[j], 0);
		}
	} else {
		r = u->level == LEVEL_FEEDS ? ui_rows_feed(u) : &u->source;
		if (r != NULL && u->level == LEVEL_FEEDS)
			ui_rows_open(u, r);
		for (i = 0; i < u->nirows; i++)
			store_set_unread(u->st, u->irows[i], 0);
	}
	u->model_changed = 1;
}

/* t: choose a tag to show only its feeds. */
static void
act_tags(struct ui *u)
{
	size_t	 i, j, k;

	for (i = 0; i < u->ntags; i++)
		free(u->tags[i]);
	u->ntags = 0;
	for (i = 0; i < u->fl->nfeeds; i++) {
		for (j = 0; j < u->fl->feeds[i]->ntags; j++) {
			const char	*t = u->fl->feeds[i]->tags[j];

			for (k = 0; k < u->ntags && strcmp(u->tags[k], t); k++)
				;
			if (k < u->ntags)
				continue;
			u->tags = xreallocarray(u->tags, u->ntags + 1,
			    sizeof *u->tags);
			u->tags[u->ntags++] = xstrdup(t);
		}
	}
	if (u->ntags > 1)
		qsort(u->tags, u->ntags, sizeof *u->tags, ui_strcmp);
	u->overlay = OVERLAY_TAGS;
	ui_list_select(&u->taglist, 0);
	u->taglist.dirty = UI_DIRTY_ALL;
	u->dirty |= UI_DIRTY_ALL;
}

/* r: the feed in view, or everything from a view over many feeds. */
static void
act_reload(struct ui *u, int all)
{
	struct feedrow	*r = u->level == LEVEL_FEEDS ? ui_rows_feed(u) :
			    &u->source;

	if (!all && r != NULL && r->kind == ROW_FEED)
		ui_reload(u, r->feed);
	else
		ui_reload(u, NULL);
}

/* The links of the current article: list them, or open the nth. */
static void
act_link(struct ui *u, int n)
{
	struct item	*it = ui_current_item(u);

	if (it == NULL) {
		ui_message(u, 1, _("no article selected"));
		return;
	}
	ui_article_show(u, it);
	if (n == 0) {
		if (ui_article_nlinks(u) == 0) {
			ui_message(u, 0, _("this article has no links"));
			return;
		}
		u->overlay = OVERLAY_LINKS;
		ui_list_select(&u->links, 0);
		u->links.dirty = UI_DIRTY_ALL;
		u->dirty |= UI_DIRTY_ALL;
		return;
	}
	if ((size_t)n > ui_article_nlinks(u)) {
		ui_message(u, 1, _("there is no link %d"), n);
		return;
	}
	ui_open_url(u, ui_article_link(u, (size_t)n));
}

static void
act_toggle_layout(struct ui *u)
{
	u->layout_pref = (int)u->layout + 2;	/* the next explicit one */
	if (u->layout_pref > LAYOUT_SINGLE + 1)
		u->layout_pref = LAYOUT_SIDE + 1;
	ui_layout(u);
	preview_feed(u);
	ui_message(u, 0, u->layout == LAYOUT_SIDE ? _("side by side") :
	    u->layout == LAYOUT_STACKED ? _("stacked") : _("one pane"));
}

static void
act_switch_pane(struct ui *u)
{
	if (u->layout == LAYOUT_SINGLE || u->overlay != OVERLAY_NONE)
		return;
	if (u->level == LEVEL_FEEDS) {
		u->focus_side = !u->focus_side;
		u->feeds.dirty = u->items.dirty = UI_DIRTY_ALL;
	} else if (u->level == LEVEL_ITEMS)
		open_article(u);
	else
		set_level(u, LEVEL_ITEMS);
}

/* Run an action (an enum action from actions.def). */
void
ui_action(struct ui *u, int a)
{
	struct item	*it = ui_current_item(u);

	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP:
	case ACT_HALF_DOWN: case ACT_HALF_UP: case ACT_HOME: case ACT_END:
		act_move(u, a);
		break;
	case ACT_NEXT_FEED: case ACT_PREV_FEED:
		act_feed(u, a == ACT_NEXT_FEED ? 1 : -1);
		break;
	case ACT_NEXT_UNREAD: case ACT_PREV_UNREAD:
		act_unread(u, a == ACT_NEXT_UNREAD ? 1 : -1);
		break;
	case ACT_OPEN:
		act_open(u);
		break;
	case ACT_QUIT:
		act_quit(u);
		break;
	case ACT_QUIT_ALL:
		u->quit = 1;
		break;
	case ACT_SWITCH_PANE:
		act_switch_pane(u);
		break;
	case ACT_TOGGLE_LAYOUT:
		act_toggle_layout(u);
		break;
	case ACT_RELOAD: case ACT_RELOAD_ALL:
		act_reload(u, a == ACT_RELOAD_ALL);
		break;
	case ACT_TOGGLE_READ:
		if (it != NULL)
			set_unread(u, it, !(it->flags & ITEM_UNREAD));
		break;
	case ACT_MARK_FEED_READ: case ACT_MARK_ALL_READ:
		act_mark_read(u, a == ACT_MARK_ALL_READ);
		break;
	case ACT_OPEN_BROWSER:
		if (it == NULL)
			break;
		set_unread(u, it, 0);
		ui_open_url(u, it->link);
		break;
	case ACT_COPY_LINK:
		ui_copy(u, it != NULL ? it->link : NULL);
		break;
	case ACT_SHOW_LINKS:
		act_link(u, 0);
		break;
	case ACT_SEARCH: case ACT_FILTER:
		act_search(u, a == ACT_FILTER);
		break;
	case ACT_FILTER_TAG:
		act_tags(u);
		break;
	case ACT_TOGGLE_SHOW_READ:
		u->show_read = !u->show_read;
		u->model_changed = 1;
		ui_message(u, 0, u->show_read ? _("showing read articles") :
		    _("hiding read articles"));
		break;
	case ACT_HELP:
		u->help_view = ui_view(u);
		u->overlay = OVERLAY_HELP;
		ui_list_select(&u->help, 0);
		u->help.dirty = UI_DIRTY_ALL;
		u->dirty |= UI_DIRTY_ALL;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		u->dirty |= UI_DIRTY_ALL;
		break;
	default:
		if (a >= ACT_OPEN_LINK_1 && a <= ACT_OPEN_LINK_9)
			act_link(u, a - ACT_OPEN_LINK_1 + 1);
		break;
	}
}

/* A key: its action in the view in focus, or a hint if it has none. */
void
ui_key_pressed(struct ui *u, unsigned key)
{
	char	 name[16];
	int	 a;

	a = keys_lookup(key, ui_view(u));
	if (a >= 0) {
		ui_action(u, a);
		return;
	}
	if (key == KEYC_ESCAPE && u->overlay != OVERLAY_NONE) {
		act_quit(u);
		return;
	}
	keys_name(key, name, sizeof name);
	ui_message(u, 0, _("%s is not bound to anything (? shows the keys)"),
	    name);
}
