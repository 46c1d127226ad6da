/*
 * Tests for the feed parser over the fixtures in tests/data: every field of
 * every fixture, the same result whatever the chunking, the limits,
 * hostile documents and control characters.  Expected values were read off
 * the fixtures by hand.  Times are the UTC time each date states, turned
 * into seconds by days_from_civil() below (written for this test and
 * checked against GNU "date -u -d ... +%s"), never by date_parse().
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clean.h"
#include "buf.h"
#include "dump.h"
#include "feed.h"
#include "parse.h"
#include "xmalloc.h"

#define BASE	"http://example.org/feeds/main.xml"
#define NONE	NULL		/* the field must be null */
#define ANY	"*"		/* the field is not checked */
#define HASHID	"%ssnews:????????????????"
#define FFFD	"\xef\xbf\xbd"
#define SLOW	5.0		/* seconds; generous for sanitizer builds */
#define ROUNDS	25		/* random chunkings per fixture and range */

/*
 * Wanted strings: NONE, ANY, "~x" (contains x), "!x" (lacks x), "%p"
 * (p with '?' matching one lower-case hex digit), or the exact value.
 * Dates are wanted as "YYYY-MM-DDTHH:MM:SSZ".
 */
struct feed_case {
	const char	*file;
	const char	*format;
	const char	*title, *link, *description, *language, *updated;
	size_t		 nitems;
	const char	*error;
};

struct item_case {
	const char	*file;
	size_t		 n;
	const char	*id, *title, *link, *author, *published, *updated;
	const char	*summary, *content, *type, *categories, *enclosures;
};

/* More checks on one field of one item. */
struct extra_case {
	const char	*file;
	size_t		 n;
	const char	*field;
	const char	*want;
};

static const char *const item_fields[] = {
	"id", "title", "link", "author", "published", "updated", "summary",
	"content", "type", "categories", "enclosures"
};

static const struct feed_case feed_cases[] = {
	{ "rss20-basic.xml", "rss2.0", "Social Security Observer",
	    "http://example.org/",
	    "News about pensions, unemployment and health insurance.",
	    "en-gb", "2012-03-20T09:30:00Z", 3, NONE },
	{ "rss091.xml", "rss0.9x",
	    "Caisse nationale d'assurance vieillesse — actualités",
	    "http://example.org/fr/", "Actualités de la retraite", "fr",
	    NONE, 2, NONE },
	{ "rss092.xml", "rss0.9x", "Pension fund bulletin",
	    "http://example.org/bulletin/",
	    "Weekly bulletin of the pension fund", NONE,
	    "2012-03-23T17:00:00Z", 2, NONE },
	{ "rdf-rss10.xml", "rss1.0", "ISSA news (RSS 1.0)",
	    "http://example.org/issa/",
	    "Items from the International Social Security Association", "en",
	    "2012-03-22T09:00:00Z", 2, NONE },
	{ "rss090.xml", "rss0.9x", "Netscape-era feed",
	    "http://example.org/old/", "An RSS 0.90 channel", NONE, NONE, 2,
	    NONE },
	{ "atom10-basic.xml", "atom1.0", "Social Protection Blog",
	    "http://example.org/blog/", "Notes on social protection floors",
	    "en-US", "2012-03-22T18:30:02Z", 3, NONE },
	{ "atom03.xml", "atom0.3", "Sécurité sociale (Atom 0.3)",
	    "http://example.org/fr/", "Un flux au format Atom 0.3", "fr",
	    "2012-03-22T12:00:00Z", 3, NONE },
	{ "atom10-xhtml.xml", "atom1.0", "XHTML content", NONE, NONE, NONE,
	    "2012-03-22T00:00:00Z", 3, NONE },
	{ "atom10-text-types.xml", "atom1.0", "Labour & welfare", NONE,
	    "Weekly digest", NONE, "2012-03-22T00:00:00Z", 4, NONE },
	{ "rss20-content-encoded.xml", "rss2.0", "Content encoded",
	    "http://example.org/ce/",
	    "content:encoded before and after description", NONE, NONE, 4,
	    NONE },
	{ "rss20-dc.xml", "rss2.0", "Dublin Core", "http://example.org/dc/",
	    "dc elements in RSS 2.0", "de", "2012-03-22T08:00:00Z", 2, NONE },
	{ "rss20-media.xml", "rss2.0", "Media", "http://example.org/m/",
	    "media:content and enclosure", NONE, NONE, 3, NONE },
	{ "atom10-links.xml", "atom1.0", "Links", "http://example.org/links/",
	    NONE, NONE, "2012-03-22T00:00:00Z", 7, NONE },
	{ "xmlbase.xml", "rss2.0", "Relative links", "http://example.org/",
	    "Links resolved against the feed address and xml:base", NONE,
	    NONE, 8, NONE },
	{ "xmlbase-atom.xml", "atom1.0", "xml:base in Atom",
	    "http://example.org/blog/", NONE, NONE, "2012-03-22T00:00:00Z", 4,
	    NONE },
	{ "ids.xml", "rss2.0", "Ids", "http://example.org/ids/",
	    "guid handling", NONE, NONE, 9, NONE },
	{ "cdata.xml", "rss2.0", "CDATA & <friends>",
	    "http://example.org/cdata/", "Feed description in CDATA", NONE,
	    NONE, 3, NONE },
	{ "entities.xml", "rss2.0", "Entities & references",
	    "http://example.org/ent/", "AT&T — café", NONE, NONE, 5, NONE },
	{ "latin1.xml", "rss2.0", "Sécurité sociale « Latin-1 »",
	    "http://example.org/latin1/",
	    "Café, naïve, £100, 50°, ½, Müller, año", NONE, NONE, 1, NONE },
	{ "latin1-mislabelled.xml", "rss2.0", "Mislabelled",
	    "http://example.org/mis/",
	    "ISO-8859-1 declared, windows-1252 written", NONE, NONE, 1, NONE },
	{ "windows1252.xml", "rss2.0", "“Smart” quotes – € and …",
	    "http://example.org/cp1252/", "Bytes 0x80 to 0x9F", NONE, NONE, 1,
	    NONE },
	{ "utf16le-bom.xml", "rss2.0", "UTF-16 feed: é € 中文 😀",
	    "http://example.org/utf16/", "Encoded in UTF-16", NONE, NONE, 1,
	    NONE },
	{ "utf16be-bom.xml", "rss2.0", "UTF-16 feed: é € 中文 😀",
	    "http://example.org/utf16/", "Encoded in UTF-16", NONE, NONE, 1,
	    NONE },
	{ "utf16le-nobom.xml", "rss2.0", "UTF-16 feed: é € 中文 😀",
	    "http://example.org/utf16/", "Encoded in UTF-16", NONE, NONE, 1,
	    NONE },
	{ "utf8-bom.xml", "rss2.0", "BOM feed: Grüße €",
	    "http://example.org/utf8bom/", "Encoded in UTF-8 with a BOM", NONE,
	    NONE, 1, NONE },
	{ "invalid-utf8.xml", "rss2.0", "Invalid " FFFD " byte",
	    "http://example.org/bad/", "Invalid UTF-8", NONE, NONE, 2, NONE },
	{ "charset-hint.xml", "rss2.0", "Pr" FFFD "voyance",
	    "http://example.org/hint/",
	    "No XML declaration; the bytes are ISO-8859-1", NONE, NONE, 1,
	    NONE },
	{ "truncated.xml", "rss2.0", "Truncated feed",
	    "http://example.org/cut/", "The transfer stopped early", NONE,
	    NONE, 2, ANY },
	{ "not-a-feed.html", NONE, NONE, NONE, NONE, NONE, NONE, 0,
	    "~not a feed" },
	{ "empty.xml", NONE, NONE, NONE, NONE, NONE, NONE, 0, "~empty" },
	{ "garbage.bin", NONE, NONE, NONE, NONE, NONE, NONE, 0, ANY },
	{ "control-chars.xml", "rss2.0", "Feed[1m title",
	    "http://example.org/cc/", "Channel description", "en", NONE, 4,
	    NONE },
	{ "control-chars-atom.xml", "atom1.0", "~[2J html", NONE, NONE, NONE,
	    "2012-03-22T00:00:00Z", 1, NONE },
	{ "xxe.xml", "rss2.0", "XXE &xxe;", "http://example.org/xxe/",
	    "&net;&pub;", NONE, NONE, 1, NONE },
	{ "xxe-dtd.xml", "rss2.0", "External DTD", "http://example.org/dtd/",
	    "A DTD on the network", NONE, NONE, 1, NONE },
	{ "billion-laughs.xml", "rss2.0", "Laughs &lol9;",
	    "http://example.org/lol/", "&lol9;&lol9;", NONE, NONE, 1, NONE },
	{ "quadratic-blowup.xml", "rss2.0", "Quadratic",
	    "http://example.org/quad/", "quadratic blowup", NONE, NONE, 1,
	    NONE },
	{ "seed-story.xml", "rss2.0", "ILO News",
	    "http://ilo.org/global/about-the-ilo/newsroom/news/lang--en/"
	    "index.htm", "News from the International Labour Organization",
	    "en", NONE, 1, NONE },
};

