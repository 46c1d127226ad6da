/*
 * The cache: the only code that touches files under the cache directory.
 *
 *   lock       held (fcntl write lock) by the instance that owns the cache
 *   index      feeds and items, one line each (format below), replaced
 *              whole on every save: written to index.tmp, fsync'd, renamed
 *   bodies.N   summaries and contents, appended; the index gives each
 *              item's offset and lengths; rewritten as bodies.N+1 when
 *              more than half of it is no longer referenced
 *   journal    read-state changes, one line each, appended the moment
 *              they happen and emptied by the next save
 *
 * A save writes the new bodies and fsyncs them before the index that
 * refers to them is renamed into place, so a crash at any moment leaves
 * the previous index with the bodies it needs; a journal line is written
 * before the interface shows the change, so kill -9 loses no read state.
 *
 * Index lines are TAB-separated, with backslash, TAB, CR and newline
 * written as \\, \t, \r and \n; an empty field is no value, "-" no date:
 *   ssnews-index 1 GEN VOCAB   (VOCAB: the topic vocabulary's signature,
 *                              16 hex digits; items' topics are its bits)
 *   F url title link description language format updated etag
 *     last-modified last-ok last-try retry-after error moved-to
 *   I id flags published updated seen topics fingerprint offset
 *     summary-length content-length title link author language
 *   C category          (of the item above)
 *   E url type length   (an enclosure of the item above)
 *   end FEEDS ITEMS
 * Journal lines: "r" or "u", the feed URL and the item id.
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

#include "buf.h"
#include "feed.h"
#include "file.h"
#include "i18n.h"
#include "store-int.h"
#include "store.h"
#include "xmalloc.h"

#define INDEX_MAX	(1ULL << 32)	/* a larger index is not ours */
#define WRITE_CHUNK	(1u << 20)
#define MAX_FIELDS	16

/* Item flags that are kept on disk. */
#define ITEM_SAVED_FLAGS	(ITEM_UNREAD | ITEM_HTML)
/* Bodies written by the save in progress. */
#define ITEM_SAVING	0x1000


char *
store_path(struct store *st, const char *name)
{
	return xasprintf("%s/%s", st->dir, name);
}

static char *
bodies_name(unsigned gen)
{
	return xasprintf("bodies.%u", gen);
}

/*
 * Take the cache's lock.  A second instance gets a message naming the
 * process that holds it.
 */
static int
store_lock(struct store *st, char **cause)
{
	struct flock	 fl;
	char		*path, pid[32];
	int		 n;

	path = store_path(st, "lock");
	st->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (st->lockfd == -1) {
		*cause = xasprintf(_("cannot open the lock in %s: %s"),
		    st->dir, strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(st->lockfd, F_SETLK, &fl) == -1) {
		if (errno != EAGAIN && errno != EACCES) {
			*cause = xasprintf(_("cannot lock %s: %s"), st->dir,
			    strerror(errno));
			return -1;
		}
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(st->lockfd, F_GETLK, &fl) == 0 &&
		    fl.l_type != F_UNLCK)
			*cause = xasprintf(_("%s is in use by process %ld"),
			    st->dir, (long)fl.l_pid);
		else
			*cause = xasprintf(_("%s is in use by another "
			    "process"), st->dir);
		return -1;
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(st->lockfd, 0) == 0 && n > 0)
		(void)!pwrite(st->lockfd, pid, (size_t)n, 0);
	return 0;
}

/*
 * A crash while a journal line was being written leaves half a line at
 * the end; cut it off, or the next line would be glued to it and both
 * lost.
 */
