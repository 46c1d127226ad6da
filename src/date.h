/*
 * Feed dates: RFC 822/2822, RFC 3339/W3CDTF and their common broken
 * variants, read into UTC seconds without the locale or TZ.
 */
#ifndef SSNEWS_DATE_H
#define SSNEWS_DATE_H

#include <time.h>

/* 0 and *out = UTC seconds, or -1 (unparseable, *out untouched). */
int	date_parse(const char *s, time_t *out);

#endif