#define SEED_LINK \
	"http://ilo.org/global/about-the-ilo/newsroom/news/WCMS_176109/" \
	"lang--en/index.htm"
#define SEED_STANDFIRST \
	"The International Social Security Association and the ILO have " \
	"forged a new link aimed at promoting extension of social security " \
	"to the 80 percent of the world's people who lack coverage."

static const struct item_case item_cases[] = {
	/* file, n, id, title, link, author, published, updated,
	   summary, content, type, categories, enclosures */
	{ "rss20-basic.xml", 0, "http://example.org/news/1",
	    "Pension reform passes first reading", "http://example.org/news/1",
	    "editor@example.org (Jane Doe)", "2012-03-20T08:00:00Z", NONE,
	    "<p>The bill raises the <b>retirement age</b> to 67.</p>", NONE,
	    "html", "Pensions|Legislation",
	    "http://example.org/audio/1.mp3 audio/mpeg 123456" },
	{ "rss20-basic.xml", 1, "news-2", "Unemployment benefit rates for 2012",
	    "http://example.org/news/2", NONE, "2012-03-19T19:15:30Z", NONE,
	    "Rates rise by 5.2 percent.", NONE, "html", "", "" },
	{ "rss20-basic.xml", 2, HASHID, NONE, NONE, NONE,
	    "2012-03-19T07:59:59Z", NONE, "An item with only a description.",
	    NONE, "html", "", "" },
	{ "rss091.xml", 0, "http://example.org/fr/1",
	    "Retraite : nouveaux barèmes", "http://example.org/fr/1", NONE,
	    NONE, NONE, "Les barèmes changent le 1er avril.", NONE, "html", "",
	    "" },
	{ "rss091.xml", 1, "http://example.org/fr/2", "Allocations familiales",
	    "http://example.org/fr/2", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "rss092.xml", 0, HASHID, NONE, NONE, NONE, NONE, NONE,
	    "Fund returns <i>4.1%</i> for the quarter.", NONE, "html", "Funds",
	    "http://example.org/bulletin/q1.pdf application/pdf 2048" },
	{ "rss092.xml", 1, "http://example.org/bulletin/3", "Podcast episode 3",
	    "http://example.org/bulletin/3", NONE, NONE, NONE, "Listen.", NONE,
	    "html", "",
	    "http://example.org/bulletin/3.mp3 audio/mpeg 5000000" },
	{ "rdf-rss10.xml", 0, "http://example.org/issa/1",
	    "Extending coverage to the 80 percent",
	    "http://example.org/issa/1.html", "ISSA Secretariat",
	    "2012-03-22T09:15:00Z", NONE,
	    "Most of the world's people lack coverage.",
	    "<p>Full <em>text</em>.</p>", "html", "Coverage|Policy", "" },
	{ "rdf-rss10.xml", 1, "http://example.org/issa/2",
	    "Good practice award", "http://example.org/issa/2.html", NONE,
	    "2012-03-21T00:00:00Z", NONE, NONE, NONE, ANY, "", "" },
	{ "rss090.xml", 0, "http://example.org/old/1", "First old item",
	    "http://example.org/old/1", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "rss090.xml", 1, "http://example.org/old/2", "Second old item",
	    "http://example.org/old/2", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "atom10-basic.xml", 0,
	    "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
	    "Floors in Africa", "http://example.org/blog/floors-africa",
	    "Amina Diallo", "2012-03-20T08:00:00Z", "2012-03-22T18:30:02Z",
	    "A short summary.", "<p>Several countries <a href=\""
	    "http://example.org/x\">extended</a> coverage.</p>", "html",
	    "floors|africa", "" },
	{ "atom10-basic.xml", 1, "tag:example.org,2012:blog-2",
	    "Inherited author", "http://example.org/blog/inherited",
	    "Blog Team",
	    NONE, "2012-03-21T13:00:00Z", "Entry without an author of its own.",
	    NONE, "text", "", "" },
	{ "atom10-basic.xml", 2, "tag:example.org,2012:blog-3",
	    "Email-only author", NONE, "solo@example.org", NONE,
	    "2012-03-19T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "atom03.xml", 0, "tag:example.org,2012:fr-1", "Assurance chômage",
	    "http://example.org/fr/a1", "Rédaction", "2012-03-22T08:00:00Z",
	    "2012-03-22T11:00:00Z", "Résumé en texte",
	    "<p>Texte <b>complet</b></p>", "html", "", "" },
	{ "atom03.xml", 1, "tag:example.org,2012:fr-2", "Contenu XHTML",
	    "http://example.org/fr/a2", "Rédaction", "2012-03-20T09:00:00Z",
	    "2012-03-20T09:00:00Z", NONE, "~<p>Bonjour</p>", "html", "", "" },
	{ "atom03.xml", 2, "tag:example.org,2012:fr-3", "Base64", NONE,
	    "Rédaction", "2012-03-19T09:00:00Z", "2012-03-19T09:00:00Z", NONE,
	    ANY, ANY, "", "" },
	{ "atom10-xhtml.xml", 0, "tag:example.org,2012:x1", "Wrapped", NONE,
	    NONE, NONE, "2012-03-22T00:00:00Z", NONE,
	    "~<p>Social <b>security</b> &amp; <i>health</i> &lt;care&gt;</p>",
	    "html", "", "" },
	{ "atom10-xhtml.xml", 1, "tag:example.org,2012:x2", "Prefixed xhtml",
	    NONE, NONE, NONE, "2012-03-21T00:00:00Z", NONE,
	    "~<p>Prefixed <em>markup</em></p>", "html", "", "" },
	{ "atom10-xhtml.xml", 2, "tag:example.org,2012:x3", "Summary in xhtml",
	    NONE, NONE, NONE, "2012-03-20T00:00:00Z",
	    "~<ul><li>One</li><li>Two</li></ul>", NONE, "html", "", "" },
	{ "atom10-text-types.xml", 0, "tag:example.org,2012:t1",
	    "AT&T <b> is not bold", NONE, NONE, NONE, "2012-03-22T00:00:00Z",
	    "1 < 2 & 3", NONE, "text", "", "" },
	{ "atom10-text-types.xml", 1, "tag:example.org,2012:t2",
	    "Pensions: the 2012 reform", NONE, NONE, NONE,
	    "2012-03-21T00:00:00Z", "<p>Reform &amp; more</p>", NONE, "html",
	    "", "" },
	{ "atom10-text-types.xml", 2, "tag:example.org,2012:t3", "Care & cure",
	    NONE, NONE, NONE, "2012-03-20T00:00:00Z", "~<p>X &lt; Y</p>", NONE,
	    "html", "", "" },
	{ "atom10-text-types.xml", 3, "tag:example.org,2012:t4",
	    "Default type is text: <i>", NONE, NONE, NONE,
	    "2012-03-19T00:00:00Z", "~Plain &lt;summary&gt;",
	    "<p>HTML content</p>", "html", "", "" },
	{ "rss20-content-encoded.xml", 0, "http://example.org/ce/1",
	    "Description first", "http://example.org/ce/1", NONE, NONE, NONE,
	    "Short one.", "<p>Long <strong>one</strong>.</p>", "html", "", "" },
	{ "rss20-content-encoded.xml", 1, "http://example.org/ce/2",
	    "Encoded first", "http://example.org/ce/2", NONE, NONE, NONE,
	    "Short two.", "<p>Long two.</p>", "html", "", "" },
	{ "rss20-content-encoded.xml", 2, "http://example.org/ce/3",
	    "Encoded only", "http://example.org/ce/3", NONE, NONE, NONE, NONE,
	    "<p>Only a body.</p>", "html", "", "" },
	{ "rss20-content-encoded.xml", 3, "http://example.org/ce/4",
	    "Description only", "http://example.org/ce/4", NONE, NONE, NONE,
	    "<p>Only a summary.</p>", NONE, "html", "", "" },
	{ "rss20-dc.xml", 0, "http://example.org/dc/1", "Rentenversicherung",
	    "http://example.org/dc/1", "Hans Müller", "2012-03-22T06:30:00Z",
	    "2012-03-23T10:00:00Z", NONE, NONE, ANY,
	    "Rente|Gesetz|Sozialversicherung", "" },
	{ "rss20-dc.xml", 1, "http://example.org/dc/2", "pubDate and dc:date",
	    "http://example.org/dc/2", NONE, "2012-03-21T12:00:00Z",
	    "2012-03-21T13:00:00Z", NONE, NONE, ANY, "", "" },
	{ "rss20-media.xml", 0, "http://example.org/m/1",
	    "Enclosure and media:content of the same file",
	    "http://example.org/m/1", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "http://example.org/m/1.mp3 audio/mpeg 1000" },
	{ "rss20-media.xml", 1, "http://example.org/m/2", "A media group",
	    "http://example.org/m/2", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "http://example.org/m/2-low.mp4 video/mp4 10000 ; "
	    "http://example.org/m/2-high.mp4 video/mp4 50000 ; "
	    "http://example.org/m/2.mp3 audio/mpeg -" },
	{ "rss20-media.xml", 2, "http://example.org/m/3",
	    "media:content with only a url", "http://example.org/m/3", NONE,
	    NONE, NONE, "Three.", NONE, "html", "",
	    "http://example.org/m/3.ogg - -" },
	{ "atom10-links.xml", 0, "tag:example.org,2012:l1",
	    "Self and edit before alternate", "http://example.org/links/1",
	    NONE, NONE, "2012-03-22T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "atom10-links.xml", 1, "tag:example.org,2012:l2",
	    "PDF alternate before HTML alternate",
	    "http://example.org/links/2.html", NONE, NONE,
	    "2012-03-21T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "atom10-links.xml", 2, "tag:example.org,2012:l3",
	    "Two HTML alternates", "http://example.org/links/3-en", NONE, NONE,
	    "2012-03-20T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "atom10-links.xml", 3, "tag:example.org,2012:l4", "Enclosures",
	    "http://example.org/links/4", NONE, NONE, "2012-03-19T00:00:00Z",
	    NONE, NONE, ANY, "",
	    "http://example.org/links/4.mp3 audio/mpeg 12345 ; "
	    "http://example.org/links/4.ogg - -" },
	{ "atom10-links.xml", 4, "tag:example.org,2012:l5",
	    "Only self and edit", NONE, NONE, NONE, "2012-03-18T00:00:00Z",
	    NONE, NONE, ANY, "", "" },
	{ "atom10-links.xml", 5, "tag:example.org,2012:l6",
	    "Only a PDF alternate", "http://example.org/links/6.pdf", NONE,
	    NONE, "2012-03-17T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "atom10-links.xml", 6, "tag:example.org,2012:l7",
	    "Ampersands in href", "http://example.org/links/7?a=1&b=2", NONE,
	    NONE, "2012-03-16T00:00:00Z", NONE, NONE, ANY, "",
	    "http://example.org/links/7.mp3?x=1&y=2 audio/mpeg -" },
	{ "xmlbase.xml", 0, "http://example.org/feeds/news/1.html",
	    "Relative to the feed", "http://example.org/feeds/news/1.html",
	    NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "http://example.org/media/1.mp3 audio/mpeg 10" },
	{ "xmlbase.xml", 1, ANY, "Item with an absolute xml:base",
	    "http://other.example/news/2.html", NONE, NONE, NONE, NONE, NONE,
	    ANY, "", "" },
	{ "xmlbase.xml", 2, ANY, "Nested relative xml:base",
	    "http://example.org/feeds/sub/deeper/3.html", NONE, NONE, NONE,
	    NONE, NONE, ANY, "", "" },
	{ "xmlbase.xml", 3, ANY, "Permalink guid, relative",
	    "http://example.org/news/4", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "xmlbase.xml", 4, ANY, "Query only",
	    "http://example.org/feeds/main.xml?page=5", NONE, NONE, NONE, NONE,
	    NONE, ANY, "", "" },
	{ "xmlbase.xml", 5, ANY, "Network-path reference",
	    "http://cdn.example.net/6.html", NONE, NONE, NONE, NONE, NONE, ANY,
	    "", "" },
	{ "xmlbase.xml", 6, ANY, "Absolute link untouched",
	    "https://secure.example.com/7?a=1&b=2", NONE, NONE, NONE, NONE,
	    NONE, ANY, "", "" },
	{ "xmlbase.xml", 7, ANY, "Dot segments", "http://example.org/up/8.html",
	    NONE, NONE, NONE, NONE, NONE, ANY, "", "" },
	{ "xmlbase-atom.xml", 0, "tag:example.org,2012:b1", "Nested base",
	    "http://example.org/blog/2012/03/post.html", NONE, NONE,
	    "2012-03-22T00:00:00Z", NONE, NONE, ANY, "",
	    "http://example.org/blog/media/a.mp3 audio/mpeg 1" },
	{ "xmlbase-atom.xml", 1, "tag:example.org,2012:b2",
	    "Absolute-path base",
	    "http://example.org/other/page", NONE, NONE, "2012-03-21T00:00:00Z",
	    NONE, NONE, ANY, "", "" },
	{ "xmlbase-atom.xml", 2, "tag:example.org,2012:b3",
	    "Base on the link itself", "http://mirror.example.net/x/y", NONE,
	    NONE, "2012-03-20T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "xmlbase-atom.xml", 3, "tag:example.org,2012:b4",
	    "Absolute href ignores the base", "http://example.org/abs", NONE,
	    NONE, "2012-03-19T00:00:00Z", NONE, NONE, ANY, "", "" },
	{ "ids.xml", 0, "http://example.org/ids/1", "One",
	    "http://example.org/ids/1", NONE, "2012-03-22T10:00:00Z", NONE,
	    NONE, NONE, ANY, "", "" },
	{ "ids.xml", 1, "tag:example.org,2012:2", "Two",
	    "http://example.org/ids/2.html", NONE, NONE, NONE, NONE, NONE, ANY,
	    "", "" },
	{ "ids.xml", 2, "three", "Three", NONE, NONE, NONE, NONE, NONE, NONE,
	    ANY, "", "" },
	{ "ids.xml", 3, "http://example.org/ids/4", "Four",
	    "http://example.org/ids/4", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "ids.xml", 4, HASHID, "Five", NONE, NONE, "2012-03-22T11:00:00Z",
	    NONE, NONE, NONE, ANY, "", "" },
	{ "ids.xml", 5, HASHID, "Six", NONE, NONE, "2012-03-22T11:00:00Z",
	    NONE, NONE, NONE, ANY, "", "" },
	{ "ids.xml", 6, "%tag:example.org,2012:2#????????", "Two, corrected",
	    "http://example.org/ids/2.html", NONE, NONE, NONE, NONE, NONE, ANY,
	    "", "" },
	{ "ids.xml", 7, "padded-9", "Padded guid", NONE, NONE, NONE, NONE,
	    NONE, NONE, ANY, "", "" },
	{ "ids.xml", 8, "http://example.org/ids/10", "Empty guid",
	    "http://example.org/ids/10", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "cdata.xml", 0, ANY, "Q&A: <pension> reform",
	    "http://example.org/cdata/1?a=1&b=2", NONE, NONE, NONE,
	    "<p>HTML in <b>CDATA</b> &amp; an entity</p>", NONE, "html", "",
	    "" },
	{ "cdata.xml", 1, ANY, "Split in three parts",
	    "http://example.org/cdata/2", NONE, NONE, NONE,
	    "Before <i>inside</i> after <br/>", NONE, "html", "", "" },
	{ "cdata.xml", 2, ANY, "Brackets", "http://example.org/cdata/3", NONE,
	    NONE, NONE, "a ]] b ]> c ]]> d", NONE, "html", "", "" },
	{ "entities.xml", 0, ANY,
	    "Predefined: <tag> & \"quotes\" 'apos'", "http://example.org/ent/1",
	    NONE, NONE, NONE, "Numeric: é é 😀 €", NONE, "html", "", "" },
	{ "entities.xml", 1, ANY, "HTML named: café — naïve…",
	    "http://example.org/ent/2", NONE, NONE, NONE,
	    "nbsp:[\xc2\xa0] copy:© euro:€ E:É", NONE, "html", "", "" },
	{ "entities.xml", 2, ANY, "Unknown &foo; and &bar123; stay",
	    "http://example.org/ent/3", NONE, NONE, NONE, "~unknownentity;",
	    NONE, "html", "", "" },
	{ "entities.xml", 3, ANY, "AT&T, Q & A, R&D; a && b &",
	    "http://example.org/ent/4?x=1&y=2", NONE, NONE, NONE,
	    "Stray: &; &#; &#xZZ; & &amp", NONE, "html", "", "" },
	{ "entities.xml", 4, ANY,
	    "Windows-1252: ’quoted’ “double” – — €5 …",
	    "http://example.org/ent/5", NONE, NONE, NONE,
	    "Escaped HTML entity: <p>Caf&eacute; &amp; co</p>", NONE, "html",
	    "", "http://example.org/ent/5.mp3?a=1&b=2&c=3 audio/mpeg 1" },
	{ "latin1.xml", 0, "http://example.org/latin1/1",
	    "Réforme des retraites", "http://example.org/latin1/1", "Rédaction",
	    NONE, NONE, "À partir de 2012, l'âge légal passe à 62 ans.", NONE,
	    "html", "Sécurité sociale", "" },
	{ "latin1-mislabelled.xml", 0, ANY, "Don’t “panic” – it’s €5",
	    "http://example.org/mis/1", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "windows1252.xml", 0, ANY, "It’s „low“ Š š Ž ž Ÿ ™ •",
	    "http://example.org/cp1252/1", NONE, NONE, NONE,
	    "Œuvre — ‰ † ‡ ˆ ‹ › ƒ ‚", NONE, "html", "", "" },
	{ "utf16le-bom.xml", 0, ANY, "Ünïcödé ✓", "http://example.org/utf16/1",
	    NONE, NONE, NONE, "社会保障 — sécurité sociale", NONE, "html", "",
	    "" },
	{ "utf16be-bom.xml", 0, ANY, "Ünïcödé ✓", "http://example.org/utf16/1",
	    NONE, NONE, NONE, "社会保障 — sécurité sociale", NONE, "html", "",
	    "" },
	{ "utf16le-nobom.xml", 0, ANY, "Ünïcödé ✓",
	    "http://example.org/utf16/1", NONE, NONE, NONE,
	    "社会保障 — sécurité sociale", NONE, "html", "", "" },
	{ "utf8-bom.xml", 0, ANY, "Ünïcödé ✓ 😀",
	    "http://example.org/utf8bom/1", NONE, NONE, NONE, NONE, NONE, ANY,
	    "", "" },
	/* One U+FFFD per maximal subpart (Unicode 3.9, WHATWG Encoding). */
	{ "invalid-utf8.xml", 0, ANY, "Lone " FFFD " lead",
	    "http://example.org/bad/1", NONE, NONE, NONE,
	    "Overlong " FFFD FFFD ", surrogate " FFFD FFFD FFFD ", truncated "
	    FFFD "x, valid é", NONE, "html", "", "" },
	{ "invalid-utf8.xml", 1, ANY, "Ends with a cut sequence " FFFD,
	    "http://example.org/bad/2", NONE, NONE, NONE, NONE, NONE, ANY,
	    "caf" FFFD, "" },
	{ "charset-hint.xml", 0, ANY, "Ch" FFFD "mage partiel",
	    "http://example.org/hint/1", NONE, NONE, NONE, NONE, NONE, ANY, "",
	    "" },
	{ "truncated.xml", 0, "http://example.org/cut/1", "First complete item",
	    "http://example.org/cut/1", NONE, NONE, NONE, "One.", NONE, "html",
	    "", "" },
	{ "truncated.xml", 1, "http://example.org/cut/2",
	    "Second complete item", "http://example.org/cut/2", NONE, NONE,
	    NONE, "Two.", NONE, "html", "", "" },
	{ "control-chars.xml", 0, "guid-1",
	    "Raw ESC[31m red[0m, C12J, RLO txt, LRIx, BEL end",
	    "http://example.org/cc/1[2J", "Mallory]0;pwned", NONE, NONE,
	    "<p>Body[5m blink</p>", NONE, "html", "Category",
	    "http://example.org/cc/1.mp3 audio/mpeg 1" },
	{ "control-chars.xml", 1, "guid2",
	    "Ref ESC[31m [0m C1›x RLOy LRIz NUL BEL end",
	    "http://example.org/cc/2", "Eve", NONE, NONE,
	    "<p>Body[5m</p> bad refs: " FFFD " " FFFD " " FFFD, NONE, "html",
	    "Cat", "http://example.org/cc/2.mp3 audio/mpeg 2" },
	{ "control-chars.xml", 2, "http://example.org/cc/3", ANY,
	    "http://example.org/cc/3", NONE, NONE, NONE, ANY,
	    "<p>cdata[31m</p>", "html", "", "" },
	{ "control-chars.xml", 3, "http://example.org/cc/4",
	    "DEL raw and as a reference", "http://example.org/cc/4", "Del",
	    NONE, NONE, "Body with DEL raw and a reference", NONE, "html", "",
	    "" },
	{ "control-chars-atom.xml", 0, "tag:example.org,2012:cc1",
	    "[31mHTML title", "http://example.org/cca/1", "Name[8m", NONE,
	    "2012-03-22T00:00:00Z", "Text[31m summary", "~>xy</p>", "html",
	    "term", "http://example.org/cca/1.mp3 audio/mpeg -" },
	{ "xxe.xml", 0, ANY, "&xxe;", "http://example.org/xxe/1", "&pub;", NONE,
	    NONE, ANY, NONE, "html", "&xxe;", "" },
	{ "xxe-dtd.xml", 0, ANY, "Entity from the DTD: &fromdtd;",
	    "http://example.org/dtd/1", NONE, NONE, NONE, ANY, NONE, "html", "",
	    "" },
	{ "billion-laughs.xml", 0, ANY, "&lol9;", "http://example.org/lol/1",
	    NONE, NONE, NONE, "&lol9;&lol9;&lol9;&lol9;", NONE, "html", "",
	    "" },
	{ "seed-story.xml", 0, SEED_LINK,
	    "ISSA and ILO sign \"historic\" co-operation agreement on social "
	    "security", SEED_LINK, "ILO News", "2012-03-22T11:00:00Z", NONE,
	    SEED_STANDFIRST, "~AssaneDiop", "html", "Social security|ISSA",
	    "" },
};

