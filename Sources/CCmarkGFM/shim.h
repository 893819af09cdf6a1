// GitHub-flavoured CommonMark from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev:
// the parser, the HTML renderer and the table, strikethrough, autolink and tasklist extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