static void
journal_trim(int fd)
{
	char	 tail[512];
	off_t	 size, at;
	ssize_t	 n, i;

	size = lseek(fd, 0, SEEK_END);
	for (at = size; at > 0; at -= n) {
		n = at < (off_t)sizeof tail ? (ssize_t)at : (ssize_t)sizeof tail;
		if (pread(fd, tail, (size_t)n, at - n) != n)
			return;
		for (i = n; i > 0; i--) {
			if (tail[i - 1] == '\n') {
				if (at - n + i < size)
					(void)!ftruncate(fd, at - n + i);
				return;
			}
		}
	}
	if (size > 0)
		(void)!ftruncate(fd, 0);
}

/*
 * Open the cache in dir, creating it if need be.  readonly opens it for
 * reading only, without the lock (print-unread beside a running reader).
 */
struct store *
store_open(const char *dir, int readonly, char **cause)
{
	struct store	*st;
	char		*path;

	st = xcalloc(1, sizeof *st);
	st->dir = xstrdup(dir);
	st->readonly = readonly;
	st->lockfd = st->journalfd = st->datafd = -1;
	if (readonly)
		return st;
	if (file_mkdirs(dir) != 0) {
		*cause = xasprintf(_("cannot create %s: %s"), dir,
		    strerror(errno));
		goto fail;
	}
	if (store_lock(st, cause) != 0)
		goto fail;
	path = store_path(st, "journal");
	st->journalfd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600);
	free(path);
	if (st->journalfd == -1) {
		*cause = xasprintf(_("cannot open the journal in %s: %s"),
		    dir, strerror(errno));
		goto fail;
	}
	journal_trim(st->journalfd);
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->journalfd != -1)
		close(st->journalfd);
	if (st->datafd != -1)
		close(st->datafd);
	if (st->lockfd != -1)
		close(st->lockfd);	/* releases the lock */
	free(st->dir);
	free(st);
}

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

/* Append s with backslash, TAB, CR and newline escaped. */
static void
esc_add(struct buf *b, const char *s)
{
	const char	*p;

	if (s == NULL)
		return;
	for (p = s; *p != '\0'; p++) {
		if (*p != '\\' && *p != '\t' && *p != '\n' && *p != '\r')
			continue;
		buf_add(b, s, (size_t)(p - s));
		buf_addc(b, '\\');
		buf_addc(b, *p == '\\' ? '\\' : *p == '\t' ? 't' :
		    *p == '\n' ? 'n' : 'r');
		s = p + 1;
	}
	buf_add(b, s, (size_t)(p - s));
}

/* Undo esc_add() in place. */
void
store_unescape(char *s)
{
	char	*o;

	s = strchr(s, '\\');	/* most fields have nothing to undo */
	if (s == NULL)
		return;
	for (o = s; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		s++;
		*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ?
		    '\r' : *s;
	}
	*o = '\0';
}

static void
field_str(struct buf *b, const char *s)
{
	buf_addc(b, '\t');
	esc_add(b, s);
}

static void
field_time(struct buf *b, time_t t)
{
	buf_addc(b, '\t');
	if (t == DATE_NONE)
		buf_addc(b, '-');
	else
		buf_addint(b, (long long)t);
}

static void
field_num(struct buf *b, long long v)
{
	buf_addc(b, '\t');
	buf_addint(b, v);
}

