/* Allocation that never returns NULL: failure is fatal. */
#ifndef SSNEWS_XMALLOC_H
#define SSNEWS_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Make room for one more element in a growable array (a, n used, cap). */
#define ARRAY_RESERVE(a, n, cap) do {					\
	if ((n) >= (cap) || (a) == NULL) {				\
		(cap) = (cap) ? (cap) * 2 : 8;				\
		(a) = xreallocarray((a), (cap), sizeof *(a));		\
	}								\
} while (0)

#endif
