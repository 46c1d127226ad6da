/*
 * A full disk for tests/enospc-test.sh, as an LD_PRELOAD library: writes
 * to regular files whose path contains ENOSPC_PATH fail with ENOSPC once
 * ENOSPC_AFTER bytes have gone to such files (a write across the limit
 * is cut short first, as on a real file system).  Sockets, pipes and
 * terminals are never touched, so messages and transfers go through.
 *
 * It wraps the calls the cache makes (src/store.c, src/file.c): write,
 * pwrite, writev, ftruncate that grows a file, fallocate and, with
 * ENOSPC_SYNC=1, fsync and fdatasync (where delayed allocation finds no
 * space).  stdio writes through libc's internal calls, which cannot be
 * wrapped; the cache does not use it.
 *
 * Environment:
 *   ENOSPC_PATH    substring of the paths that fail (default: any file)
 *   ENOSPC_AFTER   bytes that still fit (default 0)
 *   ENOSPC_SYNC    1: fsync and fdatasync of those files fail
 *   ENOSPC_LOG     a file that gets one line per refused call
 * Linux only (file names come from /proc/self/fd).
 */
#define _GNU_SOURCE

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef ssize_t	(*write_fn)(int, const void *, size_t);
typedef ssize_t	(*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t	(*writev_fn)(int, const struct iovec *, int);
typedef int	(*truncate_fn)(int, off_t);
typedef int	(*fallocate_fn)(int, int, off_t, off_t);
typedef int	(*pfallocate_fn)(int, off_t, off_t);
typedef int	(*sync_fn)(int);

/* What each name stands for after this library, found once. */
enum { F_WRITE, F_PWRITE, F_PWRITE64, F_WRITEV, F_FTRUNCATE, F_FTRUNCATE64,
    F_FALLOCATE, F_POSIX_FALLOCATE, F_FSYNC, F_FDATASYNC, F_MAX };
static const char *const names[F_MAX] = { "write", "pwrite", "pwrite64",
    "writev", "ftruncate", "ftruncate64", "fallocate", "posix_fallocate",
    "fsync", "fdatasync" };
static void	*found[F_MAX];

static int		 ready;
static const char	*pattern;
static const char	*logpath;
static unsigned long long left;
static int		 sync_too;

static void	*next(int);
static void	 setup(void);
static int	 watched(int, char *, size_t);
static void	 note(const char *, const char *);
static size_t	 allow(int, size_t, const char *);
static int	 grows(int, off_t, const char *);
static int	 sync_fails(int, const char *);

/* The next definition of a function: libc's, or a sanitizer's wrapper. */
static void *
next(int f)
{
	if (found[f] == NULL)
		found[f] = dlsym(RTLD_NEXT, names[f]);
	return found[f];
}

static void
setup(void)
{
	const char	*s;

	if (ready)
		return;
	ready = 1;
	pattern = getenv("ENOSPC_PATH");
	logpath = getenv("ENOSPC_LOG");
	s = getenv("ENOSPC_AFTER");
	left = s != NULL ? strtoull(s, NULL, 10) : 0;
	s = getenv("ENOSPC_SYNC");
	sync_too = s != NULL && strcmp(s, "1") == 0;
}

/* Is fd a regular file under the pattern?  Its path goes to path. */
static int
watched(int fd, char *path, size_t size)
{
	struct stat	 sb;
	char		 link[64];
	ssize_t		 n;

	setup();
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode))
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, size - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	if (logpath != NULL && strcmp(path, logpath) == 0)
		return 0;
	return pattern == NULL || strstr(path, pattern) != NULL;
}

/* Append "CALL PATH" to the log, for the test to see what failed. */
static void
note(const char *call, const char *path)
{
	char	 line[PATH_MAX + 64];
	int	 fd, n;

	if (logpath == NULL)
		return;
	fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return;
	n = snprintf(line, sizeof line, "%s %s\n", call, path);
	if (n > 0 && (size_t)n < sizeof line)
		(void)!((write_fn)next(F_WRITE))(fd, line, (size_t)n);
	close(fd);
}