static const struct extra_case extra_cases[] = {
	{ "atom10-xhtml.xml", 0, "content", "!<div" },
	{ "atom10-xhtml.xml", 0, "content",
	    "~src=\"http://example.org/chart.png\"" },
	{ "atom10-xhtml.xml", 0, "content",
	    "~<a href=\"http://example.org/q?a=1&amp;b=2\">query</a>" },
	{ "atom10-xhtml.xml", 1, "content", "!xhtml:" },
	{ "atom10-xhtml.xml", 1, "content", "!<div" },
	{ "atom10-xhtml.xml", 2, "summary", "!<div" },
	{ "atom10-text-types.xml", 3, "summary", "~second line" },
	{ "atom03.xml", 1, "content", "!xhtml" },
	{ "xxe.xml", 0, "summary", "!root:" },
	{ "xxe-dtd.xml", 0, "summary", "!root:" },
	{ "seed-story.xml", 0, "content", "~MrKonkolewsky" },
	{ "seed-story.xml", 0, "content", "~Hans-Horst Konkolewsky" },
	{ "seed-story.xml", 0, "content", "~<p>GENEVA (ILO News) – A " },
	{ "seed-story.xml", 0, "content",
	    "~<li>capacity building and training.</li>" },
	{ "seed-story.xml", 0, "content",
	    "~<li>technical advisory services: institutional capacities, "
	    "governance and management of social security;</li>" },
	{ "seed-story.xml", 0, "content", "~founded under the auspices of "
	    "the ILO in 1927" },
};

