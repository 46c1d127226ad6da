/*
 * What parse.c (document, SAX callbacks, items) and parse-field.c
 * (reading fields: text, attributes, links, enclosures, HTML copies)
 * share.  Only the parser includes this.
 */
#ifndef SSNEWS_PARSE_INT_H
#define SSNEWS_PARSE_INT_H

#include <stdint.h>

#include <libxml/parser.h>

#include "buf.h"
#include "feed.h"
#include "parse-input.h"
#include "parse.h"

/* Namespace families: what an element's namespace means here. */
enum ns {
	NS_OTHER,
	NS_RSS,		/* none in <rss>, RSS 1.0 and 0.90 in RDF */
	NS_ATOM,	/* Atom 1.0 and 0.3 */
	NS_RDF,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_XHTML,
	NS_XML
};

/* Where an element is: the context its parent gives it. */
enum ctx {
	CTX_TOP = 0x01,		/* outside the root element */
	CTX_ROOT = 0x02,	/* in <rss> or <rdf:RDF> */
	CTX_CHANNEL = 0x04,	/* in <channel> or <feed> */
	CTX_ITEM = 0x08,	/* in <item> or <entry> */
	CTX_AUTHOR = 0x10,	/* in an Atom <author> */
	CTX_IGNORE = 0x20,	/* in something skipped */
	CTX_TEXT = 0x40		/* in a field being read */
};

enum field {
	F_TITLE,
	F_LINK,
	F_SUMMARY,
	F_CONTENT,
	F_ID,
	F_AUTHOR,
	F_PUBLISHED,
	F_UPDATED,
	F_LANGUAGE,
	F_CATEGORY,
	F_MAX
};

enum kind {
	K_CHANNEL,	/* opens the feed level */
	K_ITEM,		/* opens an item */
	K_AUTHOR,	/* Atom person construct */
	K_GROUP,	/* transparent container (media:group) */
	K_TEXT,		/* plain text */
	K_HTML,		/* escaped HTML (RSS description) */
	K_CONSTRUCT,	/* Atom text construct: type="text|html|xhtml" */
	K_DATE,
	K_GUID,
	K_ATOMLINK,
	K_ENCLOSURE,
	K_MEDIA,
	K_ATOMCATEGORY
};

/* Text modes of a field being read. */
enum mode {
	M_TEXT,
	M_HTML,
	M_XHTML
};

struct element {
	enum ns		 ns;
	const char	*name;
	unsigned	 where;		/* enum ctx bits */
	enum kind	 kind;
	enum field	 field;
	int		 prio;
};



#define MAX_CATEGORIES	256	/* per item; more are ignored */
#define MAX_ENCLOSURES	32

/* The fields of the feed or of the item being read. */
struct draft {
	struct buf	 val[F_MAX];
	int		 prio[F_MAX];
	int		 html[F_MAX];	/* summary, content: HTML or text */
	time_t		 date[F_MAX];	/* F_PUBLISHED, F_UPDATED */
	char		*about;		/* rdf:about */
	char		**categories;
	size_t		 ncategories, categoriescap;
	struct enclosure *enclosures;
	size_t		 nenclosures, enclosurescap;
};

#define FR_OWN_BASE	0x1	/* base was set here: free it */
#define FR_OWN_LANG	0x2
#define FR_ITEM		0x4	/* this element is an item */
#define FR_VOID		0x8	/* an HTML void element being copied */
#define FR_SKIP		0x10	/* copied without its tags (xhtml div) */

struct frame {
	unsigned	 ctx;		/* context of the children */
	unsigned	 flags;
	char		*base;		/* xml:base in effect */
	char		*lang;		/* xml:lang in effect */
};

struct parser {
	xmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		 sax;
	struct parse_input	 in;
	struct parse_limits	 lim;
	size_t			 nbytes;
	int			 stopped;
	int			 saw_root;
	int			 xml_line;	/* line of the first XML error */
	char			*xml_error;
	char			*cause;
	char			*doc_base;	/* the document's address */
	char			*root_lang;	/* xml:lang of the root */
	struct feed		*feed;
	parse_item_cb		 on_item;
	void			*arg;

	struct frame		*stack;
	unsigned		 depth, stackcap;

	/* The field being read. */
	struct buf		 text;
	enum field		 cap_field;
	unsigned		 cap_depth;	/* 0: none */
	enum mode		 cap_mode;
	int			 cap_prio;
	int			 cap_permalink;	/* guid isPermaLink */
	int			 cap_skipped;	/* xhtml wrapper div seen */
	struct draft		*cap_draft;

	struct draft		 chan;
	struct draft		 item;
	int			 in_item;
	size_t			 nitems;

	struct buf		 scratch[4];	/* attribute values */

	uint64_t		*ids;		/* id hash, content hash pairs */
	size_t			 idsmask, nids;

	/* Elements looked up before, by interned name (libxml2's dict). */
	struct {
		const xmlChar		*name;
		enum ns			 ns;
		unsigned		 ctx;
		const struct element	*e;
	}			 ecache[64];

	/* Recently seen namespace URIs (libxml2 interns them). */
	const xmlChar		*ns_uri[8];
	enum ns			 ns_id[8];
	unsigned		 ns_next;
};

#define XML_NS	"http://www.w3.org/XML/1998/namespace"
#define RDF_NS	"http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* parse.c */
enum ns		 parse_ns(struct parser *, const xmlChar *);

/* parse-field.c */
const char	*parse_attr(struct buf *, const xmlChar **, int, const char *,
		    const char *);
void		 parse_clean(struct buf *, const char *, size_t, int);
char		*parse_resolve(const char *, const char *);
const char	*parse_base(struct parser *);
void		 parse_text_to_html(struct buf *);
void		 parse_add_escaped(struct buf *, const char *, size_t, int);
void		 parse_copy_start(struct parser *, struct frame *,
		    const xmlChar *, const xmlChar *, const xmlChar *, int,
		    const xmlChar **);
void		 parse_copy_end(struct parser *, struct frame *,
		    const xmlChar *, const xmlChar *, const xmlChar *);
int		 parse_capture_begin(struct parser *, const struct element *,
		    struct draft *, int, const xmlChar **);
void		 parse_capture_end(struct parser *);
void		 parse_attribute_element(struct parser *,
		    const struct element *, struct draft *, int,
		    const xmlChar **);

#endif
