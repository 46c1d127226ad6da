/*
 * A small driver of the store API for the shell tests: it opens a cache
 * with the feed list of a urls file, as ssnews does, and reads or changes
 * the read state of items.  Changes go through store_set_unread() only
 * and the program exits without store_save(), like a reader killed right
 * after it showed the change: what survives is what the journal holds.
 *
 *   store-unit [-d MS] CACHEDIR URLSFILE COMMAND URL [ID]...
 *
 *   count URL          "UNREAD TOTAL" of that feed
 *   ids URL            the ids of its items, one a line, newest first
 *   read-ids URL       the ids of its read items
 *   unread-ids URL     the ids of its unread items
 *   body URL ID        the item's summary then its content, as stored
 *   mark-read URL ID...    mark each read; "ok ID" once it is journaled
 *   mark-unread URL ID...  the same, unread
 *
 * -d MS waits MS milliseconds before each mark (to be killed midway).
 * Load warnings go to stderr prefixed "store-unit: warning: ".  Exit
 * status: 0 done, 1 failure (no such feed or item, unreadable body, the
 * cache cannot be opened), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feed.h"
#include "options.h"
#include "store.h"
#include "urls.h"

static int	 list_ids(struct feed *, int);
static int	 print_body(struct store *, struct feed *, const char *);
static int	 mark(struct store *, struct feed *, char **, int, int, long);
static void	 pause_ms(long);
static void	 usage(void);

/* Print the ids of a feed's items: which 0 all, 1 read, 2 unread. */
static int
list_ids(struct feed *f, int which)
{
	size_t	 i;

	for (i = 0; i < f->nitems; i++) {
		int	 unread = (f->items[i]->flags & ITEM_UNREAD) != 0;

		if (which == 0 || (which == 1 && !unread) ||
		    (which == 2 && unread))
			printf("%s\n", f->items[i]->id);
	}
	return 0;
}

/* The stored text of an item, so that a test can compare it. */
static int
print_body(struct store *st, struct feed *f, const char *id)
{
	struct item	*it;

	it = feed_find_item(f, id);
	if (it == NULL) {
		fprintf(stderr, "store-unit: no item %s\n", id);
		return 1;
	}
	if (store_body(st, it) != 0) {
		fprintf(stderr, "store-unit: cannot read the body of %s\n",
		    id);
		return 1;
	}
	printf("%s%s\n", it->summary != NULL ? it->summary : "",
	    it->content != NULL ? it->content : "");
	return 0;
}

static void
pause_ms(long ms)
{
	struct timespec	 ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Mark items read or unread, one by one; "ok ID" is printed (and
 * flushed) only after store_set_unread() has returned success.
 */
static int
mark(struct store *st, struct feed *f, char **ids, int n, int unread,
    long delay)
{
	int		 i;

	for (i = 0; i < n; i++) {
		struct item	*it;

		pause_ms(delay);
		it = feed_find_item(f, ids[i]);
		if (it == NULL) {
			fprintf(stderr, "store-unit: no item %s\n", ids[i]);
			return 1;
		}
		if (store_set_unread(st, it, unread) != 0) {
			fprintf(stderr, "store-unit: cannot journal %s\n",
			    ids[i]);
			return 1;
		}
		printf("ok %s\n", ids[i]);
		fflush(stdout);
	}
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: store-unit [-d MS] CACHEDIR URLSFILE "
	    "count|ids|read-ids|unread-ids|body|mark-read|mark-unread URL "
	    "[ID]...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct feedlist	 fl;
	struct store	*st = NULL;
	struct feed	*f;
	const char	*cmd;
	char		*cause = NULL;
	long		 delay = 0;
	int		 c, rc = 1, writes;

	while ((c = getopt(argc, argv, "d:")) != -1) {
		if (c != 'd')
			usage();
		delay = strtol(optarg, NULL, 10);
	}
	argc -= optind;
	argv += optind;
	if (argc < 4)
		usage();
	cmd = argv[2];
	writes = strcmp(cmd, "mark-read") == 0 ||
	    strcmp(cmd, "mark-unread") == 0;
	if (!writes && strcmp(cmd, "count") != 0 && strcmp(cmd, "ids") != 0 &&
	    strcmp(cmd, "read-ids") != 0 && strcmp(cmd, "unread-ids") != 0 &&
	    strcmp(cmd, "body") != 0)
		usage();
	if (strcmp(cmd, "body") == 0 && argc != 5)
		usage();

	options_init();
	feedlist_init(&fl);
	if (urls_load(argv[1], &fl, &cause) != 0) {
		fprintf(stderr, "store-unit: %s\n", cause != NULL ? cause :
		    argv[1]);
		goto out;
	}
	f = feedlist_find(&fl, argv[3]);
	if (f == NULL) {
		fprintf(stderr, "store-unit: %s is not in %s\n", argv[3],
		    argv[1]);
		goto out;
	}
	st = store_open(argv[0], !writes, &cause);
	if (st == NULL) {
		fprintf(stderr, "store-unit: %s\n", cause);
		goto out;
	}
	if (store_load(st, &fl, &cause) < 0) {
		fprintf(stderr, "store-unit: %s\n", cause);
		goto out;
	}
	if (cause != NULL)
		fprintf(stderr, "store-unit: warning: %s\n", cause);

	if (strcmp(cmd, "count") == 0) {
		printf("%zu %zu\n", f->unread, f->nitems);
		rc = 0;
	} else if (strcmp(cmd, "ids") == 0)
		rc = list_ids(f, 0);
	else if (strcmp(cmd, "read-ids") == 0)
		rc = list_ids(f, 1);
	else if (strcmp(cmd, "unread-ids") == 0)
		rc = list_ids(f, 2);
	else if (strcmp(cmd, "body") == 0)
		rc = print_body(st, f, argv[4]);
	else
		rc = mark(st, f, argv + 4, argc - 4,
		    strcmp(cmd, "mark-unread") == 0, delay);
out:
	/* No store_save(): the journal alone must carry the changes. */
	store_close(st);
	free(cause);
	feedlist_free(&fl);
	options_free();
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}
