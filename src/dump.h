/* The --dump writers: JSON Lines and sfeed's TSV. */
#ifndef SSNEWS_DUMP_H
#define SSNEWS_DUMP_H

struct buf;
struct feed;
struct item;

void	dump_json_string(struct buf *, const char *);
void	dump_json_feed(struct buf *, const char *, const struct feed *,
	    const char *);
void	dump_tsv_item(struct buf *, const struct item *);

#endif
