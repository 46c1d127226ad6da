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
#include "cmd.h"
#include "dump.h"
#include "feed.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "xmalloc.h"

#define OUT_FLUSH	(256u << 10)

struct dump_state {
	enum dump_format	 format;
	struct buf		 out;
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

static void
dump_on_item(void *arg, struct feed *f, struct item *it)
{
	struct dump_state	*ds = arg;

	(void)f;
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
		dump_json_feed(&ds->out, src, f, cause);
	else if (cause != NULL)
		log_warnx("%s: %s", src, cause);
	out_flush(&ds->out, 0);
	feed_free(f);
	free(cause);
	free(path);
	return ok;
}

/*
 * Dump each source in order.  Exit status: 0 if any source parsed, 1 if
 * all failed.
 */
int
cmd_dump(enum dump_format format, char **sources, int nsources)
{
	struct dump_state	 ds;
	int			 i, ok = 0;

	ds.format = format;
	buf_init(&ds.out, BUF_UNLIMITED);
	for (i = 0; i < nsources; i++)
		ok |= dump_file(&ds, sources[i]);
	out_flush(&ds.out, 1);
	buf_free(&ds.out);
	if (fflush(stdout) != 0)
		fatal("write");
	return ok ? 0 : 1;
}
