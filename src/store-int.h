/* What store.c and store-load.c share; nothing else includes this. */
#ifndef SSNEWS_STORE_INT_H
#define SSNEWS_STORE_INT_H

#include <stdint.h>

#define STORE_VERSION	1

struct store {
	char		*dir;
	int		 readonly;
	int		 lockfd;
	int		 journalfd;
	int		 datafd;
	unsigned	 gen;		/* bodies.GEN */
	uint64_t	 datasize;
	size_t		 journaled;	/* journal lines since the last save */
	uint64_t	 vocab;		/* topics_signature() items were tagged by */
	uint64_t	 vocab_saved;	/* the one in the index on disk */
};

char	*store_path(struct store *, const char *);
int	 store_bodies_open(struct store *, unsigned, int);
int	 store_pread(int, char *, size_t, uint64_t);
void	 store_unescape(char *);

#endif
