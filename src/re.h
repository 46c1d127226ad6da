/* Guarding regcomp() against patterns that explode (see re.c). */
#ifndef SSNEWS_RE_H
#define SSNEWS_RE_H

#include <stddef.h>

#define RE_COST_MAX	10000	/* far above any pattern a reader writes */

size_t	 re_cost(const char *);

#endif