static int
pwrite_all(int fd, const char *p, size_t len, uint64_t off)
{
	ssize_t	 n;

	while (len > 0) {
		n = pwrite(fd, p, len, (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int
store_pread(int fd, char *p, size_t len, uint64_t off)
{
	ssize_t	 n;

	while (len > 0) {
		n = pread(fd, p, len, (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* Sixteen hex digits, without printf's cost (one per item). */
static void
add_hex64(struct buf *b, uint64_t v)
{
	static const char	 digits[] = "0123456789abcdef";
	char			 s[16];
	int			 i;

	for (i = 15; i >= 0; i--, v >>= 4)
		s[i] = digits[v & 15];
	buf_add(b, s, sizeof s);
}

static void
index_feed(struct buf *b, const struct feed *f)
{
	const char	*fmt = feed_format_name(f->format);

	buf_addc(b, 'F');
	field_str(b, f->url);
	field_str(b, f->title);
	field_str(b, f->link);
	field_str(b, f->description);
	field_str(b, f->language);
	field_str(b, fmt);
	field_time(b, f->updated);
	field_str(b, f->etag);
	field_str(b, f->last_modified);
	field_time(b, f->last_ok);
	field_time(b, f->last_try);
	field_time(b, f->retry_after);
	field_str(b, f->error);
	field_str(b, f->moved_to);
	buf_addc(b, '\n');
}

static void
index_item(struct buf *b, const struct item *it)
{
	uint32_t	 i;
	int		 stored = (it->flags & (ITEM_STORED | ITEM_SAVING)) != 0;

	buf_addc(b, 'I');
	field_str(b, it->id);
	field_num(b, it->flags & ITEM_SAVED_FLAGS);
	field_time(b, it->published);
	field_time(b, it->updated);
	field_time(b, it->seen);
	field_num(b, it->topics);
	buf_addc(b, '\t');
	add_hex64(b, it->hash);
	field_num(b, stored ? (long long)it->body_off : -1);
	field_num(b, stored && it->summary_len != ITEM_NOBODY ?
	    (long long)it->summary_len : -1);
	field_num(b, stored && it->content_len != ITEM_NOBODY ?
	    (long long)it->content_len : -1);
	field_str(b, it->title);
	field_str(b, it->link);
	field_str(b, it->author);
	field_str(b, it->lang);
	buf_addc(b, '\n');
	for (i = 0; i < it->ncategories; i++) {
		buf_addc(b, 'C');
		field_str(b, it->categories[i]);
		buf_addc(b, '\n');
	}
	for (i = 0; i < it->nenclosures; i++) {
		buf_addc(b, 'E');
		field_str(b, it->enclosures[i].url);
		field_str(b, it->enclosures[i].type);
		field_num(b, it->enclosures[i].length);
		buf_addc(b, '\n');
	}
}

/* fsync a directory so that a rename in it is on disk. */
static int
sync_dir(const char *dir)
{
	int	 fd, rc;

	fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Write the whole index to index.tmp, fsync it and rename it over the
 * index.  On failure the old index stays and *cause names the file and
 * why (a full disk fails the write or the fsync).
 */
static int
index_write(struct store *st, struct feedlist *fl, char **cause)
{
	struct buf	 b;
	char		*tmp, *path;
	size_t		 i, j, nitems = 0, nfeeds = 0;
	int		 fd, rc = -1, saved;

	tmp = store_path(st, "index.tmp");
	path = store_path(st, "index");
	buf_init(&b, BUF_UNLIMITED);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		goto out;
	buf_addf(&b, "ssnews-index\t%d\t%u\t%016" PRIx64 "\n", STORE_VERSION,
	    st->gen, st->vocab);
	for (i = 0; i < fl->nfeeds; i++) {
		struct feed	*f = fl->feeds[i];

		if (f->flags & FEED_QUERY)
			continue;
		index_feed(&b, f);
		nfeeds++;
		for (j = 0; j < f->nitems; j++) {
			index_item(&b, f->items[j]);
			nitems++;
			if (b.len >= WRITE_CHUNK) {
				if (file_write_all(fd, b.data, b.len) != 0)
					goto out;
				buf_reset(&b);
			}
		}
	}
	buf_addf(&b, "end\t%zu\t%zu\n", nfeeds, nitems);
	if (file_write_all(fd, b.data, b.len) != 0 || fsync(fd) != 0)
		goto out;
	rc = close(fd);
	fd = -1;
	if (rc != 0 || rename(tmp, path) != 0) {
		rc = -1;
		goto out;
	}
	sync_dir(st->dir);
out:
	saved = errno;
	buf_free(&b);
	if (fd != -1)
		close(fd);
	if (rc != 0) {
		unlink(tmp);
		*cause = xasprintf(_("cannot save the cache in %s: %s"), tmp,
		    strerror(saved));
	}
	free(tmp);
	free(path);
	return rc;
}

/* Delete bodies.GEN (replaced, or a copy cut short by a full disk). */
static void
bodies_remove(struct store *st, unsigned gen)
{
	char	*name, *path;

	name = bodies_name(gen);
	path = store_path(st, name);
	unlink(path);
	free(path);
	free(name);
}

/* Open bodies.GEN for reading and appending, creating it if need be. */
int
store_bodies_open(struct store *st, unsigned gen, int create)
{
	struct stat	 sb;
	char		*name, *path;
	int		 fd;

	name = bodies_name(gen);
	path = store_path(st, name);
	free(name);
	fd = open(path, (st->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC |
	    (create && !st->readonly ? O_CREAT : 0), 0600);
	free(path);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == -1) {
		close(fd);
		return -1;
	}
	if (st->datafd != -1)
		close(st->datafd);
	st->datafd = fd;
	st->gen = gen;
	st->datasize = (uint64_t)sb.st_size;
	return 0;
}


/* Item bodies still in memory only, to be appended by this save. */
static int
item_unsaved(const struct item *it)
{
	return !(it->flags & ITEM_STORED) &&
	    (it->summary != NULL || it->content != NULL);
}

/*
 * Append the bodies of new items to the bodies file and fsync it.  The
 * items are only marked ITEM_SAVING: they become ITEM_STORED when the
 * index that refers to them is in place.
 */
static int
bodies_append(struct store *st, struct feedlist *fl)
{
	struct buf	 b;
	uint64_t	 off = st->datasize;
	size_t		 i, j;
	int		 wrote = 0;

	buf_init(&b, BUF_UNLIMITED);
	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];
			size_t		 sl, cl;

			if (!item_unsaved(it))
				continue;
			if (it->hash == 0)
				it->hash = item_fingerprint(it);
			sl = it->summary != NULL ? strlen(it->summary) : 0;
			cl = it->content != NULL ? strlen(it->content) : 0;
			it->body_off = off + b.len;
			it->summary_len = it->summary != NULL ?
			    (uint32_t)sl : ITEM_NOBODY;
			it->content_len = it->content != NULL ?
			    (uint32_t)cl : ITEM_NOBODY;
			buf_add(&b, it->summary != NULL ? it->summary : "", sl);
			buf_add(&b, it->content != NULL ? it->content : "", cl);
			it->flags |= ITEM_SAVING;
			wrote = 1;
			if (b.len >= WRITE_CHUNK) {
				if (pwrite_all(st->datafd, b.data, b.len,
				    off) != 0)
					goto fail;
				off += b.len;
				buf_reset(&b);
			}
		}
	}
	if (b.len > 0 && pwrite_all(st->datafd, b.data, b.len, off) != 0)
		goto fail;
	off += b.len;
	if (wrote && fsync(st->datafd) != 0)
		goto fail;
	buf_free(&b);
	st->datasize = off;
	return 0;
fail:
	off = (uint64_t)errno;
	buf_free(&b);
	errno = (int)off;
	return -1;
}

/* After a save: commit (or roll back) the items written by it. */
static void
bodies_settle(struct feedlist *fl, int ok)
{
	size_t	 i, j;

	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];

			if (!(it->flags & ITEM_SAVING))
				continue;
			it->flags &= ~ITEM_SAVING;
			if (!ok)
				continue;
			it->flags |= ITEM_STORED;
			free(it->summary);
			free(it->content);
			it->summary = it->content = NULL;
		}
	}
}

/* Bytes of the bodies file still referenced. */
static uint64_t
bodies_live(struct feedlist *fl)
{
	uint64_t	 live = 0;
	size_t		 i, j;

	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];

			if (!(it->flags & ITEM_STORED))
				continue;
			live += (it->summary_len != ITEM_NOBODY ?
			    it->summary_len : 0) + (it->content_len !=
			    ITEM_NOBODY ? it->content_len : 0);
		}
	}
	return live;
}

