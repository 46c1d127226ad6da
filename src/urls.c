/*
 * The urls file, in newsboat's format: one feed a line, the URL then
 * quoted tags; a tag "~Title" names the feed, a tag "!" hides it, and a
 * tag "name=value" sets a per-feed option (reload-time, max-items,
 * keep-articles-days).  "query:Title:EXPR" lines make virtual feeds.
 * Command feeds ("exec:", "filter:") are refused: ssnews never runs a
 * program named by a feed list.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "file.h"
#include "i18n.h"
#include "options.h"
#include "urls.h"
#include "xmalloc.h"

#define URLS_LINE_MAX	8192	/* longest line accepted */
#define URLS_MAX_FEEDS	100000
#define URLS_MAX_SIZE	(16u << 20)

static int	urls_line(struct feedlist *, char *, char **);

/* Is s a URL ssnews may fetch: http, https or file? */
int
urls_allowed(const char *s)
{
	return strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0 || strncmp(s, "file://", 7) == 0;
}

/*
 * Split the next word off *sp: a double-quoted string (with \" and \\)
 * or a run of non-blank characters.  Returns NULL at the end of the line,
 * or with *bad set on an unterminated quote.
 */
static char *
next_word(char **sp, int *bad)
{
	char	*s = *sp, *w, *o;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#') {
		*sp = s;
		return NULL;
	}
	if (*s != '"') {
		w = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
		*sp = s;
		return w;
	}
	w = o = ++s;
	while (*s != '"') {
		if (*s == '\0') {
			*bad = 1;
			return NULL;
		}
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*o++ = *s++;
	}
	*o = '\0';
	*sp = s + 1;
	return w;
}

/* Apply one tag of a feed line: a title, a hidden mark, an option, a tag. */
static int
urls_tag(struct feed *f, const char *tag, char **cause)
{
	const char	*eq;
	char		*name;
	long long	 v;
	int		 o;

	if (tag[0] == '~') {
		feed_set(&f->custom_title, tag + 1);
		return 0;
	}
	if (strcmp(tag, "!") == 0) {
		f->flags |= FEED_HIDDEN;
		return 0;
	}
	eq = strchr(tag, '=');
	if (eq != NULL) {
		name = xstrndup(tag, (size_t)(eq - tag));
		o = options_find(name);
		free(name);
		if (o >= 0 && (options_def(o)->flags & OPTION_PER_FEED)) {
			if (options_parse(o, eq + 1, &v, cause) != 0)
				return -1;
			if (o == OPT_RELOAD_TIME)
				f->reload_time = (int)v;
			else if (o == OPT_MAX_ITEMS)
				f->max_items = (int)v;
			else
				f->keep_days = (int)v;
			return 0;
		}
	}
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof *f->tags);
	f->tags[f->ntags++] = xstrdup(tag);
	return 0;
}

/* A "query:Title:EXPR" line: a virtual feed, filtered by the expression. */
static int
urls_query(struct feedlist *fl, char *url, char **cause)
{
	struct feed	*f;
	char		*title, *expr;

	title = url + 6;
	expr = strchr(title, ':');
	if (expr == NULL || expr == title || expr[1] == '\0') {
		*cause = xstrdup(_("a query line needs a title and an "
		    "expression: query:Title:EXPR"));
		return -1;
	}
	*expr++ = '\0';
	f = feed_new(url);
	f->flags |= FEED_QUERY;
	feed_set(&f->custom_title, title);
	feed_set(&f->query, expr);
	feedlist_add(fl, f);
	return 0;
}

