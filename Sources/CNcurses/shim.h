#ifndef TURNSCOPE_CNCURSES_SHIM_H
#define TURNSCOPE_CNCURSES_SHIM_H
// Wide-character ncurses: these must be defined before curses.h so the wide API and wcwidth exist.
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Swift imports only macros that expand to plain literals. The ones below are expressions
// (shifts, casts, masks), so each gets a tiny inline function with the same meaning.

// Video attributes, for wattr_set.
static inline attr_t ts_a_normal(void) { return A_NORMAL; }
static inline attr_t ts_a_bold(void) { return A_BOLD; }
static inline attr_t ts_a_dim(void) { return A_DIM; }
static inline attr_t ts_a_reverse(void) { return A_REVERSE; }
static inline attr_t ts_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ts_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

// getmaxyx assigns to its arguments, which only a macro can do.
static inline int ts_lines(WINDOW *window) { return getmaxy(window); }
static inline int ts_columns(WINDOW *window) { return getmaxx(window); }

// KEY_F(n) is an expression.
static inline int ts_key_f(int n) { return KEY_F(n); }

// Mouse masks: button 1 for clicks, buttons 4 and 5 are the wheel.
static inline mmask_t ts_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ts_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t ts_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t ts_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t ts_button5_pressed(void) { return BUTTON5_PRESSED; }

// ESCDELAY is a variable in some builds and a function-backed macro in others; set_escdelay is
// the portable way to change it (milliseconds ncurses waits after ESC for the rest of a sequence).
static inline int ts_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

// tigetstr returns (char *)-1 for "not a string capability"; Swift cannot compare with that cast.
static inline int ts_has_string_capability(const char *name) {
    char *value = tigetstr((NCURSES_CONST char *)name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}


// Swift 6 refuses to read mutable C globals (they are shared state); these read them for it.
static inline WINDOW *ts_stdscr(void) { return stdscr; }
static inline WINDOW *ts_curscr(void) { return curscr; }

// Whether $TERM describes a terminal curses can drive on `fd`: 1 yes, 0 no cursor addressing
// (TERM=dumb, a printing terminal), -1 an unknown type. Checked before newterm, which would
// otherwise switch the terminal to a mode it cannot use, or exit.
static inline int ts_terminal_is_addressable(int fd) {
    int status = 0;
    if (setupterm(NULL, fd, &status) != OK) return -1;
    int addressable = ts_has_string_capability("cup");
    del_curterm(cur_term);
    return addressable;
}

// Sets the locale from the environment (ncursesw needs it to write UTF-8); when that gives no
// UTF-8 (LANG unset in a container, say), falls back to C.UTF-8 for characters only.
// Returns whether characters are now UTF-8.
static inline int ts_use_utf8_locale(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

#endif
