/* The social-security topics and the matcher that tags items with them. */
#ifndef SSNEWS_TOPICS_H
#define SSNEWS_TOPICS_H

unsigned	 topics_count(void);
const char	*topics_id(unsigned);

#endif
