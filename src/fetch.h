/*
 * Downloading feeds: the only user of libcurl.  One multi handle runs
 * every transfer on the caller's thread; each body streams into its own
 * parser.  The caller's loop waits in fetch_wait() and calls
 * fetch_perform(), which reports finished feeds through callbacks.
 */
#ifndef SSNEWS_FETCH_H
#define SSNEWS_FETCH_H

#include <stddef.h>
#include <time.h>

struct feed;

struct fetch_result {
	struct feed	*feed;		/* the listed feed */
	struct feed	*parsed;	/* what was read; NULL if nothing */
	int		 not_modified;	/* 304: keep what we have */
	char		*error;		/* NULL if all went well */
	char		*etag;		/* new validators, or NULL */
	char		*last_modified;
	char		*moved_to;	/* after a permanent redirect */
	time_t		 retry_after;	/* 0, or when to ask again */
	long		 status;	/* HTTP status, 0 for file: */
};

/* Called once per fetch_start(); the callee may keep r->parsed. */
typedef void (*fetch_done_cb)(struct fetch_result *, void *);

/* A descriptor the caller wants fetch_wait() to watch too. */
struct fetch_waitfd {
	int		 fd;
	short		 revents;	/* set: readable */
};

int		 fetch_init(char **);
void		 fetch_cleanup(void);
void		 fetch_start(struct feed *, fetch_done_cb, void *);
size_t		 fetch_active(void);
size_t		 fetch_queued(void);
int		 fetch_wait(struct fetch_waitfd *, unsigned, int);
void		 fetch_perform(void);
void		 fetch_cancel(void);
const char	*fetch_version(void);
int		 fetch_async_dns(void);

#endif
