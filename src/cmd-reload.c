/*
 * -x reload and -x print-unread: the cache without the interface, for
 * cron jobs and scripts.  reload fetches every listed feed in parallel,
 * merges, saves once, and reports "N feeds, M new articles, K errors"
 * with one line per failing feed on stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "poller.h"
#include "signals.h"
#include "store.h"
#include "text.h"
#include "buf.h"
#include "xmalloc.h"

struct reload {
	struct buf	 lines;		/* one per failing feed */
	size_t		 total;
	size_t		 done;
	size_t		 added;
	size_t		 errors;
	int		 progress;	/* show a progress line on stderr */
	const char	*last;		/* the URL finished last */
};

/* The host part of a URL, for the progress line. */
static void
url_host(struct buf *b, const char *url)
{
	const char	*p = strstr(url, "://"), *end;

	p = p != NULL ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	buf_add(b, p, (size_t)(end - p));
}

/* "[37/120] example.org ..." over itself, cut to the terminal's width. */
static void
show_progress(struct reload *rl)
{
	struct buf	 line, host;
	char		*head;

	buf_init(&line, BUF_UNLIMITED);
	buf_init(&host, BUF_UNLIMITED);
	head = xasprintf("[%zu/%zu] ", rl->done, rl->total);
	if (rl->last != NULL)
		url_host(&host, rl->last);
	buf_addstr(&line, "\r");
	buf_addstr(&line, head);
	text_fit(&line, buf_str(&host), 79 - (int)strlen(head), 1);
	fputs(buf_str(&line), stderr);
	fflush(stderr);
	free(head);
	buf_free(&line);
	buf_free(&host);
}

static void
reload_done(struct fetch_result *r, void *arg)
{
	struct reload	*rl = arg;

	rl->done++;
	rl->last = r->feed->url;
	rl->added += poller_apply(r, time(NULL));
	feed_collect(r->feed);		/* nothing here holds its items */
	if (r->error != NULL) {
		rl->errors++;
		buf_addstr(&rl->lines, "ssnews: ");
		text_clean(&rl->lines, r->feed->url, strlen(r->feed->url),
		    TEXT_ONELINE | TEXT_DISPLAY);
		buf_addstr(&rl->lines, ": ");
		text_clean(&rl->lines, r->error, strlen(r->error),
		    TEXT_ONELINE | TEXT_DISPLAY);
		buf_addc(&rl->lines, '\n');
	}
	if (rl->progress)
		show_progress(rl);
}

/*
 * Fetch every feed that the server lets us (Retry-After), wait for all,
 * save.  Exit status 1 if the cache could not be saved or every feed
 * failed, 130 if interrupted (what was fetched is saved).
 */
int
cmd_reload(struct feedlist *fl, struct store *st, int quiet)
{
	struct fetch_waitfd	 w;
	struct reload		 rl;
	char			*cause = NULL;
	time_t			 now = time(NULL);
	size_t			 i, skipped = 0;
	int			 interrupted = 0, rc = 0;

	memset(&rl, 0, sizeof rl);
	buf_init(&rl.lines, BUF_UNLIMITED);
	rl.progress = !quiet && isatty(STDERR_FILENO);
	for (i = 0; i < fl->nfeeds; i++) {
		struct feed	*f = fl->feeds[i];

		if (f->flags & FEED_QUERY)
			continue;
		if (!poller_due(f, now, 1)) {
			skipped++;
			continue;
		}
		fetch_start(f, reload_done, &rl);
		rl.total++;
	}
	w.fd = signals_fd();
	while (fetch_active() + fetch_queued() > 0) {
		fetch_wait(&w, 1, 1000);
		if (w.revents && (signals_take() & (SIGNAL_INT |
		    SIGNAL_TERM))) {
			interrupted = 1;
			fetch_cancel();
			break;
		}
		fetch_perform();
	}
	if (rl.progress)
		fputs("\r\033[K", stderr);
	if (store_save(st, fl, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		rc = 1;
	}
	if (!quiet) {
		/* Errors of this run only, sanitised: servers wrote them. */
		fputs(buf_str(&rl.lines), stderr);
		/* L10N: the three counts of a reload's summary. */
		fprintf(stderr, P_("%zu feed", "%zu feeds", rl.total),
		    rl.total);
		/* L10N: between the counts of the reload summary. */
		fputs(_(", "), stderr);
		fprintf(stderr, P_("%zu new article", "%zu new articles",
		    rl.added), rl.added);
		fputs(_(", "), stderr);
		fprintf(stderr, P_("%zu error", "%zu errors", rl.errors),
		    rl.errors);
		if (skipped > 0)
			fprintf(stderr, P_(" (%zu feed asked to wait)",
			    " (%zu feeds asked to wait)", skipped), skipped);
		fputc('\n', stderr);
	}
	buf_free(&rl.lines);
	if (interrupted)
		return 130;
	if (rl.total > 0 && rl.errors == rl.total)
		rc = 1;
	return rc;
}

/* "N unread articles", counted over every listed feed. */
int
cmd_print_unread(struct feedlist *fl)
{
	size_t	 i, n = 0;

	for (i = 0; i < fl->nfeeds; i++) {
		if (!(fl->feeds[i]->flags & FEED_QUERY))
			n += fl->feeds[i]->unread;
	}
	printf(P_("%zu unread article\n", "%zu unread articles\n", n), n);
	return fflush(stdout) == 0 ? 0 : 1;
}