static char	*read_fixture(const char *, size_t *);
static int	 hexpat(const char *, const char *);
static int	 matches(const char *, const char *);
static time_t	 days_from_civil(int, int, int);
static time_t	 iso_time(const char *);
static char	*want_time(const char *);
static char	*item_field(const struct item *, const char *);
static char	*serialize(const struct feed *, const char *);
static struct feed *parse_chunks(const char *, size_t, const char *,
		    const struct parse_limits *, size_t, size_t, uint64_t *,
		    char **);
static void	 check_match(const char *, const char *, const char *,
		    const char *);
static void	 check_invariants(const char *, const struct feed *);
static uint64_t	 rng_next(uint64_t *);
static void	 on_item_add(void *, struct feed *, struct item *);
static void	 gen_items(struct buf *, size_t, size_t, size_t);
static struct feed *parse_lim(const struct buf *,
		    const struct parse_limits *, char **);
static void	 gen_deep(struct buf *, size_t, int);
static char	*hostile_parse(const char *, const char *, size_t, size_t,
		    size_t);
static void	 test_time(void);
static void	 test_fixtures(void);
static void	 test_all_listed(void);
static void	 test_chunking(void);
static void	 test_split(void);
static void	 test_on_item(void);
static void	 test_hint(void);
static void	 test_ids_stable(void);
static void	 test_seed_story(void);
static void	 test_limits(void);
static void	 test_depth(void);
static void	 test_hostile(void);
static void	 test_network(void);
static void	 test_output_bytes(void);

/* A fixture's bytes (NUL-terminated); the test stops if it is missing. */
static char *
read_fixture(const char *name, size_t *len)
{
	const char	*srcdir = getenv("srcdir");
	struct buf	 b;
	char		*path, chunk[4096];
	FILE		*fp;
	size_t		 n;

	path = xasprintf("%s/tests/data/%s", srcdir ? srcdir : ".", name);
	fp = fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(99);
	}
	buf_init(&b, BUF_UNLIMITED);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	free(path);
	*len = b.len;
	return buf_take(&b);
}

static int
hexpat(const char *got, const char *pat)
{
	for (; *pat != '\0'; pat++, got++) {
		if (*pat == '?') {
			if (!((*got >= '0' && *got <= '9') ||
			    (*got >= 'a' && *got <= 'f')))
				return 0;
		} else if (*got != *pat)
			return 0;
	}
	return *got == '\0';
}

/* Does got satisfy want (see the comment above struct feed_case)? */
static int
matches(const char *got, const char *want)
{
	if (want == NULL)
		return got == NULL;
	if (strcmp(want, ANY) == 0)
		return 1;
	if (want[0] == '!')
		return got == NULL || strstr(got, want + 1) == NULL;
	if (got == NULL)
		return 0;
	if (want[0] == '~')
		return strstr(got, want + 1) != NULL;
	if (want[0] == '%')
		return hexpat(got, want + 1);
	return strcmp(got, want) == 0;
}

