/*
 * The input stage of the feed parser: it finds the document's encoding,
 * converts it to UTF-8 and repairs the lexical breakage common in feeds,
 * so that libxml2 always reads valid UTF-8 with only the five predefined
 * entities.
 */
#ifndef SSNEWS_PARSE_INPUT_H
#define SSNEWS_PARSE_INPUT_H

#include <stddef.h>

#include "buf.h"

struct parse_input {
	int		 state;		/* lexical state */
	int		 quote;		/* open quote inside a tag */
	int		 run;		/* terminator characters seen */
	int		 bracket;	/* DOCTYPE internal subset depth */
	int		 decided;	/* is the encoding known? */
	void		*cd;		/* iconv descriptor, NULL for UTF-8 */
	size_t		 unit;		/* code unit size of the source */
	char		*hint;		/* charset from the transport */
	char		*encoding;	/* what the document is read as */
	char		*warning;	/* an unknown encoding, say */
	struct buf	 head;		/* input before the encoding is known */
	struct buf	 conv;		/* converted to UTF-8 */
	struct buf	 pend;		/* UTF-8 held for lookahead */
	struct buf	 out;		/* repaired text, when copied */
	char		 raw[8];	/* incomplete source character */
	size_t		 nraw;
};

void		 parse_input_init(struct parse_input *, const char *);
const char	*parse_input_push(struct parse_input *, const char *, size_t,
		    int, size_t *);
void		 parse_input_free(struct parse_input *);

#endif
