/* Fatal errors, warnings and the optional debug log. */
#ifndef SSNEWS_LOG_H
#define SSNEWS_LOG_H

void	log_init(const char *);
void	log_set_cleanup(void (*)(void));
void	log_set_sink(void (*)(const char *));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	fatalx(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));

#endif
