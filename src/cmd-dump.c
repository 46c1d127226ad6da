/*
 * --dump: parse sources and print their items.  TSV is streamed, an item
 * printed as soon as it is complete, so memory stays flat whatever the
 * size of the feed; JSON needs the feed's metadata first and keeps one
 * source's items until it ends.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "dump.h"
#include "feed.h"
#include "filter.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "options.h"
#include "parse.h"
#include "signals.h"
#include "topics.h"
#include "xmalloc.h"

#define OUT_FLUSH	(256u << 10)

struct dump_state {
	enum dump_format	 format;
	struct buf		 out;
	struct filter		*filter;	/* --filter, or NULL */
};

static void
out_flush(struct buf *out, int force)
{
	if (out->len == 0 || (!force && out->len < OUT_FLUSH))
		return;
	if (fwrite(out->data, 1, out->len, stdout) != out->len)
		fatal("write");
	buf_reset(out);
}

/*
 * Tag an item with its topics (they are part of the output and of the
 * filter language); returns whether --filter keeps it.
 */
static int
dump_keep(struct dump_state *ds, struct feed *f, struct item *it)
{
	it->feed = f;
	if (ds->format == DUMP_JSON || ds->filter != NULL)
		topics_item(it);	/* TSV has no field for them */
	return ds->filter == NULL || filter_match(ds->filter, it, NULL);
}

/* The same over a whole feed: items --filter rejects are dropped. */
static void
dump_prepare(struct dump_state *ds, struct feed *f)
{
	size_t	 i, keep = 0;

	for (i = 0; f != NULL && i < f->nitems; i++) {
		if (dump_keep(ds, f, f->items[i]))
			f->items[keep++] = f->items[i];
		else
			item_free(f->items[i]);
	}
	if (f != NULL)
		f->nitems = keep;
}

static void
dump_on_item(void *arg, struct feed *f, struct item *it)
{
	struct dump_state	*ds = arg;

	if (dump_keep(ds, f, it))
		dump_tsv_item(&ds->out, it);
	item_free(it);
	out_flush(&ds->out, 0);
}

/* A file named on the command line, or a file:// URL: its path. */
static char *
source_path(const char *src)
{
	if (strncmp(src, "file://", 7) == 0)
		return xstrdup(src + 7);
	return xstrdup(src);
}

/* The address relative links in a local file resolve against. */
static char *
source_base(const char *path)
{
	char	*cwd, *base;

	if (path[0] == '/')
		return xasprintf("file://%s", path);
	cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return xasprintf("file://%s", path);
	base = xasprintf("file://%s/%s", cwd, path);
	free(cwd);
	return base;
}

/*
 * Parse one local source.  A regular file is bounded by its own size;
 * anything else (a pipe, a device) by the body limit.
 */
static int
dump_file(struct dump_state *ds, const char *src)
{
	struct parse_limits	 lim;
	struct parser		*p;
	struct feed		*f;
	struct stat		 st;
	char			*path, *base, *cause = NULL, *perr = NULL;
	char			 chunk[65536];
	ssize_t			 n;
	int			 fd, ok;

	path = source_path(src);
	parse_limits_default(&lim);
	lim.max_body = (size_t)options_number(OPT_MAX_DOWNLOAD_SIZE);
	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd == -1) {
		cause = xasprintf(_("cannot open %s: %s"), path,
		    strerror(errno));
		f = NULL;
		goto out;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > lim.max_body)
		lim.max_body = (size_t)st.st_size;
	base = fd == STDIN_FILENO ? NULL : source_base(path);
	p = parse_new(base, NULL, &lim, ds->format == DUMP_TSV ?
	    dump_on_item : NULL, ds);
	free(base);
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			cause = xasprintf(_("cannot read %s: %s"), path,
			    strerror(errno));
			break;
		}
		if (parse_push(p, chunk, (size_t)n) == -1)
			break;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	f = parse_finish(p, &perr);
	parse_free(p);
	if (cause == NULL)
		cause = perr;
	else
		free(perr);
out:
	ok = f != NULL && (cause == NULL || f->nitems > 0);
	if (ds->format == DUMP_JSON)
		dump_prepare(ds, f);
	if (ds->format == DUMP_JSON)
		dump_json_feed(&ds->out, src, f, cause);
	else if (cause != NULL)
		log_warnx("%s: %s", src, cause);
	out_flush(&ds->out, 0);
	feed_free(f);
	free(cause);
	free(path);
	return ok;
}

/* The results of fetching every listed feed, kept in list order. */
struct dump_fetch {
	struct feed	**parsed;	/* by position in the feed list */
	char		**errors;
};

static void
dump_fetched(struct fetch_result *r, void *arg)
{
	struct dump_fetch	*df = arg;
	size_t			 slot = (size_t)r->feed->priv;

	df->parsed[slot] = r->parsed;
	r->parsed = NULL;
	df->errors[slot] = r->error != NULL ? xstrdup(r->error) : NULL;
}

static void
dump_fetch_free(struct dump_fetch *df, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		feed_free(df->parsed[i]);
		free(df->errors[i]);
	}
	free(df->parsed);
	free(df->errors);
}

