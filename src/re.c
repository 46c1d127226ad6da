/*
 * What an extended regular expression costs to compile.  glibc's
 * regcomp() spells repetitions out ("x+" becomes "xx*", "x{2,5}" five
 * copies of x), so nested repetitions grow exponentially: "a++++...",
 * "((a+)+)+" or "(a{99}){99}" take gigabytes.  re_cost() estimates the
 * number of pattern nodes after that expansion, so that a caller can
 * refuse a pattern no sensible use needs before handing it to regcomp().
 */
#include "config.h"

#include <stdlib.h>

#include "re.h"

#define RE_SATURATED	((size_t)1 << 40)
#define RE_DEPTH	64	/* nested groups followed */

static size_t	 sat_add(size_t, size_t);
static size_t	 sat_mul(size_t, size_t);
static const char *re_bracket(const char *);
static const char *re_interval(const char *, size_t *);

static size_t
sat_add(size_t a, size_t b)
{
	return a >= RE_SATURATED - b ? RE_SATURATED : a + b;
}

static size_t
sat_mul(size_t a, size_t k)
{
	return k != 0 && a >= RE_SATURATED / k ? RE_SATURATED : a * k;
}

/* Past a bracket expression (s at its '['), classes like [:alpha:] too. */
static const char *
re_bracket(const char *s)
{
	const char	*e;

	s++;
	if (*s == '^')
		s++;
	if (*s == ']')
		s++;
	while (*s != '\0' && *s != ']') {
		if (*s == '[' && (s[1] == ':' || s[1] == '.' || s[1] == '=')) {
			for (e = s + 2; *e != '\0' && !(e[0] == s[1] &&
			    e[1] == ']'); e++)
				;
			s = *e != '\0' ? e + 2 : e;
		} else
			s++;
	}
	return *s == ']' ? s + 1 : s;
}

/*
 * An interval {m}, {m,} or {m,n} at s: past it, with the copies it
 * spells out in *k; NULL if s is a plain '{'.
 */
static const char *
re_interval(const char *s, size_t *k)
{
	unsigned long	 m, n;
	char		*end;

	if (s[1] < '0' || s[1] > '9')
		return NULL;
	m = n = strtoul(s + 1, &end, 10);
	if (*end == ',') {
		end++;
		if (*end >= '0' && *end <= '9')
			n = strtoul(end, &end, 10);
	}
	if (*end != '}')
		return NULL;
	*k = n > m ? n : m;
	if (*k == 0)
		*k = 1;
	return end + 1;
}

size_t
re_cost(const char *s)
{
	size_t		 sum[RE_DEPTH], last = 1, k;
	const char	*e;
	int		 depth = 0;

	sum[0] = 0;
	while (*s != '\0') {
		switch (*s) {
		case '(':
			if (++depth == RE_DEPTH)
				return RE_SATURATED;
			sum[depth] = 0;
			s++;
			continue;
		case ')':
			if (depth == 0)
				break;		/* a plain ')' */
			last = sum[depth] != 0 ? sum[depth] : 1;
			depth--;
			sum[depth] = sat_add(sum[depth], last);
			s++;
			continue;
		case '*':
		case '?':
		case '|':
			s++;
			continue;
		case '+':
			sum[depth] = sat_add(sum[depth], last);
			last = sat_mul(last, 2);
			s++;
			continue;
		case '{':
			if ((e = re_interval(s, &k)) == NULL)
				break;
			sum[depth] = sat_add(sum[depth], sat_mul(last, k - 1));
			last = sat_mul(last, k);
			s = e;
			continue;
		case '[':
			s = re_bracket(s);
			last = 1;
			sum[depth] = sat_add(sum[depth], 1);
			continue;
		case '\\':
			if (s[1] != '\0')
				s++;
			break;
		}
		s++;			/* one character */
		last = 1;
		sum[depth] = sat_add(sum[depth], 1);
	}
	while (depth > 0) {
		sum[depth - 1] = sat_add(sum[depth - 1], sum[depth]);
		depth--;
	}
	return sum[0];
}
