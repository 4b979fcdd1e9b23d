// zlib, for compressing stored content and for gzip request bodies.
#include <zlib.h>
