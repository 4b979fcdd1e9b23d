#ifndef TURNSCOPE_CNCURSES_SHIM_H
#define TURNSCOPE_CNCURSES_SHIM_H
// Wide-character ncurses: these must be defined before curses.h so the wide API and wcwidth exist.
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
