/*
 * What an extended regular expression costs to compile.  glibc's
 * regcomp() spells repetitions out ("x+" becomes "xx*", "x{2,5}" five
 * copies of x), so nested repetitions grow exponentially: "a++++...",
 * "((a+)+)+" or "(a{99}){99}" take gigabytes.  And it computes the
 * closure of every empty transition ("x*", "x?", "|"), which takes
 * minutes once a pattern has thousands: "(a*)+{500}".  re_cost()
 * estimates both from the extended syntax (nodes after the expansion,
 * plus the square of the empty transitions among them), so that a caller
 * can refuse a pattern no sensible use needs before handing it over.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "re.h"

#define RE_SATURATED	((size_t)1 << 40)
#define RE_DEPTH	64	/* nested groups followed */

static size_t	 sat_add(size_t, size_t);
static size_t	 sat_mul(size_t, size_t);
static const char *re_bracket(const char *);
static const char *re_interval(const char *, size_t *, size_t *);
struct re_part;
static void	 re_add(struct re_part *, const struct re_part *, size_t);

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
 * spells out in *k and how many of them are optional (or 1 for the star
 * of {m,}) in *opt; NULL if s is a plain '{'.
 */
static const char *
re_interval(const char *s, size_t *k, size_t *opt)
{
	unsigned long	 m, n;
	char		*end;

	if (s[1] < '0' || s[1] > '9')
		return NULL;
	m = n = strtoul(s + 1, &end, 10);
	*opt = 0;
	if (*end == ',') {
		end++;
		if (*end >= '0' && *end <= '9')
			n = strtoul(end, &end, 10);
		else
			*opt = 1;
	}
	if (*end != '}')
		return NULL;
	if (n > m)
		*opt = n - m;
	*k = n > m ? n : m;
	if (*k == 0)
		*k = 1;
	return end + 1;
}

/* What has been read of one level of parentheses, or of one atom. */
struct re_part {
	size_t	 nodes;		/* pattern nodes, repetitions spelt out */
	size_t	 eps;		/* nodes with empty transitions among them */
};

/* Add k copies of p to sum. */
static void
re_add(struct re_part *sum, const struct re_part *p, size_t k)
{
	sum->nodes = sat_add(sum->nodes, sat_mul(p->nodes, k));
	sum->eps = sat_add(sum->eps, sat_mul(p->eps, k));
}

size_t
re_cost(const char *s)
{
	struct re_part	 sum[RE_DEPTH], last = { 1, 0 }, one = { 1, 0 };
	struct re_part	 gap = { 0, 1 };
	const char	*e;
	size_t		 k, opt;
	int		 depth = 0;

	memset(sum, 0, sizeof sum[0]);
	while (*s != '\0') {
		switch (*s) {
		case '(':
			if (++depth == RE_DEPTH)
				return RE_SATURATED;
			memset(&sum[depth], 0, sizeof sum[depth]);
			s++;
			continue;
		case ')':
			if (depth == 0)
				break;		/* a plain ')' */
			last = sum[depth];
			if (last.nodes == 0)
				last.nodes = 1;
			depth--;
			re_add(&sum[depth], &last, 1);
			s++;
			continue;
		case '*':
		case '?':
		case '|':
			re_add(&sum[depth], &gap, 1);
			last.eps = sat_add(last.eps, 1);
			s++;
			continue;
		case '+':			/* x+ is xx* */
			re_add(&sum[depth], &last, 1);
			re_add(&sum[depth], &gap, 1);
			last.nodes = sat_mul(last.nodes, 2);
			last.eps = sat_add(sat_mul(last.eps, 2), 1);
			s++;
			continue;
		case '{':			/* x{2,4} is xxx?x? */
			if ((e = re_interval(s, &k, &opt)) == NULL)
				break;
			re_add(&sum[depth], &last, k - 1);
			re_add(&sum[depth], &gap, opt);
			last.nodes = sat_mul(last.nodes, k);
			last.eps = sat_add(sat_mul(last.eps, k), opt);
			s = e;
			continue;
		case '[':
			s = re_bracket(s);
			last = one;
			re_add(&sum[depth], &one, 1);
			continue;
		case '\\':
			if (s[1] != '\0')
				s++;
			break;
		}
		s++;			/* one character */
		last = one;
		re_add(&sum[depth], &one, 1);
	}
	for (; depth > 0; depth--)
		re_add(&sum[depth - 1], &sum[depth], 1);
	/* Empty transitions cost their square: regcomp() computes closures. */
	return sat_add(sum[0].nodes, sat_mul(sum[0].eps, sum[0].eps));
}
