/*
 * A tiny harness for the C unit tests: each test program checks tables of
 * cases, prints every failure with its place, and exits 1 if any failed
 * (0 otherwise), which is what automake's test driver expects.
 */
#ifndef SSNEWS_CHECK_H
#define SSNEWS_CHECK_H

#include <stdio.h>
#include <string.h>
#include <time.h>

static int	check_failures;
static int	check_count;

#define CHECK(cond, ...) do {						\
	check_count++;							\
	if (!(cond)) {							\
		check_failures++;					\
		fprintf(stderr, "%s:%d: check failed: %s: ",		\
		    __FILE__, __LINE__, #cond);				\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

#define CHECK_STR(got, want, ctx) do {					\
	const char *check_g = (got), *check_w = (want);			\
	check_count++;							\
	if ((check_g == NULL) != (check_w == NULL) ||			\
	    (check_g != NULL && strcmp(check_g, check_w) != 0)) {	\
		check_failures++;					\
		fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, (ctx),				\
		    check_g ? check_g : "(null)",			\
		    check_w ? check_w : "(null)");			\
	}								\
} while (0)

/* Seconds on the monotonic clock, to bound what a test may take. */
static inline double
check_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define CHECK_DONE() do {						\
	printf("%d checks, %d failed\n", check_count, check_failures);	\
	return check_failures ? 1 : 0;					\
} while (0)

#endif
