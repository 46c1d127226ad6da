/*
 * The article pane: a header (title, source, author, date, link,
 * categories) and the body rendered by html.c, scrolled by lines.  The
 * body is laid out only as far as the reader scrolls, so a long article
 * opens at once; a resize lays it out again at the new width and keeps
 * the reader's place.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dedupe.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "log.h"
#include "options.h"
#include "store.h"
#include "text.h"
#include "topics.h"
#include "ui-int.h"
#include "xmalloc.h"

#define MARK_SCAN	(64u << 10)	/* bytes searched for topic words */

static void	header_build(struct ui *, struct ui_article *);

static void
header_free(struct ui_article *a)
{
	size_t	 i;

	for (i = 0; i < a->nhdr; i++)
		free(a->hdr[i]);
	free(a->hdr);
	free(a->hdr_el);
	a->hdr = NULL;
	a->hdr_el = NULL;
	a->nhdr = 0;
}

void
ui_article_clear(struct ui *ui)
{
	struct ui_article	*a = &ui->article;

	html_free(a->doc);
	a->doc = NULL;
	header_free(a);
	a->item = NULL;
	a->top = a->lines = 0;
	a->anchored = 0;
	a->dirty = UI_DIRTY_ALL;
}

/* Add a header line, wrapped at the pane's width. */
static void
header_add(struct ui_article *a, const char *label, const char *value,
    enum theme_element el)
{
	struct buf	 b;
	const char	*s;
	size_t		 n;
	int		 w;

	if (value == NULL || *value == '\0')
		return;
	buf_init(&b, BUF_UNLIMITED);
	if (label != NULL) {
		/* L10N: a line of an article's header: "Feed: ..." */
		buf_addf(&b, _("%s: "), label);
	}
	text_clean(&b, value, strlen(value), TEXT_ONELINE | TEXT_DISPLAY);
	s = buf_str(&b);
	do {
		n = text_wrap(s, a->cols > 0 ? a->cols : 1, &w);
		a->hdr = xreallocarray(a->hdr, a->nhdr + 1, sizeof *a->hdr);
		a->hdr_el = xreallocarray(a->hdr_el, a->nhdr + 1,
		    sizeof *a->hdr_el);
		a->hdr[a->nhdr] = xstrndup(s, n);
		a->hdr_el[a->nhdr++] = el;
		s += n;
		while (*s == ' ' || *s == '\n')
			s++;
	} while (*s != '\0');
	buf_free(&b);
}

static void
header_build(struct ui *ui, struct ui_article *a)
{
	struct item	*it = a->item;
	const struct feed *others[16];
	struct buf	 b;
	char		 date[64];
	time_t		 t;
	struct tm	*tm;
	size_t		 i, n;

	(void)ui;
	header_free(a);
	header_add(a, NULL, it->title != NULL ? it->title : _("(no title)"),
	    EL_HEADING);
	header_add(a, _("Feed"), feed_title(it->feed), EL_ARTICLE);
	header_add(a, _("Author"), it->author, EL_ARTICLE);
	t = item_date(it);
	tm = t != DATE_NONE ? localtime(&t) : NULL;
	if (tm != NULL && strftime(date, sizeof date, "%Y-%m-%d %H:%M",
	    tm) > 0)
		header_add(a, _("Date"), date, EL_ARTICLE);
	header_add(a, _("Link"), it->link, EL_LINK);
	buf_init(&b, BUF_UNLIMITED);
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, it->categories[i]);
	}
	header_add(a, _("Categories"), buf_str(&b), EL_ARTICLE);
	buf_reset(&b);
	n = dedupe_sources(it, others, sizeof others / sizeof others[0]);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, feed_title(others[i]));
	}
	/* L10N: the other feeds that carry the same story. */
	header_add(a, _("Also in"), buf_str(&b), EL_ARTICLE);
	buf_free(&b);
}

/*
 * Highlight the words that put the article in its topics (and the names
 * of the ILO and the ISSA): the matcher finds them in the title and the
 * text, and each distinct one is marked in the rendered body.
 */