static void
check_match(const char *ctx, const char *field, const char *got,
    const char *want)
{
	CHECK(matches(got, want), "%s: %s: got \"%s\", want \"%s\"", ctx,
	    field, got ? got : "(null)", want ? want : "(null)");
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static time_t
days_from_civil(int y, int m, int d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)(era * 146097 + doe - 719468);
}

/* "YYYY-MM-DDTHH:MM:SSZ" to seconds. */
static time_t
iso_time(const char *s)
{
	int	 y, mo, d, h, mi, sec;

	if (sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6) {
		fprintf(stderr, "bad time in the test table: %s\n", s);
		exit(99);
	}
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/* A wanted date as the decimal string item_field() gives. */
static char *
want_time(const char *want)
{
	if (want == NULL || strcmp(want, ANY) == 0)
		return want ? xstrdup(want) : NULL;
	return xasprintf("%lld", (long long)iso_time(want));
}

/* One field of an item as a string (allocated), NULL when null. */
static char *
item_field(const struct item *it, const char *name)
{
	struct buf	 b;
	const char	*s = NULL;
	time_t		 t;
	uint32_t	 i;

	if (strcmp(name, "id") == 0)
		s = it->id;
	else if (strcmp(name, "title") == 0)
		s = it->title;
	else if (strcmp(name, "link") == 0)
		s = it->link;
	else if (strcmp(name, "author") == 0)
		s = it->author;
	else if (strcmp(name, "summary") == 0)
		s = it->summary;
	else if (strcmp(name, "content") == 0)
		s = it->content;
	else if (strcmp(name, "type") == 0)
		s = it->flags & ITEM_HTML ? "html" : "text";
	else if (strcmp(name, "published") == 0 ||
	    strcmp(name, "updated") == 0) {
		t = name[0] == 'p' ? it->published : it->updated;
		return t == DATE_NONE ? NULL : xasprintf("%lld", (long long)t);
	} else {
		buf_init(&b, BUF_UNLIMITED);
		buf_add(&b, "", 0);
		if (strcmp(name, "categories") == 0) {
			for (i = 0; i < it->ncategories; i++)
				buf_addf(&b, "%s%s", i ? "|" : "",
				    it->categories[i]);
		} else {
			for (i = 0; i < it->nenclosures; i++) {
				const struct enclosure	*e = &it->enclosures[i];

				buf_addf(&b, "%s%s %s ", i ? " ; " : "", e->url,
				    e->type ? e->type : "-");
				if (e->length < 0)
					buf_addc(&b, '-');
				else
					buf_addf(&b, "%lld",
					    (long long)e->length);
			}
		}
		return buf_take(&b);
	}
	return s != NULL ? xstrdup(s) : NULL;
}

/* The --dump=json line of a parse: what the chunking tests compare. */
static char *
serialize(const struct feed *f, const char *cause)
{
	struct buf	 b;

	buf_init(&b, BUF_UNLIMITED);
	dump_json_feed(&b, "fixture", f, cause);
	return buf_take(&b);
}

static uint64_t
rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * Parse in chunks: of size fixed, or (fixed 0) of random sizes 1..range
 * from the seeded generator.
 */
static struct feed *
parse_chunks(const char *data, size_t len, const char *hint,
    const struct parse_limits *lim, size_t fixed, size_t range,
    uint64_t *rng, char **cause)
{
	struct parser	*p;
	struct feed	*f;
	size_t		 off = 0, n;

	p = parse_new(BASE, hint, lim, NULL, NULL);
	while (off < len) {
		n = fixed ? fixed : 1 + rng_next(rng) % range;
		if (n > len - off)
			n = len - off;
		if (parse_push(p, data + off, n) == -1)
			break;
		off += n;
	}
	f = parse_finish(p, cause);
	parse_free(p);
	return f;
}

/* What must hold of every parse: clean text, unique ids, absolute URLs. */
static void
check_invariants(const char *file, const struct feed *f)
{
	char		 ctx[200];
	size_t		 i, j;
	uint32_t	 k;

	check_clean(file, f->title, 0);
	check_clean(file, f->link, 0);
	check_clean(file, f->description, 0);
	check_clean(file, f->language, 0);
	for (i = 0; i < f->nitems; i++) {
		const struct item	*it = f->items[i];

		snprintf(ctx, sizeof ctx, "%s item %zu", file, i);
		CHECK(it->id != NULL && *it->id != '\0', "%s: no id", ctx);
		check_clean(ctx, it->id, 0);
		check_clean(ctx, it->title, 0);
		check_clean(ctx, it->link, 0);
		check_clean(ctx, it->author, 0);
		check_clean(ctx, it->summary, 1);
		check_clean(ctx, it->content, 1);
		for (k = 0; k < it->ncategories; k++)
			check_clean(ctx, it->categories[k], 0);
		for (k = 0; k < it->nenclosures; k++) {
			check_clean(ctx, it->enclosures[k].url, 0);
			check_clean(ctx, it->enclosures[k].type, 0);
			CHECK(strstr(it->enclosures[k].url, "://") != NULL,
			    "%s: relative enclosure %s", ctx,
			    it->enclosures[k].url);
		}
		if (it->link != NULL)
			CHECK(strstr(it->link, "://") != NULL,
			    "%s: relative link %s", ctx, it->link);
		for (j = 0; j < i && it->id != NULL; j++) {
			CHECK(strcmp(f->items[j]->id, it->id) != 0,
			    "%s: id %s repeats item %zu", ctx, it->id, j);
		}
	}
}

/* The converter the expectations rely on, against GNU date. */
static void
test_time(void)
{
	CHECK(iso_time("1970-01-01T00:00:00Z") == 0, "epoch");
	CHECK(iso_time("2000-02-29T23:59:59Z") == 951868799, "leap day");
	CHECK(iso_time("2012-03-19T07:59:59Z") == 1332143999, "2012-03-19");
	CHECK(iso_time("2012-03-20T08:00:00Z") == 1332230400, "2012-03-20");
	CHECK(iso_time("2012-03-22T09:00:00Z") == 1332406800, "2012-03-22");
}

/* Every field the tables name, for every fixture. */
static void
test_fixtures(void)
{
	const struct feed_case	*fc;
	struct feed		*f;
	char			*data, *cause, *got, *want, ctx[200];
	size_t			 len, i, j, k;

	for (i = 0; i < sizeof feed_cases / sizeof feed_cases[0]; i++) {
		fc = &feed_cases[i];
		data = read_fixture(fc->file, &len);
		f = parse_buffer(data, len, BASE, &cause);
		check_match(fc->file, "format", feed_format_name(f->format),
		    fc->format);
		check_match(fc->file, "title", f->title, fc->title);
		check_match(fc->file, "link", f->link, fc->link);
		check_match(fc->file, "description", f->description,
		    fc->description);
		check_match(fc->file, "language", f->language, fc->language);
		got = f->updated == DATE_NONE ? NULL :
		    xasprintf("%lld", (long long)f->updated);
		want = want_time(fc->updated);
		check_match(fc->file, "updated", got, want);
		free(got);
		free(want);
		CHECK(f->nitems == fc->nitems, "%s: %zu items, want %zu",
		    fc->file, f->nitems, fc->nitems);
		check_match(fc->file, "error", cause, fc->error);
		check_invariants(fc->file, f);

		for (j = 0; j < sizeof item_cases / sizeof item_cases[0]; j++) {
			const struct item_case	*ic = &item_cases[j];
			const char		*wants[11];

			if (strcmp(ic->file, fc->file) != 0)
				continue;
			snprintf(ctx, sizeof ctx, "%s item %zu", ic->file,
			    ic->n);
			if (ic->n >= f->nitems) {
				CHECK(0, "%s: missing", ctx);
				continue;
			}
			wants[0] = ic->id;
			wants[1] = ic->title;
			wants[2] = ic->link;
			wants[3] = ic->author;
			wants[4] = ic->published;
			wants[5] = ic->updated;
			wants[6] = ic->summary;
			wants[7] = ic->content;
			wants[8] = ic->type;
			wants[9] = ic->categories;
			wants[10] = ic->enclosures;
			for (k = 0; k < 11; k++) {
				got = item_field(f->items[ic->n],
				    item_fields[k]);
				want = k == 4 || k == 5 ? want_time(wants[k]) :
				    (wants[k] ? xstrdup(wants[k]) : NULL);
				check_match(ctx, item_fields[k], got, want);
				free(got);
				free(want);
			}
		}
		for (j = 0; j < sizeof extra_cases / sizeof extra_cases[0];
		    j++) {
			const struct extra_case	*ec = &extra_cases[j];

			if (strcmp(ec->file, fc->file) != 0 ||
			    ec->n >= f->nitems)
				continue;
			snprintf(ctx, sizeof ctx, "%s item %zu", ec->file,
			    ec->n);
			got = item_field(f->items[ec->n], ec->field);
			check_match(ctx, ec->field, got, ec->want);
			free(got);
		}
		free(cause);
		feed_free(f);
		free(data);
	}
}

/* Every fixture (.xml, .html, .bin) in tests/data has expectations. */
static void
test_all_listed(void)
{
	const char	*srcdir = getenv("srcdir");
	struct dirent	*de;
	DIR		*d;
	char		*path;
	size_t		 i, len;
	int		 found;

	path = xasprintf("%s/tests/data", srcdir ? srcdir : ".");
	d = opendir(path);
	CHECK(d != NULL, "cannot open %s", path);
	while (d != NULL && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (!(len > 4 && (strcmp(de->d_name + len - 4, ".xml") == 0 ||
		    strcmp(de->d_name + len - 4, ".bin") == 0)) &&
		    !(len > 5 && strcmp(de->d_name + len - 5, ".html") == 0))
			continue;	/* not a feed fixture */
		found = 0;
		for (i = 0; i < sizeof feed_cases / sizeof feed_cases[0]; i++)
			found |= strcmp(feed_cases[i].file, de->d_name) == 0;
		CHECK(found, "%s has no entry in feed_cases", de->d_name);
	}
	if (d != NULL)
		closedir(d);
	free(path);
}

/*
 * Any chunking gives the same result as one piece: sizes 1, 2, 3 and 7,
 * then seeded random sizes up to 16 and up to 4096.
 */
static void
test_chunking(void)
{
	static const size_t	 fixed[] = { 1, 2, 3, 7 };
	struct feed		*f;
	uint64_t		 rng = 0x5eed2012032201ULL;
	char			*data, *cause, *one, *other, *viabuf;
	size_t			 len, i, r, range, ndiff;

	for (i = 0; i < sizeof feed_cases / sizeof feed_cases[0]; i++) {
		data = read_fixture(feed_cases[i].file, &len);
		f = parse_chunks(data, len, NULL, NULL, len ? len : 1, 0, &rng,
		    &cause);
		one = serialize(f, cause);
		feed_free(f);
		free(cause);
		f = parse_buffer(data, len, BASE, &cause);
		viabuf = serialize(f, cause);
		CHECK_STR(viabuf, one, "parse_buffer vs parse_push");
		feed_free(f);
		free(cause);
		free(viabuf);
		for (r = ndiff = 0; r < 4 + 2 * ROUNDS; r++) {
			range = r < 4 + ROUNDS ? 16 : 4096;
			f = parse_chunks(data, len, NULL, NULL,
			    r < 4 ? fixed[r] : 0, range, &rng, &cause);
			other = serialize(f, cause);
			if (strcmp(one, other) != 0 && ndiff++ == 0)
				fprintf(stderr, "%s: chunking round %zu:\n"
				    "  whole:   %s  chunked: %s",
				    feed_cases[i].file, r, one, other);
			feed_free(f);
			free(cause);
			free(other);
		}
		CHECK(ndiff == 0, "%s: %zu of %d chunkings differ from the "
		    "whole", feed_cases[i].file, ndiff, 4 + 2 * ROUNDS);
		free(one);
		free(data);
	}
}

/*
 * A document cut in two at every byte: the end of a comment, a CDATA
 * section or a processing instruction may fall between the pieces.
 */
static void
test_split(void)
{
	static const char	 doc[] = "<?xml version=\"1.0\"?>\n"
	    "<!-- a comment -->\n<?pi x?>\n<rss version=\"2.0\"><channel>"
	    "<description><![CDATA[cdata]]></description>"
	    "<title>a&eacute;</title><item><title>b&eacute; AT&T</title><link>"
	    "http://example.org/split</link></item></channel></rss>\n";
	struct parser		*p;
	struct feed		*f;
	char			*cause, ctx[100];
	size_t			 cut, i, len = sizeof doc - 1;

	for (cut = 1; cut < len; cut++) {
		snprintf(ctx, sizeof ctx, "cut at %zu \"%.6s|%.6s\"", cut,
		    doc + (cut > 6 ? cut - 6 : 0), doc + cut);
		for (i = 0; ctx[i] != '\0'; i++)
			ctx[i] = ctx[i] == '\n' ? ' ' : ctx[i];
		p = parse_new(BASE, NULL, NULL, NULL, NULL);
		parse_push(p, doc, cut);
		parse_push(p, doc + cut, len - cut);
		f = parse_finish(p, &cause);
		parse_free(p);
		check_match(ctx, "title", f->title, "aé");
		check_match(ctx, "description", f->description, "cdata");
		CHECK(f->nitems == 1 && cause == NULL, "%s: %zu items, %s", ctx,
		    f->nitems, cause ? cause : "no error");
		if (f->nitems == 1)
			check_match(ctx, "item title", f->items[0]->title,
			    "bé AT&T");
		feed_free(f);
		free(cause);
	}
}

/* Items handed over one by one end up as when collected. */
static void
on_item_add(void *arg, struct feed *f, struct item *it)
{
	(*(size_t *)arg)++;
	feed_add_item(f, it);
}

static void
test_on_item(void)
{
	struct parser	*p;
	struct feed	*f;
	char		*data, *cause, *one, *other;
	size_t		 len, i, calls;

	for (i = 0; i < sizeof feed_cases / sizeof feed_cases[0]; i++) {
		data = read_fixture(feed_cases[i].file, &len);
		f = parse_buffer(data, len, BASE, &cause);
		one = serialize(f, cause);
		feed_free(f);
		free(cause);
		calls = 0;
		p = parse_new(BASE, NULL, NULL, on_item_add, &calls);
		parse_push(p, data, len);
		f = parse_finish(p, &cause);
		parse_free(p);
		other = serialize(f, cause);
		CHECK_STR(other, one, feed_cases[i].file);
		CHECK(calls == f->nitems, "%s: %zu callbacks for %zu items",
		    feed_cases[i].file, calls, f->nitems);
		feed_free(f);
		free(cause);
		free(one);
		free(other);
		free(data);
	}
}

/* The transport's charset, for a document that does not declare one. */
static void
test_hint(void)
{
	static const struct {
		const char	*file, *hint, *title;
		size_t		 chunk;
	} cases[] = {
		{ "charset-hint.xml", "ISO-8859-1", "Prévoyance", 0 },
		{ "charset-hint.xml", "iso-8859-1", "Prévoyance", 1 },
		{ "charset-hint.xml", "latin1", "Prévoyance", 0 },
		{ "charset-hint.xml", "windows-1252", "Prévoyance", 3 },
		{ "charset-hint.xml", NULL, "Pr" FFFD "voyance", 0 },
		{ "charset-hint.xml", "utf-8", "Pr" FFFD "voyance", 0 },
		/* an ASCII-compatible document cannot be UTF-16 */
		{ "charset-hint.xml", "UTF-16", "Pr" FFFD "voyance", 0 },
		{ "charset-hint.xml", "no-such-charset", ANY, 0 },
		/* the byte order mark and UTF-16 bytes beat the hint */
		{ "utf8-bom.xml", "ISO-8859-1", "BOM feed: Grüße €", 0 },
		{ "utf16le-bom.xml", "ISO-8859-1", "UTF-16 feed: é € 中文 😀", 0 },
		{ "utf16le-nobom.xml", "ISO-8859-1", "UTF-16 feed: é € 中文 😀",
		    1 },
	};
	struct feed	*f;
	uint64_t	 rng = 1;
	char		*data, *cause, ctx[200];
	size_t		 len, i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(ctx, sizeof ctx, "%s with hint %s", cases[i].file,
		    cases[i].hint ? cases[i].hint : "(none)");
		data = read_fixture(cases[i].file, &len);
		f = parse_chunks(data, len, cases[i].hint, NULL,
		    cases[i].chunk ? cases[i].chunk : len, 0, &rng, &cause);
		check_match(ctx, "title", f->title, cases[i].title);
		CHECK(f->format == FORMAT_RSS20 && f->nitems == 1 &&
		    cause == NULL, "%s: format %d, %zu items, error %s", ctx,
		    f->format, f->nitems, cause ? cause : "none");
		if (strcmp(cases[i].file, "charset-hint.xml") == 0 &&
		    strcmp(cases[i].title, "Prévoyance") == 0 && f->nitems > 0)
			check_match(ctx, "item title", f->items[0]->title,
			    "Chômage partiel");
		check_invariants(ctx, f);
		feed_free(f);
		free(cause);
		free(data);
	}
}

