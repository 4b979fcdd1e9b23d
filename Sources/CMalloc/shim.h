// glibc's allocator tuning (mallopt), which Swift's Glibc module leaves out.
#include <malloc.h>

/// Caps the arenas glibc's allocator keeps (`M_ARENA_MAX` is a negative macro Swift cannot import).
static inline int turnscope_limit_malloc_arenas(int arenas) { return mallopt(M_ARENA_MAX, arenas); }
