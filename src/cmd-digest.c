/*
 * --digest: a brief of the period from the cache, grouped by topic and
 * then by source, each item with its date, title, source and link - what
 * an analyst pastes into a weekly note.  As text, Markdown or HTML.  A
 * story carried by several sources is listed once, with the others named.
 * Items of general news feeds (tagged "filter") appear only under their
 * topics; other items without a topic go under "Other news".
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "dedupe.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "topics.h"
#include "xmalloc.h"

enum { DIGEST_TEXT, DIGEST_MARKDOWN, DIGEST_HTML };

struct digest {
	int		 format;
	struct buf	 out;
	struct store	*st;
	struct buf	 text;		/* an item's text, for the filter */
};

/* "7d", "24h", "2w": seconds, or -1. */
long long
cmd_parse_age(const char *s)
{
	char		*end;
	long long	 n;

	n = strtoll(s, &end, 10);
	if (end == s || n < 0 || n > 36500)
		return -1;
	switch (*end) {
	case 'h':
		n *= 3600;
		break;
	case 'd': case '\0':
		n *= 86400;
		break;
	case 'w':
		n *= 7 * 86400;
		break;
	default:
		return -1;
	}
	return end[*end != '\0'] == '\0' ? n : -1;
}

/* Text for the chosen format: HTML and Markdown need escaping. */
static void
put_text(struct digest *d, const char *s)
{
	struct buf	 clean;
	const char	*p;

	buf_init(&clean, BUF_UNLIMITED);
	text_clean(&clean, s, strlen(s), TEXT_ONELINE | TEXT_DISPLAY);
	for (p = buf_str(&clean); *p != '\0'; p++) {
		if (d->format == DIGEST_HTML && strchr("&<>\"", *p) != NULL)
			buf_addstr(&d->out, *p == '&' ? "&amp;" : *p == '<' ?
			    "&lt;" : *p == '>' ? "&gt;" : "&quot;");
		else if (d->format == DIGEST_MARKDOWN &&
		    strchr("\\`*_[]()#<>|", *p) != NULL) {
			buf_addc(&d->out, '\\');
			buf_addc(&d->out, *p);
		} else
			buf_addc(&d->out, *p);
	}
	buf_free(&clean);
}

/* A link in Markdown: no escapes, but what would end it is encoded. */
static void
put_url(struct digest *d, const char *url)
{
	struct buf	 clean;
	const char	*p;

	if (d->format != DIGEST_MARKDOWN) {
		put_text(d, url);
		return;
	}
	buf_init(&clean, BUF_UNLIMITED);
	text_clean(&clean, url, strlen(url), TEXT_ONELINE | TEXT_DISPLAY);
	for (p = buf_str(&clean); *p != '\0'; p++) {
		if (*p == ' ' || *p == '(' || *p == ')' || *p == '<' ||
		    *p == '>')
			buf_addf(&d->out, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&d->out, *p);
	}
	buf_free(&clean);
}

static void
heading(struct digest *d, int level, const char *title)
{
	if (d->format == DIGEST_HTML) {
		buf_addf(&d->out, "<h%d>", level);
		put_text(d, title);
		buf_addf(&d->out, "</h%d>\n", level);
	} else if (d->format == DIGEST_MARKDOWN) {
		buf_addf(&d->out, "\n%.*s ", level, "###");
		put_text(d, title);
		buf_addc(&d->out, '\n');
	} else {
		buf_addstr(&d->out, level == 1 ? "" : level == 2 ? "\n" :
		    "\n  ");
		put_text(d, title);
		buf_addc(&d->out, '\n');
	}
}

/* One item: date, title, link, and the other sources of the story. */
static void
digest_item(struct digest *d, struct item *it)
{
	const struct feed	*others[16];
	char		 date[16] = "";
	time_t		 t = item_date(it);
	size_t		 i, n;

	strftime(date, sizeof date, "%Y-%m-%d", gmtime(&t));
	n = dedupe_sources(it, others, sizeof others / sizeof others[0]);
	if (d->format == DIGEST_HTML) {
		buf_addf(&d->out, "<li><time>%s</time> <a href=\"", date);
		put_text(d, it->link != NULL ? it->link : "");
		buf_addstr(&d->out, "\">");
	} else if (d->format == DIGEST_MARKDOWN)
		buf_addf(&d->out, "- %s [", date);
	else
		buf_addf(&d->out, "    %s  ", date);
	put_text(d, it->title != NULL ? it->title : _("(no title)"));
	if (d->format == DIGEST_HTML)
		buf_addstr(&d->out, "</a>");
	else if (d->format == DIGEST_MARKDOWN) {
		buf_addstr(&d->out, "](");
		put_url(d, it->link != NULL ? it->link : "");
		buf_addc(&d->out, ')');
	} else if (it->link != NULL) {
		buf_addstr(&d->out, "\n                ");
		put_text(d, it->link);
	}
	for (i = 0; i < n; i++) {
		buf_addstr(&d->out, i == 0 ? (d->format == DIGEST_TEXT ?
		    "\n                " : " \xe2\x80\x94 ") : ", ");
		if (i == 0) {
			/* L10N: followed by the other sources of a story. */
			put_text(d, _("also in:"));
			buf_addc(&d->out, ' ');
		}
		put_text(d, feed_title(others[i]));
	}
	buf_addstr(&d->out, d->format == DIGEST_HTML ? "</li>\n" : "\n");
}

