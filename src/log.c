/*
 * Error reporting.  fatal() and fatalx() run the registered cleanup first
 * (the interface restores the terminal there), then print and exit.
 * Warnings go to stderr, or to a sink while the screen is in use.  The
 * debug log is written only when SSNEWS_LOG names a file.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "xmalloc.h"

static const char	*log_progname = "ssnews";
static void		(*log_cleanup)(void);
static void		(*log_sink)(const char *);
static FILE		*log_file;

void
log_init(const char *progname)
{
	const char	*path;

	if (progname != NULL)
		log_progname = progname;
	path = getenv("SSNEWS_LOG");
	if (path != NULL && *path != '\0' && log_file == NULL) {
		log_file = fopen(path, "a");
		if (log_file != NULL)
			setvbuf(log_file, NULL, _IOLBF, 0);
	}
}

void
log_set_cleanup(void (*fn)(void))
{
	log_cleanup = fn;
}

void
log_set_sink(void (*fn)(const char *))
{
	log_sink = fn;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (log_sink != NULL)
		log_sink(msg);
	else
		fprintf(stderr, "%s: %s\n", log_progname, msg);
	if (log_file != NULL)
		fprintf(log_file, "warning: %s\n", msg);
	free(msg);
}

void
log_debug(const char *fmt, ...)
{
	struct timespec	 ts, cpu;
	va_list		 ap;

	if (log_file == NULL)
		return;
	/* Wall and CPU time: a busy machine stretches only the first. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	fprintf(log_file, "%lld.%06ld %lld.%06ld ", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000, (long long)cpu.tv_sec, cpu.tv_nsec / 1000);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}

static void __attribute__((noreturn))
log_die(int with_errno, const char *fmt, va_list ap)
{
	int	 saved = errno;
	char	 msg[1024];

	if (log_cleanup != NULL) {
		void (*fn)(void) = log_cleanup;

		log_cleanup = NULL;	/* a fatal error inside cleanup */
		fn();
	}
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (with_errno)
		fprintf(stderr, "%s: %s: %s\n", log_progname, msg,
		    strerror(saved));
	else
		fprintf(stderr, "%s: %s\n", log_progname, msg);
	if (log_file != NULL)
		fprintf(log_file, "fatal: %s\n", msg);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_die(1, fmt, ap);
	/* cppcheck-suppress va_end_missing ; log_die() does not return */
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_die(0, fmt, ap);
	/* cppcheck-suppress va_end_missing ; log_die() does not return */
}
