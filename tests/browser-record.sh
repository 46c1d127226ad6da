#!/bin/sh
# A fake browser for tests/ui-test.sh: it records how it was run.
#
# Writes its argv ($0, then every argument) to the file named by
# $SSNEWS_BROWSER_LOG, each argument followed by a NUL byte: an argument
# may hold any byte but NUL, newlines and quotes included, so the record
# is exact.  The file is written under a temporary name and renamed, so
# a reader never sees half a record.
#
# If the file "$SSNEWS_BROWSER_LOG.hold" exists, it then shows a line on
# the terminal it was given and waits for a line of input before it
# exits, like a text browser holding the terminal.  Exits 0.
log=${SSNEWS_BROWSER_LOG:?SSNEWS_BROWSER_LOG is not set}
printf '%s\0' "$0" "$@" >"$log.tmp" && mv -f "$log.tmp" "$log" || exit 1
if [ -f "$log.hold" ]; then
	printf '\033[H\033[2JFAKE-BROWSER-RUNNING (press Enter)\n'
	IFS= read -r _ || :
fi
exit 0