static void
mark_topics(struct html_doc *doc, struct item *it, const char *body)
{
	struct topic_span	 spans[64];
	struct buf		 text, term;
	const char		*lang;
	size_t			 n, i, j;
	int			 flags;

	lang = it->lang != NULL ? it->lang : it->feed->language;
	buf_init(&text, BUF_UNLIMITED);
	buf_init(&term, BUF_UNLIMITED);
	buf_addstr(&text, it->title != NULL ? it->title : "");
	buf_addc(&text, '\n');
	/* The words are found in the beginning: a long article costs no more. */
	if (body != NULL)
		buf_add(&text, body, strlen(body) < MARK_SCAN ? strlen(body) :
		    MARK_SCAN);
	n = topics_spans(buf_str(&text), lang, spans, 64);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (spans[j].len == spans[i].len &&
			    memcmp(text.data + spans[j].off, text.data +
			    spans[i].off, spans[i].len) == 0)
				break;
		}
		if (j < i)
			continue;	/* marked already */
		buf_reset(&term);
		buf_add(&term, text.data + spans[i].off, spans[i].len);
		flags = HTML_MARK_WORD;
		for (j = 0; j < term.len && !(term.data[j] >= 'a' &&
		    term.data[j] <= 'z'); j++)
			;
		if (j == term.len)
			flags |= HTML_MARK_CASE;	/* an acronym */
		html_mark(doc, buf_str(&term), flags);
	}
	buf_free(&text);
	buf_free(&term);
}

/* Show an item: load its body from the cache and parse it once. */
void
ui_article_show(struct ui *ui, struct item *it)
{
	struct ui_article	*a = &ui->article;
	const char		*body;

	if (it == a->item && a->doc != NULL)
		return;
	ui_article_clear(ui);
	if (it == NULL)
		return;
	a->item = it;
	log_debug("article: open");
	if (store_body(ui->st, it) != 0)
		ui_message(ui, 1, _("the text of this article is missing from "
		    "the cache"));
	body = it->content != NULL ? it->content : it->summary;
	a->doc = html_parse(body != NULL ? body : "", body != NULL ?
	    strlen(body) : 0, (it->flags & ITEM_HTML) != 0,
	    it->link != NULL ? it->link : it->feed->url);
	log_debug("article: parsed");
	if (it->topics != 0)
		mark_topics(a->doc, it, body);
	log_debug("article: marked");
	a->width = 0;
	header_build(ui, a);
}

/*
 * A new size.  When the width changes, the headers and the body are laid
 * out again at the next draw, and the reader stays at the same place: the
 * line holding the text that was at the top.  That place is kept until
 * the reader scrolls, so going back to the old size shows the same line.
 */
void
ui_article_resize(struct ui_article *a, int rows, int cols)
{
	int			 width = cols > 2 ? cols - 1 : 1;
	size_t			 head = a->nhdr + 1;
	const struct html_line	*l;

	if (a->doc != NULL && a->width != 0 && a->width != width &&
	    !a->anchored && a->top >= head &&
	    (l = html_line(a->doc, a->top - head)) != NULL) {
		a->anchor = l->pos;
		a->anchored = 1;
	}
	a->rows = rows > 0 ? rows : 0;
	a->cols = cols > 0 ? cols : 0;
	a->dirty = UI_DIRTY_ALL;
}

/* Lay out the body far enough to show rows up to last (0: all). */
static size_t
body_lines(struct ui_article *a, size_t last)
{
	int	 width = a->cols > 2 ? a->cols - 1 : 1;

	if (a->doc == NULL)
		return 0;
	if (a->width != width) {
		a->width = width;
		a->lines = 0;
	}
	a->lines = html_layout(a->doc, width, last);
	return a->lines;
}

/* Scroll by delta lines, within the article. */
void
ui_article_scroll(struct ui_article *a, long delta)
{
	size_t	 total, head = a->nhdr + 1;
	long	 top = (long)a->top + delta;

	a->anchored = 0;

	total = head + body_lines(a, (size_t)(top > 0 ? top : 0) +
	    (size_t)a->rows + 1);
	if (top + a->rows > (long)total)
		top = (long)total - a->rows;
	if (top < 0)
		top = 0;
	if ((size_t)top != a->top) {
		a->top = (size_t)top;
		a->dirty = UI_DIRTY_ALL;
	}
}

