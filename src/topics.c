/* Social-security topics. */
#include "config.h"

#include "topics.h"

static const char *const topic_ids[] = {
	"pensions", "unemployment", "disability", "sickness", "injury",
	"family", "health", "assistance", "contributions", "coverage",
};

unsigned
topics_count(void)
{
	return sizeof topic_ids / sizeof topic_ids[0];
}

const char *
topics_id(unsigned i)
{
	return i < topics_count() ? topic_ids[i] : "";
}