/* The stored body bytes of an item. */
static size_t
body_len(const struct item *it)
{
	return (it->summary_len != ITEM_NOBODY ? it->summary_len : 0) +
	    (it->content_len != ITEM_NOBODY ? it->content_len : 0);
}

/* Copy the live bodies to the new file; *offs gets their new offsets. */
static int
bodies_copy(struct store *st, struct feedlist *fl, int oldfd,
    uint64_t **offs)
{
	struct buf	 b;
	uint64_t	 off = 0;
	size_t		 i, j, n = 0, len;

	*offs = NULL;
	buf_init(&b, BUF_UNLIMITED);
	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];

			if (!(it->flags & ITEM_STORED))
				continue;
			len = body_len(it);
			buf_reset(&b);
			if (buf_grow(&b, len) != 0 || store_pread(oldfd, b.data,
			    len, it->body_off) != 0 || pwrite_all(st->datafd,
			    b.data, len, off) != 0)
				goto fail;
			*offs = xreallocarray(*offs, n + 1, sizeof **offs);
			(*offs)[n++] = off;
			off += len;
		}
	}
	buf_free(&b);
	if (fsync(st->datafd) != 0)
		goto fail;
	st->datasize = off;
	return 0;
fail:
	buf_free(&b);
	free(*offs);
	*offs = NULL;
	return -1;
}