void
ui_article_page(struct ui_article *a, int dir, int half)
{
	long	 step = a->rows > 1 ? (half ? a->rows / 2 : a->rows - 1) : 1;

	a->anchored = 0;
	if (dir == 0) {
		a->top = 0;
		a->dirty = UI_DIRTY_ALL;
		return;
	}
	if (dir > 1) {
		ui_article_scroll(a, (long)(a->nhdr + body_lines(a, SIZE_MAX)));
		return;
	}
	ui_article_scroll(a, dir * step);
}

/* The curses attributes of a run of body text. */
static int
run_attr(unsigned attr)
{
	int	 a = ui_attr(EL_ARTICLE);

	if (attr & HTML_MARK)
		return ui_attr(EL_MATCH);
	if (attr & HTML_LINK)
		a = ui_attr(EL_LINK);
	else if (attr & HTML_HEADING)
		a = ui_attr(EL_HEADING);
	else if (attr & HTML_QUOTE)
		a = ui_attr(EL_QUOTE);
	if (attr & HTML_BOLD)
		a |= A_BOLD;
	if (attr & HTML_ITALIC)
		a |= A_UNDERLINE;
	return a;
}

/* One body line: each run in its attributes, clipped to the width. */
static void
draw_body_line(struct ui_article *a, WINDOW *w, int y,
    const struct html_line *l, struct buf *b)
{
	uint32_t	 i;
	int		 used = 0;

	wmove(w, y, 0);
	wclrtoeol(w);	/* before: a full line moves the cursor down */
	for (i = 0; i < l->nruns && used < a->cols; i++) {
		buf_reset(b);
		used += text_clip(b, l->text + l->runs[i].off, l->runs[i].len,
		    a->cols - used);
		wattrset(w, run_attr(l->runs[i].attr));
		waddstr(w, buf_str(b));
	}
	wattrset(w, A_NORMAL);
}

void
ui_article_draw(struct ui *ui, WINDOW *w, int focused)
{
	struct ui_article	*a = &ui->article;
	const struct html_line	*l;
	struct buf		 b;
	size_t			 n, line, head = a->nhdr + 1;
	int			 y;

	(void)focused;
	if (!a->dirty || w == NULL)
		return;
	werase(w);
	if (a->item == NULL) {
		a->dirty = 0;
		wnoutrefresh(w);
		return;
	}
	if (a->width != (a->cols > 2 ? a->cols - 1 : 1)) {
		header_build(ui, a);	/* wrapped at the new width */
		head = a->nhdr + 1;
		(void)body_lines(a, 1);
		if (a->anchored && a->doc != NULL)
			a->top = head + html_find(a->doc, a->anchor);
	}
	n = body_lines(a, a->top + (size_t)a->rows);
	buf_init(&b, BUF_UNLIMITED);
	for (y = 0; y < a->rows; y++) {
		line = a->top + (size_t)y;
		if (line < a->nhdr) {
			buf_reset(&b);
			text_clip(&b, a->hdr[line], strlen(a->hdr[line]),
			    a->cols);
			wattrset(w, ui_attr(a->hdr_el[line]));
			mvwaddstr(w, y, 0, buf_str(&b));
			wattrset(w, A_NORMAL);
		} else if (line >= head && line - head < n &&
		    (l = html_line(a->doc, line - head)) != NULL)
			draw_body_line(a, w, y, l, &b);
	}
	buf_free(&b);
	a->dirty = 0;
	wnoutrefresh(w);
}

size_t
ui_article_nlinks(struct ui *ui)
{
	return ui->article.doc != NULL ? html_nlinks(ui->article.doc) : 0;
}

const char *
ui_article_link(struct ui *ui, size_t i)
{
	return html_link(ui->article.doc, i);
}
