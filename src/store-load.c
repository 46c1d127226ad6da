/*
 * Loading the cache (the format is described in store.c).  The index is
 * read in one pass into one buffer and split in place; bodies stay on
 * disk until an article is opened.  Damage is never fatal: what can be
 * read is loaded, the damaged file is kept aside under a new name, and
 * the caller gets a message naming the file and line.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "buf.h"
#include "feed.h"
#include "file.h"
#include "i18n.h"
#include "store-int.h"
#include "store.h"
#include "xmalloc.h"

#define MAX_FIELDS	16
#define LOAD_MAX_CATS	256
#define LOAD_MAX_ENCL	32

/* Feeds by URL, for matching index and journal lines to the feed list. */
struct urlmap {
	struct feed	**slots;
	size_t		  mask;
};

/* The item being read: its line, then its C and E lines. */
struct pending {
	int		 active;
	struct item	 d;
	const char	*cats[LOAD_MAX_CATS];
	struct enclosure encl[LOAD_MAX_ENCL];
};

#define LOAD_LINES	(1 + LOAD_MAX_CATS + LOAD_MAX_ENCL)

struct loader {
	/*
	 * The lines of the record being read (an item and its C and E
	 * lines): its strings point into them until it is packed.
	 */
	struct buf	 lines[LOAD_LINES + 1];
	size_t		 nlines;
	struct store	*st;
	struct feedlist	*fl;
	struct urlmap	 map;
	struct feed	*feed;		/* NULL: skipping a dropped feed */
	struct pending	 item;
	uint64_t	 maxoff;	/* end of the bodies referenced */
	size_t		 nfeeds, nitems;
	int		 lineno;
	int		 ended;
};

static void
urlmap_build(struct urlmap *m, struct feedlist *fl)
{
	size_t	 size = 16, i, h;

	while (size < fl->nfeeds * 2)
		size *= 2;
	m->slots = xcalloc(size, sizeof *m->slots);
	m->mask = size - 1;
	for (i = 0; i < fl->nfeeds; i++) {
		h = feed_hash(fl->feeds[i]->url, strlen(fl->feeds[i]->url), 0) &
		    m->mask;
		while (m->slots[h] != NULL)
			h = (h + 1) & m->mask;
		m->slots[h] = fl->feeds[i];
	}
}

static struct feed *
urlmap_find(struct urlmap *m, const char *url)
{
	size_t	 h;

	h = feed_hash(url, strlen(url), 0) & m->mask;
	while (m->slots[h] != NULL) {
		if (strcmp(m->slots[h]->url, url) == 0)
			return m->slots[h];
		h = (h + 1) & m->mask;
	}
	return NULL;
}

/* Split a line into TAB-separated fields, unescaped in place. */
static int
split(char *line, char **f)
{
	int	 n = 0;

	for (;;) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (line == NULL || n == MAX_FIELDS)
			break;
		*line++ = '\0';
	}
	return n;
}

static const char *
str_or_null(char *s)
{
	if (*s == '\0')
		return NULL;
	store_unescape(s);
	return s;
}

/*
 * A decimal number, or "-" for no date.  Faster than strtoll, which
 * showed in the profile of loading 100,000 items.
 */
static int
num(const char *s, long long *v)
{
	unsigned long long	 u = 0;
	int			 neg = 0, n;

	if (*s == '-' && s[1] == '\0') {
		*v = (long long)DATE_NONE;
		return 0;
	}
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n == 18)
			return -1;	/* longer than any field we write */
		u = u * 10 + (unsigned)(s[n] - '0');
	}
	if (n == 0 || s[n] != '\0')
		return -1;
	*v = neg ? -(long long)u : (long long)u;
	return 0;
}