/*
 * Copy the live bodies into bodies.GEN+1 when most of the file is dead
 * weight.  The old file stays until an index referring to the new one
 * is in place.  Returns 1 with *dead the old generation (which may be 0)
 * once the bodies have moved, else 0.
 */
static int
bodies_compact(struct store *st, struct feedlist *fl, unsigned *dead)
{
	uint64_t	*offs, live = bodies_live(fl);
	uint64_t	 oldsize = st->datasize;
	unsigned	 old = st->gen;
	size_t		 i, j, n = 0;
	int		 oldfd = st->datafd;

	if (st->datasize < (1u << 20) || st->datasize < 2 * live)
		return 0;
	st->datafd = -1;
	if (store_bodies_open(st, old + 1, 1) != 0 ||
	    ftruncate(st->datafd, 0) != 0 ||
	    bodies_copy(st, fl, oldfd, &offs) != 0) {
		if (st->datafd != -1) {
			close(st->datafd);
			bodies_remove(st, old + 1);	/* its space back */
		}
		st->datafd = oldfd;
		st->gen = old;
		st->datasize = oldsize;
		return 0;
	}
	for (i = 0; i < fl->nfeeds; i++) {
		for (j = 0; j < fl->feeds[i]->nitems; j++) {
			struct item	*it = fl->feeds[i]->items[j];

			if (it->flags & ITEM_STORED)
				it->body_off = offs[n++];
		}
	}
	free(offs);
	close(oldfd);
	*dead = old;
	return 1;
}

/* Is there anything to save: a changed feed, or journalled read state? */
static int
store_changed(const struct store *st, const struct feedlist *fl)
{
	size_t	 i;

	if (st->journaled > 0 || st->vocab != st->vocab_saved)
		return 1;
	for (i = 0; i < fl->nfeeds; i++) {
		if (fl->feeds[i]->flags & FEED_DIRTY)
			return 1;
	}
	return 0;
}

/*
 * Save everything: new bodies first (fsync'd), then the index (fsync'd,
 * renamed), then the journal is emptied.  On failure nothing on disk
 * changes meaning, the state in memory is kept, and *cause says why.
 */