/* Ids do not depend on the rest of the document. */
static void
test_ids_stable(void)
{
	static const char	 extra[] = "<item><title>Zero</title><guid "
	    "isPermaLink=\"false\">zero</guid></item>\n";
	struct feed		*a, *b;
	struct buf		 doc;
	const char		*at;
	char			*data, *cause;
	size_t			 len;

	data = read_fixture("ids.xml", &len);
	a = parse_buffer(data, len, BASE, &cause);
	free(cause);
	at = strstr(data, "<item>");
	buf_init(&doc, BUF_UNLIMITED);
	buf_add(&doc, data, (size_t)(at - data));
	buf_addstr(&doc, extra);
	buf_addstr(&doc, at);
	b = parse_buffer(doc.data, doc.len, "http://example.org/feeds/"
	    "main.xml", &cause);
	free(cause);
	CHECK(a->nitems == 9 && b->nitems == 10, "ids: %zu and %zu items",
	    a->nitems, b->nitems);
	if (a->nitems == 9 && b->nitems == 10) {
		CHECK_STR(b->items[5]->id, a->items[4]->id, "hash id, moved");
		CHECK_STR(b->items[6]->id, a->items[5]->id, "hash id, moved");
		CHECK_STR(b->items[7]->id, a->items[6]->id,
		    "suffixed id, moved");
		CHECK(strcmp(a->items[4]->id, a->items[5]->id) != 0,
		    "Five and Six share id %s", a->items[4]->id);
	}
	feed_free(a);
	feed_free(b);
	buf_free(&doc);
	free(data);
}