/* Sixteen hex digits: a fingerprint. */
static uint64_t
hex64(const char *s)
{
	uint64_t	 v = 0;
	int		 i, d;

	for (i = 0; i < 16 && s[i] != '\0'; i++) {
		d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
		    (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f' ?
		    (s[i] | 0x20) - 'a' + 10 : -1;
		if (d < 0)
			return 0;
		v = v << 4 | (uint64_t)d;
	}
	return v;
}

static int
time_field(const char *s, time_t *t)
{
	long long	 v;

	if (num(s, &v) != 0)
		return -1;
	*t = (time_t)v;
	return 0;
}

/* The item read so far is complete: add it to its feed. */
static void
pending_flush(struct loader *l)
{
	struct item	*it;

	if (!l->item.active)
		return;
	l->item.active = 0;
	if (l->feed == NULL)
		return;
	it = item_pack_arena(&l->item.d, l->fl);
	feed_add_item(l->feed, it);
	l->nitems++;
}

static int
load_feed(struct loader *l, char **f, int n)
{
	struct feed	*feed;
	const char	*s;
	time_t		 updated, ok, try, retry;

	pending_flush(l);
	l->nfeeds++;
	if (n != 15 || time_field(f[7], &updated) != 0 ||
	    time_field(f[10], &ok) != 0 || time_field(f[11], &try) != 0 ||
	    time_field(f[12], &retry) != 0)
		return -1;
	store_unescape(f[1]);
	feed = l->feed = urlmap_find(&l->map, f[1]);
	if (feed == NULL)
		return 0;	/* no longer listed: its items go */
	feed_set(&feed->title, str_or_null(f[2]));
	feed_set(&feed->link, str_or_null(f[3]));
	feed_set(&feed->description, str_or_null(f[4]));
	feed_set(&feed->language, str_or_null(f[5]));
	s = str_or_null(f[6]);
	for (feed->format = FORMAT_UNKNOWN; s != NULL &&
	    feed->format <= FORMAT_ATOM10; feed->format++) {
		if (feed_format_name(feed->format) != NULL &&
		    strcmp(feed_format_name(feed->format), s) == 0)
			break;
	}
	if (feed->format > FORMAT_ATOM10)
		feed->format = FORMAT_UNKNOWN;
	feed->updated = updated;
	feed_set(&feed->etag, str_or_null(f[8]));
	feed_set(&feed->last_modified, str_or_null(f[9]));
	feed->last_ok = ok;
	feed->last_try = try;
	feed->retry_after = retry;
	feed_set(&feed->error, str_or_null(f[13]));
	feed_set(&feed->moved_to, str_or_null(f[14]));
	return 0;
}

/* An "I" line: the start of an item. */
static int
load_item(struct loader *l, char **f, int n)
{
	struct item	*d = &l->item.d;
	long long	 flags, topics, off, slen, clen;
	uint64_t	 end;

	pending_flush(l);
	if (n != 15 || *f[1] == '\0' || num(f[2], &flags) != 0 ||
	    num(f[6], &topics) != 0 || num(f[8], &off) != 0 ||
	    num(f[9], &slen) != 0 || num(f[10], &clen) != 0)
		return -1;
	memset(d, 0, sizeof *d);
	if (time_field(f[3], &d->published) != 0 ||
	    time_field(f[4], &d->updated) != 0 ||
	    time_field(f[5], &d->seen) != 0)
		return -1;
	d->hash = hex64(f[7]);
	d->flags = (unsigned)flags & (ITEM_UNREAD | ITEM_HTML);
	d->topics = (uint32_t)topics;
	d->summary_len = d->content_len = ITEM_NOBODY;
	if (off >= 0) {
		if (slen >= (long long)UINT32_MAX ||
		    clen >= (long long)UINT32_MAX)
			return -1;
		d->flags |= ITEM_STORED;
		d->body_off = (uint64_t)off;
		d->summary_len = slen >= 0 ? (uint32_t)slen : ITEM_NOBODY;
		d->content_len = clen >= 0 ? (uint32_t)clen : ITEM_NOBODY;
		end = d->body_off + (uint64_t)(slen > 0 ? slen : 0) +
		    (uint64_t)(clen > 0 ? clen : 0);
		if (end > l->maxoff)
			l->maxoff = end;
	}
	store_unescape(f[1]);
	d->id = f[1];
	d->title = str_or_null(f[11]);
	d->link = str_or_null(f[12]);
	d->author = str_or_null(f[13]);
	d->lang = str_or_null(f[14]);
	d->categories = l->item.cats;
	d->enclosures = l->item.encl;
	l->item.active = 1;
	return 0;
}

/* "C" and "E" lines add to the item above. */
static int
load_extra(struct loader *l, char **f, int n)
{
	struct item	*d = &l->item.d;
	long long	 len;

	if (!l->item.active)
		return -1;
	if (f[0][0] == 'C') {
		if (n != 2)
			return -1;
		if (d->ncategories < LOAD_MAX_CATS && *f[1] != '\0')
			l->item.cats[d->ncategories++] = str_or_null(f[1]);
		return 0;
	}
	if (n != 4 || *f[1] == '\0' || num(f[3], &len) != 0)
		return -1;
	if (d->nenclosures < LOAD_MAX_ENCL) {
		l->item.encl[d->nenclosures].url = str_or_null(f[1]);
		l->item.encl[d->nenclosures].type = str_or_null(f[2]);
		l->item.encl[d->nenclosures].length = len < 0 ? -1 : len;
		d->nenclosures++;
	}
	return 0;
}

static int
load_line(struct loader *l, char *line)
{
	char	*f[MAX_FIELDS];
	int	 n;

	if (l->ended)
		return -1;	/* nothing may follow the end */
	n = split(line, f);
	if (strcmp(f[0], "F") == 0)
		return load_feed(l, f, n);
	if (strcmp(f[0], "I") == 0) {
		if (l->nfeeds == 0)
			return -1;
		if (l->feed == NULL) {
			pending_flush(l);
			return 0;	/* an item of a dropped feed */
		}
		return load_item(l, f, n);
	}
	if (strcmp(f[0], "C") == 0 || strcmp(f[0], "E") == 0)
		return l->feed == NULL ? 0 : load_extra(l, f, n);
	if (strcmp(f[0], "end") == 0 && n == 3) {
		pending_flush(l);
		l->ended = 1;
		return 0;
	}
	return -1;
}

/* Keep a damaged file under a new name rather than lose or reuse it. */
static void
keep_aside(struct store *st, const char *name)
{
	char	*from, *to, stamp[32];
	time_t	 now = time(NULL);

	int	 n;

	if (st->readonly)
		return;
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", gmtime(&now));
	from = store_path(st, name);
	/* link() fails rather than replace an earlier damaged copy. */
	for (n = 1; n < 100; n++) {
		to = n == 1 ? xasprintf("%s/%s.damaged-%s", st->dir, name,
		    stamp) : xasprintf("%s/%s.damaged-%s.%d", st->dir, name,
		    stamp, n);
		if (link(from, to) == 0) {
			unlink(from);
			free(to);
			break;
		}
		free(to);
		if (errno != EEXIST)
			break;
	}
	free(from);
}

/*
 * Parse the (mapped, read-only) index; returns -1 at the first damaged
 * line.  Each line is copied to a scratch buffer to be split in place.
 */
static int
load_index(struct loader *l, const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl;
	unsigned	 version, gen;
	uint64_t	 vocab = 0;
	struct buf	*line;
	size_t		 i;
	int		 rc = -1;

	nl = memchr(p, '\n', len);
	l->lineno = 1;
	if (nl == NULL || (size_t)(nl - p) > 64 || sscanf(p,
	    "ssnews-index\t%u\t%u\t%" SCNx64, &version, &gen, &vocab) < 2 ||
	    version != STORE_VERSION)
		return -1;
	l->st->gen = gen;
	l->st->vocab = l->st->vocab_saved = vocab;
	for (i = 0; i <= LOAD_LINES; i++)
		buf_init(&l->lines[i], BUF_UNLIMITED);
	for (p = nl + 1; p < end; p = nl + 1) {
		l->lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			goto out;	/* cut short */
		if (*p != 'C' && *p != 'E') {
			pending_flush(l);	/* before its lines are reused */
			l->nlines = 0;
		}
		line = &l->lines[l->nlines < LOAD_LINES ? l->nlines++ :
		    LOAD_LINES];
		buf_reset(line);
		buf_add(line, p, (size_t)(nl - p));
		if (memchr(line->data, '\0', line->len) != NULL ||
		    load_line(l, line->data) != 0)
			goto out;
	}
	pending_flush(l);
	rc = l->ended ? 0 : -1;
out:
	pending_flush(l);
	for (i = 0; i <= LOAD_LINES; i++)
		buf_free(&l->lines[i]);
	return rc;
}

/*
 * Items whose bodies lie past the end of the bodies file have lost them.
 * They are marked lost (opening one says so, and nothing new is written
 * over ranges the index still names), and their fingerprints are cleared and
 * their feeds' validators too, so that the next reload fetches the
 * feeds whole and puts the text back, keeping the read state.
 */
static void
forget_lost_bodies(struct feedlist *fl, uint64_t size)
{
	size_t	 i, j;

	for (i = 0; i < fl->nfeeds; i++) {
		struct feed	*f = fl->feeds[i];

		for (j = 0; j < f->nitems; j++) {
			struct item	*it = f->items[j];
			uint64_t	 end = it->body_off;

			if (!(it->flags & ITEM_STORED))
				continue;
			end += (it->summary_len != ITEM_NOBODY ?
			    it->summary_len : 0) + (it->content_len !=
			    ITEM_NOBODY ? it->content_len : 0);
			if (end <= size)
				continue;
			it->flags = (it->flags & ~ITEM_STORED) | ITEM_LOST;
			it->summary_len = it->content_len = ITEM_NOBODY;
			it->hash = 0;
			feed_set(&f->etag, NULL);
			feed_set(&f->last_modified, NULL);
		}
	}
}

/* Delete bodies files of other generations (left by a crash). */
static void
remove_stale(struct store *st)
{
	struct dirent	*de;
	DIR		*d;
	unsigned	 gen;
	char		*path;

	if (st->readonly)
		return;
	d = opendir(st->dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (sscanf(de->d_name, "bodies.%u", &gen) != 1 ||
		    gen == st->gen || strchr(de->d_name, '-') != NULL)
			continue;
		path = store_path(st, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* Replay the journal over the loaded items; a torn last line is skipped. */
static int
load_journal(struct loader *l, int *bad_line)
{
	struct buf	 b;
	struct feed	*feed;
	struct item	*it;
	char		*path, *p, *nl, *f[MAX_FIELDS];
	int		 rc, lineno = 0;

	buf_init(&b, BUF_UNLIMITED);
	path = store_path(l->st, "journal");
	rc = file_read(path, &b, (size_t)1 << 31);
	free(path);
	*bad_line = 0;
	for (p = b.data; rc == 0 && (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		lineno++;
		*nl = '\0';
		if (split(p, f) != 3 || (strcmp(f[0], "r") != 0 &&
		    strcmp(f[0], "u") != 0)) {
			if (*bad_line == 0)
				*bad_line = lineno;
			continue;
		}
		store_unescape(f[1]);
		store_unescape(f[2]);
		feed = urlmap_find(&l->map, f[1]);
		it = feed != NULL ? feed_find_item(feed, f[2]) : NULL;
		if (it != NULL)
			item_set_unread(it, f[0][0] == 'u');
		l->st->journaled++;	/* to be folded into the index */
	}
	buf_free(&b);
	return rc < 0 ? -1 : 0;
}

/*
 * Load the cache into the feeds of fl (matched by URL).  Returns 0, or 1
 * with *warning set when something was damaged (what could be read is
 * loaded), or -1 with *warning when the cache cannot be read at all.
 */
int
store_load(struct store *st, struct feedlist *fl, char **warning)
{
	struct loader	 l;
	const char	*map;
	char		*path;
	size_t		 i, len;
	int		 rc, damaged = 0, bad_journal;

	*warning = NULL;
	memset(&l, 0, sizeof l);
	l.st = st;
	l.fl = fl;
	urlmap_build(&l.map, fl);
	path = store_path(st, "index");
	rc = file_map(path, &map, &len);
	if (rc < 0) {
		*warning = xasprintf(_("cannot read %s: %s"), path,
		    strerror(errno));
		free(path);
		free(l.map.slots);
		return -1;
	}
	if (rc == 0 && load_index(&l, map, len) != 0) {
		/* What followed the damage is lost: fetch this feed whole. */
		if (l.feed != NULL) {
			feed_set(&l.feed->etag, NULL);
			feed_set(&l.feed->last_modified, NULL);
		}
		*warning = xasprintf(P_("%s:%d: damaged cache index: kept the "
		    "%zu article loaded before the damage; the file is set "
		    "aside", "%s:%d: damaged cache index: kept the %zu articles "
		    "loaded before the damage; the file is set aside",
		    l.nitems), path, l.lineno, l.nitems);
		keep_aside(st, "index");
		damaged = 1;
	}
	free(path);
	if (rc == 0)
		file_unmap(map, len);
	if (store_bodies_open(st, st->gen, !st->readonly) != 0)
		st->datasize = 0;
	if (l.maxoff > st->datasize) {
		forget_lost_bodies(fl, st->datasize);
		if (*warning == NULL)
			*warning = xasprintf(_("%s/bodies.%u is shorter than "
			    "the index says: some articles have lost their "
			    "text and will be fetched again"), st->dir,
			    st->gen);
		damaged = 1;
	}
	remove_stale(st);
	if (load_journal(&l, &bad_journal) == 0 && bad_journal > 0 &&
	    *warning == NULL) {
		*warning = xasprintf(_("%s/journal:%d: damaged line "
		    "skipped"), st->dir, bad_journal);
		damaged = 1;
	}
	for (i = 0; i < fl->nfeeds; i++)
		feed_count(fl->feeds[i]);
	free(l.map.slots);
	return damaged;
}
