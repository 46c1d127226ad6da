/* Small file helpers shared by the cache, the configuration and OPML. */
#ifndef SSNEWS_FILE_H
#define SSNEWS_FILE_H

#include <stddef.h>

struct buf;

int	file_mkdirs(const char *);
int	file_write_all(int, const char *, size_t);
int	file_read(const char *, struct buf *, size_t);
int	file_map(const char *, const char **, size_t *);
void	file_unmap(const char *, size_t);
int	file_replace(const char *, const char *, size_t, int);

#endif