static int
feed_is_general(const struct feed *f)
{
	size_t	 i;

	for (i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i], "filter") == 0)
			return 1;
	}
	return 0;
}

/* Does an item belong in the digest under topic t (-1: "other")? */
static int
digest_has(const struct item *it, int t, time_t since)
{
	if ((it->flags & ITEM_DUPLICATE) || item_date(it) < since)
		return 0;
	if (t >= 0)
		return (it->topics & (1u << t)) != 0;
	return it->topics == 0 && !feed_is_general(it->feed);
}

/* Sources in the order of the feed list (its position is in priv). */
static int
cmp_source(const struct item *a, const struct item *b)
{
	uintptr_t	 x = (uintptr_t)a->feed->priv;
	uintptr_t	 y = (uintptr_t)b->feed->priv;

	return x < y ? -1 : x > y;
}

/* One section: a topic (or other news), its sources, their items. */
static size_t
digest_section(struct digest *d, int t, time_t since, struct item **v,
    size_t nv)
{
	struct item	**s;
	size_t		 i, n = 0;

	s = xreallocarray(NULL, nv + 1, sizeof *s);
	for (i = 0; i < nv; i++) {
		if (digest_has(v[i], t, since))
			s[n++] = v[i];
	}
	item_sort(s, n, cmp_source);	/* stable: newest first per source */
	if (n > 0)
		heading(d, 2, t >= 0 ? topics_name((unsigned)t) :
		    _("Other news"));
	for (i = 0; i < n; i++) {
		if (i == 0 || s[i]->feed != s[i - 1]->feed) {
			if (i > 0 && d->format == DIGEST_HTML)
				buf_addstr(&d->out, "</ul>\n");
			heading(d, 3, feed_title(s[i]->feed));
			if (d->format == DIGEST_HTML)
				buf_addstr(&d->out, "<ul>\n");
		}
		digest_item(d, s[i]);
	}
	if (n > 0 && d->format == DIGEST_HTML)
		buf_addstr(&d->out, "</ul>\n");
	free(s);
	return n;
}

static const char *
digest_text(struct item *it, void *arg)
{
	struct digest	*d = arg;

	store_body(d->st, it);
	buf_reset(&d->text);
	buf_addstr(&d->text, it->summary != NULL ? it->summary : "");
	buf_addc(&d->text, '\n');
	buf_addstr(&d->text, it->content != NULL ? it->content : "");
	return buf_str(&d->text);
}

/* The items of the period that pass the filter, newest first. */
static size_t
digest_items(struct digest *d, struct feedlist *fl, struct filter *f,
    time_t since, struct item ***out)
{
	struct filter_env	 env = { time(NULL), digest_text, d };
	struct item		**v = NULL;
	size_t			 n = 0, cap = 0, i, j;

	for (i = 0; i < fl->nfeeds; i++) {
		fl->feeds[i]->priv = (void *)(uintptr_t)i;
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];

			if (item_date(it) < since || (f != NULL &&
			    !filter_match(f, it, &env)))
				continue;
			ARRAY_RESERVE(v, n, cap);
			v[n++] = it;
		}
	}
	item_sort(v, n, item_cmp_newest);
	*out = v;
	return n;
}

/* The brief itself. */
int
cmd_digest(struct cli *cli, struct feedlist *fl, struct store *st)
{
	struct digest	 d;
	struct filter	*f = NULL;
	struct item	**v;
	char		*cause = NULL, *title, from[16], to[16];
	time_t		 now = time(NULL), since;
	long long	 age = cmd_parse_age(cli->since != NULL ? cli->since :
			    "7d");
	size_t		 n, shown = 0;
	unsigned	 t;

	if (age < 0) {
		log_warnx(_("--since: not an age like 7d, 24h or 2w: %s"),
		    cli->since);
		return 2;
	}
	if (cli->filter != NULL &&
	    (f = filter_parse(cli->filter, &cause)) == NULL) {
		log_warnx("--filter: %s", cause);
		free(cause);
		return 2;
	}
	memset(&d, 0, sizeof d);
	d.format = cli->digest_format;
	d.st = st;
	buf_init(&d.out, BUF_UNLIMITED);
	buf_init(&d.text, BUF_UNLIMITED);
	since = now - (time_t)age;
	dedupe_run(fl);
	n = digest_items(&d, fl, f, since, &v);
	strftime(from, sizeof from, "%Y-%m-%d", gmtime(&since));
	strftime(to, sizeof to, "%Y-%m-%d", gmtime(&now));
	/* L10N: the digest's title: the first and last day. */
	title = xasprintf(_("Social-security news, %s to %s"), from, to);
	heading(&d, 1, title);
	free(title);
	for (t = 0; t < topics_count(); t++)
		shown += digest_section(&d, (int)t, since, v, n);
	shown += digest_section(&d, -1, since, v, n);
	if (shown == 0)
		buf_addf(&d.out, "%s%s\n", d.format == DIGEST_HTML ? "<p>" :
		    "\n", _("Nothing in this period."));
	fwrite(d.out.data, 1, d.out.len, stdout);
	free(v);
	filter_free(f);
	buf_free(&d.out);
	buf_free(&d.text);
	return fflush(stdout) == 0 ? 0 : 1;
}