/* The seed story, field by field and as a line of TSV. */
static void
test_seed_story(void)
{
	static const char *const names[] = { "timestamp", "title", "link",
	    "content", "content-type", "id", "author", "enclosure",
	    "categories" };
	struct feed	*f;
	struct buf	 tsv;
	const char	*s, *want[9];
	char		*data, *cause, *field;
	size_t		 len, n, i;

	data = read_fixture("seed-story.xml", &len);
	f = parse_buffer(data, len, BASE, &cause);
	CHECK(cause == NULL && f->nitems == 1, "seed story: %s",
	    cause ? cause : "no item");
	if (f->nitems == 1 && f->items[0]->content != NULL) {
		for (n = 0, s = f->items[0]->content;
		    (s = strstr(s, "<li>")) != NULL; s++)
			n++;
		CHECK(n == 5, "seed story: %zu list items, want 5", n);
		buf_init(&tsv, BUF_UNLIMITED);
		dump_tsv_item(&tsv, f->items[0]);
		want[0] = "1332414000";		/* GNU date, 11:00 UTC */
		want[1] = "ISSA and ILO sign \"historic\" co-operation "
		    "agreement on social security";
		want[2] = SEED_LINK;
		want[3] = "~\\n<p>It was signed";
		want[4] = "html";
		want[5] = SEED_LINK;
		want[6] = "ILO News";
		want[7] = "";
		want[8] = "Social security|ISSA\n";
		s = buf_str(&tsv);
		for (i = 0; i < 9; i++) {
			len = i < 8 ? strcspn(s, "\t") : strlen(s);
			field = xstrndup(s, len);
			check_match("seed story TSV", names[i], field,
			    want[i]);
			free(field);
			s += len + (s[len] == '\t');
		}
		buf_free(&tsv);
	}
	free(cause);
	feed_free(f);
	free(data);
}

/* A generated RSS document with n items, the k-th with a long body. */
static void
gen_items(struct buf *b, size_t n, size_t k, size_t bodylen)
{
	size_t	 i;

	buf_reset(b);
	buf_addstr(b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
	    "<channel><title>Generated</title>\n");
	for (i = 0; i < n; i++) {
		buf_addf(b, "<item><title>Item %zu</title><link>"
		    "http://example.org/gen/%zu</link><description>", i, i);
		if (i == k) {
			while (bodylen-- > 0)
				buf_addc(b, 'a');
		} else
			buf_addstr(b, "body");
		buf_addstr(b, "</description></item>\n");
	}
	buf_addstr(b, "</channel></rss>\n");
}

static struct feed *
parse_lim(const struct buf *doc, const struct parse_limits *lim,
    char **cause)
{
	uint64_t	 rng = 7;

	return parse_chunks(doc->data, doc->len, NULL, lim, doc->len, 0, &rng,
	    cause);
}

/* max_items, max_field and max_body: a clear error, what came before. */
static void
test_limits(void)
{
	struct parse_limits	 lim;
	struct parser		*p;
	struct feed		*f;
	struct buf		 doc;
	size_t			 calls = 0, i;
	char			*cause;
	int			 r, failed = 0;

	buf_init(&doc, BUF_UNLIMITED);
	parse_limits_default(&lim);
	lim.max_items = 50;
	gen_items(&doc, 50, (size_t)-1, 0);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause == NULL && f->nitems == 50, "50 of 50 items: %zu, %s",
	    f->nitems, cause ? cause : "no error");
	feed_free(f);
	free(cause);
	gen_items(&doc, 51, (size_t)-1, 0);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause != NULL && f->nitems == 50, "51 of 50 items: %zu, %s",
	    f->nitems, cause ? cause : "no error");
	feed_free(f);
	free(cause);
	p = parse_new(BASE, NULL, &lim, on_item_add, &calls);
	parse_push(p, doc.data, doc.len);
	f = parse_finish(p, &cause);
	parse_free(p);
	CHECK(cause != NULL && calls == 50, "51 of 50 items streamed: %zu",
	    calls);
	feed_free(f);
	free(cause);

	/* A field of 2 MiB against the default 1 MiB. */
	parse_limits_default(&lim);
	gen_items(&doc, 3, 1, 2u << 20);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause != NULL && f->nitems == 1, "2 MiB field: %zu items, %s",
	    f->nitems, cause ? cause : "no error");
	feed_free(f);
	free(cause);
	lim.max_field = 100;
	gen_items(&doc, 2, 1, 100);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause == NULL && f->nitems == 2, "field at the limit: %s",
	    cause ? cause : "ok");
	feed_free(f);
	free(cause);
	gen_items(&doc, 2, 1, 101);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause != NULL && f->nitems == 1, "field past the limit: %zu",
	    f->nitems);
	feed_free(f);
	free(cause);

	/* max_body: exactly the limit passes, one byte more fails. */
	parse_limits_default(&lim);
	gen_items(&doc, 20, (size_t)-1, 0);
	lim.max_body = doc.len;
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause == NULL && f->nitems == 20, "body at the limit: %s",
	    cause ? cause : "ok");
	feed_free(f);
	free(cause);
	lim.max_body = doc.len - 1;
	p = parse_new(BASE, NULL, &lim, NULL, NULL);
	for (i = 0; i < doc.len; i += 100) {
		r = parse_push(p, doc.data + i, doc.len - i < 100 ?
		    doc.len - i : 100);
		failed |= r == -1;
		CHECK(!(failed && r == 0), "parse_push succeeds after failing");
	}
	f = parse_finish(p, &cause);
	parse_free(p);
	CHECK(failed && cause != NULL, "body past the limit: %s",
	    cause ? cause : "no error");
	feed_free(f);
	free(cause);
	buf_free(&doc);
}

/* A document nested n deep inside a description or an ignored element. */
static void
gen_deep(struct buf *b, size_t n, int in_text)
{
	size_t	 i;

	buf_reset(b);
	buf_addstr(b, "<rss version=\"2.0\"><channel><title>Deep</title>"
	    "<item><title>Before</title><link>http://example.org/deep/1</link>"
	    "</item><item><title>Deep</title><link>http://example.org/deep/2"
	    "</link>");
	buf_addstr(b, in_text ? "<description>" : "<ignored>");
	for (i = 0; i < n; i++)
		buf_addstr(b, "<div>");
	buf_addc(b, 'x');
	for (i = 0; i < n; i++)
		buf_addstr(b, "</div>");
	buf_addstr(b, in_text ? "</description>" : "</ignored>");
	buf_addstr(b, "</item></channel></rss>\n");
}

/* max_depth: 100,000 nested elements fail cleanly and quickly. */
static void
test_depth(void)
{
	struct parse_limits	 lim;
	struct feed		*f;
	struct buf		 doc;
	uint64_t		 rng = 99;
	double			 t;
	char			*cause, *one, *other;
	int			 in_text, r;

	buf_init(&doc, BUF_UNLIMITED);
	for (in_text = 0; in_text < 2; in_text++) {
		gen_deep(&doc, 100000, in_text);
		t = check_now();
		f = parse_lim(&doc, NULL, &cause);
		t = check_now() - t;
		CHECK(cause != NULL && f->nitems == 1, "100,000 deep (%s): "
		    "%zu items, %s", in_text ? "text" : "ignored", f->nitems,
		    cause ? cause : "no error");
		CHECK(t < SLOW, "100,000 deep took %.2f s", t);
		one = serialize(f, cause);
		feed_free(f);
		free(cause);
		for (r = 0; r < 3; r++) {
			f = parse_chunks(doc.data, doc.len, NULL, NULL, 0,
			    4096, &rng, &cause);
			other = serialize(f, cause);
			CHECK_STR(other, one, "100,000 deep, chunked");
			feed_free(f);
			free(cause);
			free(other);
		}
		free(one);
	}
	/* rss, channel, item, description: 4 levels, then the divs. */
	parse_limits_default(&lim);
	lim.max_depth = 10;
	gen_deep(&doc, 6, 1);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause == NULL && f->nitems == 2, "depth 10 of 10: %s",
	    cause ? cause : "ok");
	feed_free(f);
	free(cause);
	gen_deep(&doc, 7, 1);
	f = parse_lim(&doc, &lim, &cause);
	CHECK(cause != NULL && f->nitems == 1, "depth 11 of 10: %zu items",
	    f->nitems);
	feed_free(f);
	free(cause);
	buf_free(&doc);
}

