/* The configuration file (config.h is autoconf's, hence conf). */
#ifndef SSNEWS_CONF_H
#define SSNEWS_CONF_H

int	conf_load(const char *, int, char **);
int	conf_parse(const char *, const char *, char **);

#endif
