/*
 * What the ui*.c files share; nothing else includes this (it is the
 * only header besides them that may name curses types).
 */
#ifndef SSNEWS_UI_INT_H
#define SSNEWS_UI_INT_H

#include <sys/types.h>
#include <curses.h>
#include <time.h>

#include "buf.h"
#include "keys.h"
#include "theme.h"

struct feed;
struct feedlist;
struct filter;
struct html_doc;
struct item;
struct store;

/* Dirty bits: what the next draw must repaint. */
#define UI_DIRTY_ALL	0x1
#define UI_DIRTY_SEL	0x2	/* only the old and new selected rows */

/* A list pane: rows come from callbacks; it knows selection and scroll. */
struct ui_list;
struct ui_list_ops {
	size_t	 (*count)(void *);
	/* Append the row's text (at most cols columns); return its element. */
	enum theme_element (*format)(void *, size_t, struct buf *, int);
};

struct ui_list {
	const struct ui_list_ops *ops;
	void		*arg;
	size_t		 sel;
	size_t		 top;
	size_t		 old_sel;
	int		 rows;
	int		 cols;
	int		 dirty;
};

/* The article pane. */
struct ui_article {
	struct item	*item;
	struct html_doc	*doc;
	char		**hdr;		/* header lines, wrapped */
	enum theme_element *hdr_el;
	size_t		 nhdr;
	size_t		 top;		/* first line shown */
	size_t		 lines;		/* laid out so far */
	int		 rows;
	int		 cols;
	int		 width;		/* layout width of doc */
	int		 dirty;
	/* Where the reader is in the body across changes of width (a
	 * position in the document, see html_line()), until a scroll. */
	uint64_t	 anchor;
	int		 anchored;
};

/* What the feed list shows: views, query feeds and feeds. */
enum row_kind {
	ROW_ALL,		/* "All articles" */
	ROW_TOPIC,
	ROW_QUERY,
	ROW_FEED,
	ROW_SEARCH,		/* results of / or F */
	ROW_TAG_HEADER		/* a group heading (group-by) */
};

#define ROW_UNCOUNTED	((size_t)-1)	/* a query not counted yet */

struct feedrow {
	enum row_kind	 kind;
	unsigned	 topic;
	struct feed	*feed;		/* ROW_QUERY, ROW_FEED */
	const char	*group;		/* ROW_TAG_HEADER */
	size_t		 unread;
	size_t		 total;
};

enum ui_level {
	LEVEL_FEEDS,
	LEVEL_ITEMS,
	LEVEL_ARTICLE
};

enum ui_overlay {
	OVERLAY_NONE,
	OVERLAY_HELP,
	OVERLAY_LINKS,
	OVERLAY_TAGS
};

enum ui_layout {
	LAYOUT_SIDE,
	LAYOUT_STACKED,
	LAYOUT_SINGLE
};

struct ui {
	struct feedlist	*fl;
	struct store	*st;

	/* The feed list and the item list of the open source. */
	struct feedrow	*frows;
	size_t		 nfrows;
	struct feedrow	 source;	/* what the item list shows */
	char		*source_title;	/* for ROW_SEARCH */
	struct item	**irows;
	size_t		 nirows;
	struct item	**results;	/* ROW_SEARCH items */
	size_t		 nresults;
	char		**tags;		/* for the tag list */
	size_t		 ntags;
	char		*tag_filter;
	int		 show_read;
	struct buf	 text;		/* an item's text, for filters */

	enum ui_level	 level;
	enum ui_overlay	 overlay;
	enum view	 help_view;	/* whose keys the help lists */
	int		 layout_pref;	/* the option, then toggled */
	enum ui_layout	 layout;	/* what fits the terminal */
	int		 focus_side;	/* focus in the preview pane */

	struct ui_list	 feeds;
	struct ui_list	 items;
	struct ui_list	 help;
	struct ui_list	 links;
	struct ui_list	 taglist;
	struct ui_article article;

	WINDOW		*w_title;
	WINDOW		*w_main;
	WINDOW		*w_side;
	WINDOW		*w_status;
	WINDOW		*w_full;	/* both panes: help, links, tags */
	int		 sep_col;	/* column of the pane separator */
	int		 sep_row;

	int		 dirty;		/* title and status lines */
	int		 model_changed;	/* rows must be rebuilt */
	int		 deduped;	/* stories grouped since the load */
	int		 color;
	int		 quit;

	char		*message;
	int		 message_error;
	time_t		 message_until;

	size_t		 loading_total;
	size_t		 loading_done;
	time_t		 next_auto;
	pid_t		 child;		/* a browser holding the terminal */
};

/* ui.c */
unsigned	 ui_wait(struct ui *, int);
void		 ui_message(struct ui *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
int		 ui_attr(enum theme_element);
void		 ui_layout(struct ui *);
void		 ui_reload(struct ui *, struct feed *);
void		 ui_open_url(struct ui *, const char *);
void		 ui_copy(struct ui *, const char *);

/* ui-list.c */
void		 ui_list_init(struct ui_list *, const struct ui_list_ops *,
		    void *);
void		 ui_list_resize(struct ui_list *, int, int);
void		 ui_list_select(struct ui_list *, size_t);
void		 ui_list_move(struct ui_list *, long);
void		 ui_list_page(struct ui_list *, int, int);
void		 ui_list_fix(struct ui_list *);
void		 ui_list_draw(struct ui_list *, WINDOW *, int);

/* ui-article.c */
void		 ui_article_show(struct ui *, struct item *);
void		 ui_article_resize(struct ui_article *, int, int);
void		 ui_article_scroll(struct ui_article *, long);
void		 ui_article_page(struct ui_article *, int, int);
void		 ui_article_draw(struct ui *, WINDOW *, int);
size_t		 ui_article_nlinks(struct ui *);
const char	*ui_article_link(struct ui *, size_t);
void		 ui_article_clear(struct ui *);

/* ui-prompt.c */
char		*ui_prompt(struct ui *, const char *, const char *);
int		 ui_confirm(struct ui *, const char *);

/* ui-rows.c */
void		 ui_rows_init(struct ui *);
void		 ui_rows_rebuild(struct ui *);
void		 ui_rows_open(struct ui *, const struct feedrow *);
struct item	*ui_rows_item(struct ui *);
struct feedrow	*ui_rows_feed(struct ui *);
void		 ui_rows_search(struct ui *, const char *, struct filter *);
void		 ui_rows_free(struct ui *);
void		 ui_rows_counts(struct ui *, struct item *, int);
int		 ui_strcmp(const void *, const void *);
const char	*ui_rows_title(struct ui *, const struct feedrow *);

/* ui-actions.c */
void		 ui_actions_init(struct ui *);
void		 ui_key_pressed(struct ui *, unsigned);
void		 ui_action(struct ui *, int);
enum view	 ui_view(struct ui *);
struct item	*ui_current_item(struct ui *);

#endif