/*
 * Parse in chunks of size chunk (0: in one piece), check time and size
 * bounds, and return the JSON line.
 */
static char *
hostile_parse(const char *what, const char *data, size_t len,
    size_t maxout, size_t chunk)
{
	struct feed	*f;
	uint64_t	 rng = 3;
	double		 t;
	char		*cause, *out;

	t = check_now();
	f = parse_chunks(data, len, NULL, NULL, chunk ? chunk : len + 1, 0,
	    &rng, &cause);
	t = check_now() - t;
	out = serialize(f, cause);
	CHECK(t < SLOW, "%s took %.2f s", what, t);
	CHECK(strlen(out) <= maxout, "%s: %zu bytes of output", what,
	    strlen(out));
	CHECK(strstr(out, "root:") == NULL, "%s: /etc/passwd leaked", what);
	check_invariants(what, f);
	feed_free(f);
	free(cause);
	return out;
}

/* Entities: none expanded, no file read, no time or memory blowup. */
static void
test_hostile(void)
{
	static const char	*files[] = { "xxe.xml", "xxe-dtd.xml",
	    "billion-laughs.xml", "quadratic-blowup.xml" };
	struct buf		 doc;
	FILE			*fp;
	char			*data, *out;
	const char		*tmpdir = getenv("TMPDIR");
	char			*secret, what[100];
	size_t			 len, i;
	int			 fd;

	for (i = 0; i < 4 * sizeof files / sizeof files[0]; i++) {
		const char	*file = files[i / 4];
		size_t		 chunk = (size_t[]){ 0, 1, 3, 7 }[i % 4];

		snprintf(what, sizeof what, "%s in chunks of %zu", file,
		    chunk);
		data = read_fixture(file, &len);
		out = hostile_parse(what, data, len, 16384, chunk);
		CHECK(strstr(out, "lollol") == NULL, "%s: expanded", what);
		CHECK(strstr(out, "xxxxxxxxxx") == NULL, "%s: expanded", what);
		if (strcmp(file, "xxe.xml") == 0)
			CHECK(strstr(out, "\"title\":\"&xxe;\"") != NULL,
			    "%s: &xxe; not kept as text: %s", what, out);
		if (strcmp(file, "billion-laughs.xml") == 0)
			CHECK(strstr(out, "\"title\":\"&lol9;\"") != NULL,
			    "%s: &lol9; not kept as text: %s", what, out);
		free(out);
		free(data);
	}

	/* The quadratic blowup at full size: 50 kB, 10,000 references. */
	buf_init(&doc, BUF_UNLIMITED);
	buf_addstr(&doc, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY a \"");
	for (i = 0; i < 50000; i++)
		buf_addc(&doc, 'x');
	buf_addstr(&doc, "\">\n]>\n<rss version=\"2.0\"><channel><title>Q"
	    "</title><item><title>&a;&a;&a;</title><link>http://example.org/"
	    "q/1</link><description>");
	for (i = 0; i < 10000; i++)
		buf_addstr(&doc, "&a;");
	buf_addstr(&doc, "</description></item></channel></rss>\n");
	out = hostile_parse("quadratic 50 kB", doc.data, doc.len, 65536, 0);
	CHECK(strstr(out, "xxxxxxxxxx") == NULL, "quadratic: expanded");
	free(out);

	/* A file of ours with a marker, named by an external entity. */
	secret = xasprintf("%s/ssnews-secret-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	fd = mkstemp(secret);
	CHECK(fd != -1, "mkstemp");
	if (fd != -1 && (fp = fdopen(fd, "w")) != NULL) {
		fputs("ssnews-marker-4242\n", fp);
		fclose(fp);
		buf_reset(&doc);
		buf_addf(&doc, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		    "<!ENTITY s SYSTEM \"file://%s\">\n<!ENTITY r SYSTEM "
		    "\"%s\">\n]>\n<rss version=\"2.0\"><channel><title>&s;"
		    "</title><item><title>&r;</title><description>&s;&r;"
		    "</description></item></channel></rss>\n", secret, secret);
		out = hostile_parse("local file", doc.data, doc.len, 4096, 0);
		CHECK(strstr(out, "ssnews-marker") == NULL, "file leaked: %s",
		    out);
		free(out);
		unlink(secret);
	}
	free(secret);
	buf_free(&doc);
}

/* A listener on 127.0.0.1 that the document points at: never called. */
static void
test_network(void)
{
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof sin;
	struct pollfd		 pfd;
	struct buf		 doc;
	char			*out;
	int			 fd, port, form;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd == -1 || bind(fd, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(fd, 16) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &slen) == -1) {
		fprintf(stderr, "no loopback socket: network test skipped\n");
		if (fd != -1)
			close(fd);
		return;
	}
	port = ntohs(sin.sin_port);
	buf_init(&doc, BUF_UNLIMITED);
	for (form = 0; form < 2; form++) {
		buf_reset(&doc);
		buf_addstr(&doc, "<?xml version=\"1.0\"?>\n");
		if (form == 0)
			buf_addf(&doc, "<!DOCTYPE rss [\n<!ENTITY n SYSTEM "
			    "\"http://127.0.0.1:%d/n\">\n<!ENTITY %% p SYSTEM "
			    "\"http://127.0.0.1:%d/p\">\n%%p;\n]>\n", port,
			    port);
		else
			buf_addf(&doc, "<?xml-stylesheet href=\"http://"
			    "127.0.0.1:%d/s.xsl\"?>\n<!DOCTYPE rss SYSTEM "
			    "\"http://127.0.0.1:%d/rss.dtd\">\n", port, port);
		buf_addf(&doc, "<rss version=\"2.0\" xmlns:xi=\"http://"
		    "www.w3.org/2001/XInclude\"><channel><title>&n;</title>"
		    "<item><title>&n;</title><description><xi:include "
		    "href=\"http://127.0.0.1:%d/x\"/></description></item>"
		    "</channel></rss>\n", port);
		out = hostile_parse("network", doc.data, doc.len, 4096, 0);
		free(out);
		out = hostile_parse("network, chunked", doc.data, doc.len, 4096,
		    1);
		free(out);
		pfd.fd = fd;
		pfd.events = POLLIN;
		CHECK(poll(&pfd, 1, 200) == 0, "form %d: the parser connected "
		    "to 127.0.0.1:%d", form, port);
	}
	buf_free(&doc);
	close(fd);
}

/*
 * The bytes of --dump output for every fixture: JSON without raw or
 * escaped controls, TSV with nine fields and only its own tabs.
 */
static void
test_output_bytes(void)
{
	struct feed	*f;
	struct buf	 tsv;
	const char	*s, *e;
	char		*data, *cause, *json;
	size_t		 len, i, j, tabs, n;

	buf_init(&tsv, BUF_UNLIMITED);
	for (i = 0; i < sizeof feed_cases / sizeof feed_cases[0]; i++) {
		const char	*file = feed_cases[i].file;

		data = read_fixture(file, &len);
		f = parse_buffer(data, len, BASE, &cause);
		json = serialize(f, cause);
		n = strlen(json);
		for (j = 0; j < n; j++) {
			const unsigned char	*u = (unsigned char *)json + j;

			CHECK((*u >= 0x20 || (*u == '\n' && j == n - 1)) &&
			    !bad_char(u, n - j), "%s: JSON byte %zu is %02x",
			    file, j, *u);
			if (*u == '\\' && u[1] == 'u') {
				unsigned long c = strtoul((char *)u + 2, NULL,
				    16);

				CHECK(!(c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
				    (c >= 0x202a && c <= 0x202e) ||
				    (c >= 0x2066 && c <= 0x2069)),
				    "%s: JSON has \\u%04lx", file, c);
			}
			if (*u == '\\')
				j++;
		}
		for (j = 0; j < f->nitems; j++) {
			buf_reset(&tsv);
			dump_tsv_item(&tsv, f->items[j]);
			s = buf_str(&tsv);
			e = s + tsv.len;
			for (tabs = 0; s < e; s++) {
				const unsigned char	*u = (const void *)s;

				tabs += *s == '\t';
				CHECK((*u >= 0x20 || *u == '\t' ||
				    (*u == '\n' && s == e - 1)) &&
				    !bad_char(u, (size_t)(e - s)),
				    "%s item %zu: TSV byte %02x", file, j, *u);
			}
			CHECK(tabs == 8 && tsv.len > 0 && e[-1] == '\n',
			    "%s item %zu: %zu tabs in TSV", file, j, tabs);
		}
		feed_free(f);
		free(cause);
		free(json);
		free(data);
	}
	buf_free(&tsv);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);	/* the summary survives LSan */
	test_time();
	test_fixtures();
	test_all_listed();
	test_chunking();
	test_split();
	test_on_item();
	test_hint();
	test_ids_stable();
	test_seed_story();
	test_limits();
	test_depth();
	test_hostile();
	test_network();
	test_output_bytes();
	CHECK_DONE();
}