int
store_save(struct store *st, struct feedlist *fl, char **cause)
{
	uint64_t	 oldsize;
	unsigned	 dead = 0;
	char		*name, *path;
	size_t		 i;
	int		 saved, compacted;

	if (st->readonly || !store_changed(st, fl))
		return 0;
	if (st->datafd == -1 && store_bodies_open(st, st->gen, 1) != 0) {
		*cause = xasprintf(_("cannot open the cache bodies in %s: "
		    "%s"), st->dir, strerror(errno));
		return -1;
	}
	oldsize = st->datasize;
	if (bodies_append(st, fl) != 0) {
		saved = errno;
		name = bodies_name(st->gen);
		path = store_path(st, name);
		*cause = xasprintf(_("cannot save the cache in %s: %s"), path,
		    strerror(saved));
		free(path);
		free(name);
		bodies_settle(fl, 0);
		(void)!ftruncate(st->datafd, (off_t)oldsize);
		st->datasize = oldsize;
		return -1;
	}
	bodies_settle(fl, 1);
	compacted = bodies_compact(st, fl, &dead);
	if (index_write(st, fl, cause) != 0)
		return -1;
	if (compacted)
		bodies_remove(st, dead);
	if (st->journalfd != -1)
		(void)!ftruncate(st->journalfd, 0);
	st->journaled = 0;
	st->vocab_saved = st->vocab;
	for (i = 0; i < fl->nfeeds; i++)
		fl->feeds[i]->flags &= ~FEED_DIRTY;
	return 0;
}

/* The topic vocabulary the loaded items were tagged by (0: unknown). */
uint64_t
store_vocabulary(const struct store *st)
{
	return st->vocab_saved;
}

/* The vocabulary they are tagged by now, recorded by the next save. */
void
store_set_vocabulary(struct store *st, uint64_t vocab)
{
	st->vocab = vocab;
}

/*
 * Mark an item read or unread, and journal the change before returning,
 * so that a crash a moment later loses nothing the reader saw.
 */
int
store_set_unread(struct store *st, struct item *it, int unread)
{
	struct buf	 b;
	off_t		 end;
	int		 rc = 0;

	if (!!(it->flags & ITEM_UNREAD) == !!unread)
		return 0;
	item_set_unread(it, unread);
	if (st == NULL || st->journalfd == -1 || it->feed == NULL)
		return 0;
	buf_init(&b, BUF_UNLIMITED);
	buf_addc(&b, unread ? 'u' : 'r');
	field_str(&b, it->feed->url);
	field_str(&b, it->id);
	buf_addc(&b, '\n');
	end = lseek(st->journalfd, 0, SEEK_END);
	if (file_write_all(st->journalfd, b.data, b.len) != 0) {
		/* Cut off a torn line, or the next would be glued to it. */
		if (end != -1)
			(void)!ftruncate(st->journalfd, end);
		rc = -1;
	}
	st->journaled++;
	buf_free(&b);
	return rc;
}

/* Load an item's summary and content from the bodies file if need be. */
int
store_body(struct store *st, struct item *it)
{
	size_t	 sl, cl;
	char	*p;

	if (it->flags & ITEM_LOST)
		return -1;
	if (!(it->flags & ITEM_STORED) || it->summary != NULL ||
	    it->content != NULL)
		return 0;
	if (st == NULL)
		return -1;
	if (st->datafd == -1 && store_bodies_open(st, st->gen, 0) != 0)
		return -1;
	sl = it->summary_len != ITEM_NOBODY ? it->summary_len : 0;
	cl = it->content_len != ITEM_NOBODY ? it->content_len : 0;
	if (it->body_off + sl + cl > st->datasize)
		return -1;
	p = xmalloc(sl + cl + 2);
	if (store_pread(st->datafd, p, sl + cl, it->body_off) != 0) {
		free(p);
		return -1;
	}
	if (it->summary_len != ITEM_NOBODY)
		it->summary = xstrndup(p, sl);
	if (it->content_len != ITEM_NOBODY)
		it->content = xstrndup(p + sl, cl);
	free(p);
	return 0;
}