/*
 * How many of len bytes to fd may be written: all if fd is not watched,
 * what is left of the space otherwise; 0 means fail with ENOSPC.
 */
static size_t
allow(int fd, size_t len, const char *call)
{
	char	 path[PATH_MAX];

	if (len == 0 || !watched(fd, path, sizeof path))
		return len;
	if (left == 0) {
		note(call, path);
		return 0;
	}
	if (len > left)
		len = (size_t)left;
	left -= len;
	return len;
}

ssize_t
write(int fd, const void *p, size_t len)
{
	size_t	 n = allow(fd, len, "write");

	if (n == 0 && len > 0) {
		errno = ENOSPC;
		return -1;
	}
	return ((write_fn)next(F_WRITE))(fd, p, n);
}

ssize_t
pwrite(int fd, const void *p, size_t len, off_t off)
{
	size_t	 n = allow(fd, len, "pwrite");

	if (n == 0 && len > 0) {
		errno = ENOSPC;
		return -1;
	}
	return ((pwrite_fn)next(F_PWRITE))(fd, p, n, off);
}

ssize_t
pwrite64(int fd, const void *p, size_t len, off_t off)
{
	size_t	 n = allow(fd, len, "pwrite64");

	if (n == 0 && len > 0) {
		errno = ENOSPC;
		return -1;
	}
	return ((pwrite_fn)next(F_PWRITE64))(fd, p, n, off);
}

/* When the space runs out within it, part of the first buffer goes. */
ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	size_t	 len = 0, n;
	int	 i;

	for (i = 0; i < cnt; i++)
		len += iov[i].iov_len;
	n = allow(fd, len, "writev");
	if (n == len)
		return ((writev_fn)next(F_WRITEV))(fd, iov, cnt);
	if (n == 0) {
		errno = ENOSPC;
		return -1;
	}
	for (i = 0; iov[i].iov_len == 0; i++)
		;
	if (n > iov[i].iov_len) {
		left += n - iov[i].iov_len;	/* not used after all */
		n = iov[i].iov_len;
	}
	return ((write_fn)next(F_WRITE))(fd, iov[i].iov_base, n);
}

/* Growing a file needs space; shrinking it never fails here. */
static int
grows(int fd, off_t size, const char *call)
{
	struct stat	 sb;
	char		 path[PATH_MAX];

	if (!watched(fd, path, sizeof path) || left > 0 ||
	    fstat(fd, &sb) == -1 || size <= sb.st_size)
		return 0;
	note(call, path);
	errno = ENOSPC;
	return 1;
}

int
ftruncate(int fd, off_t size)
{
	return grows(fd, size, "ftruncate") ? -1 :
	    ((truncate_fn)next(F_FTRUNCATE))(fd, size);
}

int
ftruncate64(int fd, off_t size)
{
	return grows(fd, size, "ftruncate64") ? -1 :
	    ((truncate_fn)next(F_FTRUNCATE64))(fd, size);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
	return grows(fd, off + len, "fallocate") ? -1 :
	    ((fallocate_fn)next(F_FALLOCATE))(fd, mode, off, len);
}

int
posix_fallocate(int fd, off_t off, off_t len)
{
	return grows(fd, off + len, "posix_fallocate") ? ENOSPC :
	    ((pfallocate_fn)next(F_POSIX_FALLOCATE))(fd, off, len);
}

/* With ENOSPC_SYNC=1, the flush finds no space for what was written. */
static int
sync_fails(int fd, const char *call)
{
	char	 path[PATH_MAX];

	if (!sync_too || !watched(fd, path, sizeof path))
		return 0;
	note(call, path);
	errno = ENOSPC;
	return 1;
}

int
fsync(int fd)
{
	return sync_fails(fd, "fsync") ? -1 : ((sync_fn)next(F_FSYNC))(fd);
}

int
fdatasync(int fd)
{
	return sync_fails(fd, "fdatasync") ? -1 :
	    ((sync_fn)next(F_FDATASYNC))(fd);
}