/* One line of the file; *cause on error (without the file:line part). */
static int
urls_line(struct feedlist *fl, char *line, char **cause)
{
	struct feed	*f;
	char		*s = line, *url, *tag;
	int		 bad = 0;

	url = next_word(&s, &bad);
	if (url == NULL) {
		if (bad)
			*cause = xstrdup(_("unterminated quote"));
		return bad ? -1 : 0;
	}
	if (strncmp(url, "query:", 6) == 0) {
		if (urls_query(fl, url, cause) != 0)
			return -1;
		f = fl->feeds[fl->nfeeds - 1];
	} else if (strncmp(url, "exec:", 5) == 0 ||
	    strncmp(url, "filter:", 7) == 0) {
		*cause = xasprintf(_("command feeds are not supported (they "
		    "would run a program): %s"), url);
		return -1;
	} else if (!urls_allowed(url)) {
		*cause = xasprintf(_("not an http, https or file URL: %s"),
		    url);
		return -1;
	} else {
		f = feedlist_find(fl, url);
		if (f == NULL) {
			if (fl->nfeeds >= URLS_MAX_FEEDS) {
				*cause = xstrdup(_("too many feeds"));
				return -1;
			}
			f = feed_new(url);
			feedlist_add(fl, f);
		}
	}
	while ((tag = next_word(&s, &bad)) != NULL) {
		if (urls_tag(f, tag, cause) != 0)
			return -1;
	}
	if (bad) {
		*cause = xstrdup(_("unterminated quote"));
		return -1;
	}
	return 0;
}

/*
 * Parse a urls file held in memory.  name is used in messages
 * ("FILE:LINE: message").  Returns -1 with *cause at the first error.
 */
int
urls_parse(const char *name, const char *text, size_t len,
    struct feedlist *fl, char **cause)
{
	const char	*p = text, *end = text + len, *nl;
	char		*line, *why = NULL;
	size_t		 n;
	int		 lineno = 0;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > URLS_LINE_MAX) {
			*cause = xasprintf(_("%s:%d: line longer than %d "
			    "bytes"), name, lineno, URLS_LINE_MAX);
			return -1;
		}
		if (memchr(p, '\0', n) != NULL) {
			*cause = xasprintf(_("%s:%d: NUL byte in line"), name,
			    lineno);
			return -1;
		}
		line = xstrndup(p, n);
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		if (urls_line(fl, line, &why) != 0) {
			*cause = xasprintf("%s:%d: %s", name, lineno, why);
			free(why);
			free(line);
			return -1;
		}
		free(line);
		p += n + 1;
	}
	return 0;
}

/*
 * Load the urls file at path into fl.  Returns 1 if the file does not
 * exist (fl untouched), 0 when loaded, -1 with *cause on error.
 */
int
urls_load(const char *path, struct feedlist *fl, char **cause)
{
	struct buf	 b;
	int		 rc;

	buf_init(&b, BUF_UNLIMITED);
	rc = file_read(path, &b, URLS_MAX_SIZE);
	if (rc < 0)
		*cause = xasprintf(_("cannot read %s: %s"), path,
		    strerror(errno));
	else if (rc == 0)
		rc = urls_parse(path, buf_str(&b), b.len, fl, cause);
	buf_free(&b);
	return rc;
}

/* The built-in social-security sources. */
int
urls_load_builtin(struct feedlist *fl, char **cause)
{
	return urls_parse(_("(built-in sources)"), urls_builtin,
	    strlen(urls_builtin), fl, cause);
}

/* Quote a word for the urls file if it needs it. */
static void
urls_quote(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* One feed as a line of the urls file. */
void
urls_format(struct buf *b, const struct feed *f)
{
	size_t	 i;

	if (f->flags & FEED_QUERY) {
		buf_addstr(b, "\"query:");
		buf_addstr(b, f->custom_title != NULL ? f->custom_title : "");
		buf_addc(b, ':');
		for (i = 0; f->query != NULL && f->query[i] != '\0'; i++) {
			if (f->query[i] == '"' || f->query[i] == '\\')
				buf_addc(b, '\\');
			buf_addc(b, f->query[i]);
		}
		buf_addc(b, '"');
	} else
		buf_addstr(b, f->url);
	for (i = 0; i < f->ntags; i++) {
		buf_addc(b, ' ');
		urls_quote(b, f->tags[i]);
	}
	if (!(f->flags & FEED_QUERY) && f->custom_title != NULL) {
		char	*t = xasprintf("~%s", f->custom_title);

		buf_addc(b, ' ');
		urls_quote(b, t);
		free(t);
	}
	if (f->flags & FEED_HIDDEN)
		buf_addstr(b, " \"!\"");
	if (f->reload_time >= 0)
		buf_addf(b, " \"reload-time=%d\"", f->reload_time);
	if (f->max_items >= 0)
		buf_addf(b, " \"max-items=%d\"", f->max_items);
	if (f->keep_days >= 0)
		buf_addf(b, " \"keep-articles-days=%d\"", f->keep_days);
	buf_addc(b, '\n');
}