/* Fetch every listed feed in parallel; interrupted by a signal: -1. */
static int
fetch_all(struct feedlist *fl, struct dump_fetch *df)
{
	struct fetch_waitfd	 w;
	char			*cause = NULL;
	size_t			 i;

	if (fetch_init(&cause) != 0 || signals_init() != 0) {
		log_warnx("%s", cause != NULL ? cause : "signals");
		free(cause);
		return -1;
	}
	for (i = 0; i < fl->nfeeds; i++) {
		if (fl->feeds[i]->flags & FEED_QUERY)
			continue;
		fl->feeds[i]->priv = (void *)i;
		fetch_start(fl->feeds[i], dump_fetched, df);
	}
	w.fd = signals_fd();
	while (fetch_active() + fetch_queued() > 0) {
		fetch_wait(&w, 1, 1000);
		if (w.revents && (signals_take() & (SIGNAL_INT |
		    SIGNAL_TERM))) {
			fetch_cleanup();
			return -1;
		}
		fetch_perform();
	}
	fetch_cleanup();
	return 0;
}

/*
 * What the feed list says of a feed goes with what was fetched: its
 * tags (topic hints, "filter", languages) and the title it gives.
 */
static void
dump_listed(struct feed *f, const struct feed *listed)
{
	size_t	 i;

	if (f == NULL || listed == NULL)
		return;
	feed_set(&f->custom_title, listed->custom_title);
	f->tags = xreallocarray(NULL, listed->ntags + 1, sizeof *f->tags);
	for (i = 0; i < listed->ntags; i++)
		f->tags[i] = xstrdup(listed->tags[i]);
	f->ntags = listed->ntags;
}

/* Print one fetched source (JSON object, or TSV lines and a warning). */
static int
dump_fetched_one(struct dump_state *ds, const char *url, struct feed *f,
    const struct feed *listed, const char *error)
{
	size_t	 j;
	int	 ok = f != NULL && (error == NULL || f->nitems > 0);

	dump_listed(f, listed);
	dump_prepare(ds, f);
	if (ds->format == DUMP_JSON)
		dump_json_feed(&ds->out, url, f, error);
	else {
		for (j = 0; f != NULL && j < f->nitems; j++)
			dump_tsv_item(&ds->out, f->items[j]);
		if (error != NULL)
			log_warnx("%s: %s", url, error);
	}
	out_flush(&ds->out, 0);
	return ok;
}

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/*
 * --dump SOURCE...: files (and file:// URLs) are read directly and
 * streamed; http and https sources are fetched first, all in parallel,
 * and everything is printed in the order given.  Exit status 0 if any
 * source parsed, 1 if all failed.
 */
/* --filter: parsed once for all sources; -1 on a bad expression. */
static int
dump_init(struct dump_state *ds, struct cli *cli)
{
	char	*cause = NULL;

	ds->format = cli->dump_format;
	ds->filter = NULL;
	buf_init(&ds->out, BUF_UNLIMITED);
	if (cli->filter == NULL)
		return 0;
	ds->filter = filter_parse(cli->filter, &cause);
	if (ds->filter != NULL)
		return 0;
	log_warnx("--filter: %s", cause);
	free(cause);
	return -1;
}

int
cmd_dump(struct cli *cli, char **sources, int nsources)
{
	struct dump_state	 ds;
	struct dump_fetch	 df;
	struct feedlist		 fl;
	struct feed		*f;
	size_t			 n = 0;
	int			 i, ok = 0, rc = 0;

	if (dump_init(&ds, cli) != 0)
		return 2;
	feedlist_init(&fl);
	for (i = 0; i < nsources; i++) {
		if (is_url(sources[i]) && feedlist_find(&fl,
		    sources[i]) == NULL)
			feedlist_add(&fl, feed_new(sources[i]));
	}
	df.parsed = xcalloc(fl.nfeeds + 1, sizeof *df.parsed);
	df.errors = xcalloc(fl.nfeeds + 1, sizeof *df.errors);
	if (fl.nfeeds > 0)
		rc = fetch_all(&fl, &df);
	for (i = 0; rc == 0 && i < nsources; i++) {
		if (!is_url(sources[i])) {
			ok |= dump_file(&ds, sources[i]);
			continue;
		}
		f = feedlist_find(&fl, sources[i]);
		n = (size_t)f->priv;
		ok |= dump_fetched_one(&ds, sources[i], df.parsed[n], NULL,
		    df.errors[n]);
	}
	out_flush(&ds.out, 1);
	buf_free(&ds.out);
	filter_free(ds.filter);
	dump_fetch_free(&df, fl.nfeeds);
	feedlist_free(&fl);
	if (fflush(stdout) != 0)
		fatal("write");
	if (rc != 0)
		return 130;
	return ok ? 0 : 1;
}

/*
 * --dump without sources: every listed feed, fetched fresh and in
 * parallel, printed in the order of the list.
 */
int
cmd_dump_feeds(struct cli *cli, struct feedlist *fl)
{
	struct dump_state	 ds;
	struct dump_fetch	 df;
	size_t			 i;
	int			 ok = 0, rc;

	if (dump_init(&ds, cli) != 0)
		return 2;
	df.parsed = xcalloc(fl->nfeeds + 1, sizeof *df.parsed);
	df.errors = xcalloc(fl->nfeeds + 1, sizeof *df.errors);
	rc = fetch_all(fl, &df);
	for (i = 0; rc == 0 && i < fl->nfeeds; i++) {
		if (!(fl->feeds[i]->flags & FEED_QUERY))
			ok |= dump_fetched_one(&ds, fl->feeds[i]->url,
			    df.parsed[i], fl->feeds[i], df.errors[i]);
	}
	out_flush(&ds.out, 1);
	buf_free(&ds.out);
	filter_free(ds.filter);
	dump_fetch_free(&df, fl->nfeeds);
	if (rc != 0)
		return 130;
	return ok ? 0 : 1;
}
