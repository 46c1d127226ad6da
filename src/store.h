/* The cache of feeds, items and read state (see store.c for the files). */
#ifndef SSNEWS_STORE_H
#define SSNEWS_STORE_H

#include <stdint.h>

struct feedlist;
struct item;
struct store;

struct store	*store_open(const char *, int, char **);
void		 store_close(struct store *);
const char	*store_dir(const struct store *);
int		 store_load(struct store *, struct feedlist *, char **);
int		 store_save(struct store *, struct feedlist *, char **);
int		 store_set_unread(struct store *, struct item *, int);
int		 store_body(struct store *, struct item *);
uint64_t	 store_vocabulary(const struct store *);
void		 store_set_vocabulary(struct store *, uint64_t);

#endif
