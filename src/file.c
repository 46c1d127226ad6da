/*
 * File helpers.  Whole-file writes go through file_replace(): a
 * temporary file in the same directory, fsync, then rename, so readers
 * see the old file or the new one and never half of either.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "xmalloc.h"

/* mkdir -p; new directories are private to the user. */
int
file_mkdirs(const char *dir)
{
	char	*p, *s = xstrdup(dir), c;
	int	 rc = 0;

	for (p = s + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (p[-1] != '/' && mkdir(s, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*p = c;
		if (c == '\0')
			break;
	}
	free(s);
	return rc;
}

/* Write all of p to fd, retrying short writes and interruptions. */
int
file_write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Read a whole file into b (at most max bytes).  Returns 0, 1 if the file
 * does not exist, -1 on error (errno set; EFBIG if too large).
 */
int
file_read(const char *path, struct buf *b, size_t max)
{
	struct stat	 st;
	ssize_t		 n;
	size_t		 want;
	int		 fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 1 : -1;
	/* Read straight into a buffer of the right size, if we know it. */
	want = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size < max ? (size_t)st.st_size + 1 : 65536;
	for (;;) {
		if (buf_grow(b, want) != 0) {
			errno = EFBIG;
			goto fail;
		}
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len > max) {
			errno = EFBIG;
			goto fail;
		}
		want = 65536;
	}
	close(fd);
	if (b->data == NULL)
		buf_add(b, "", 0);
	b->data[b->len] = '\0';	/* an empty file read nothing */
	return 0;
fail:
	n = errno;
	close(fd);
	errno = (int)n;
	return -1;
}

/*
 * Map a whole file for reading: the cache's index is read in place, with
 * no copy.  Returns 0, 1 if the file does not exist, -1 on error.  An
 * empty file maps to *len 0 and a non-NULL pointer.
 */
int
file_map(const char *path, const char **data, size_t *len)
{
	struct stat	 st;
	void		*p;
	int		 fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		saved = errno;
		close(fd);
		errno = S_ISREG(st.st_mode) ? saved : EINVAL;
		return -1;
	}
	*len = (size_t)st.st_size;
	if (*len == 0) {
		close(fd);
		*data = "";
		return 0;
	}
	p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	saved = errno;
	close(fd);
	if (p == MAP_FAILED) {
		errno = saved;
		return -1;
	}
#ifdef HAVE_POSIX_FADVISE
	(void)posix_madvise(p, *len, POSIX_MADV_SEQUENTIAL);
#endif
	*data = p;
	return 0;
}

void
file_unmap(const char *data, size_t len)
{
	if (len > 0)
		munmap((void *)(uintptr_t)data, len);
}

/*
 * Replace path with data atomically.  With backup, the old file (if any)
 * is kept as path.bak.  The directory is created if need be.
 */
int
file_replace(const char *path, const char *data, size_t len, int backup)
{
	char	*tmp, *bak, *dir, *slash;
	int	 fd, rc = -1, saved;

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		file_mkdirs(dir);
	}
	free(dir);
	tmp = xasprintf("%s.tmp", path);
	bak = xasprintf("%s.bak", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		goto out;
	if (file_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0)
		goto fail;
	if (backup) {
		unlink(bak);
		if (link(path, bak) != 0 && errno != ENOENT)
			goto fail;
	}
	if (rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	saved = errno;
	unlink(tmp);
	errno = saved;
out:
	free(tmp);
	free(bak);
	return rc;
}
