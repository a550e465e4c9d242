// The C side of AirlockTerminal: ncursesw with wide characters, plus shims for the macros
// and globals Swift cannot import (or cannot import concurrency-safely).
#ifndef AIRLOCK_CNCURSESW_SHIM_H
#define AIRLOCK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *airlock_stdscr(void) { return stdscr; }
static inline int airlock_lines(void) { return LINES; }
static inline int airlock_cols(void) { return COLS; }
static inline int airlock_colors(void) { return COLORS; }
static inline int airlock_color_pairs(void) { return COLOR_PAIRS; }
static inline void airlock_set_escdelay(int ms) { set_escdelay(ms); }

static inline attr_t airlock_a_bold(void) { return A_BOLD; }
static inline attr_t airlock_a_dim(void) { return A_DIM; }
static inline attr_t airlock_a_underline(void) { return A_UNDERLINE; }
static inline attr_t airlock_a_reverse(void) { return A_REVERSE; }
static inline attr_t airlock_a_normal(void) { return A_NORMAL; }

static inline int airlock_key_resize(void) { return KEY_RESIZE; }
static inline int airlock_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws one cell: the wide string (one grapheme, up to a few code points) with attributes
/// and a colour pair. Returns ERR when ncurses refuses it (e.g. writing the last cell).
static inline int airlock_put_cell(int row, int column, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    int extended = pair;
    // The last argument carries pairs above SHRT_MAX (ncurses 6.1 extended colours).
    if (setcchar(&cell, text, attributes, (short)(pair > 32767 ? 0 : pair), &extended) == ERR) return ERR;
    return mvadd_wch(row, column, &cell);
}

/// Uses extended colour pairs (above 32767) when available; plain init_pair otherwise.
static inline int airlock_init_pair(int pair, int foreground, int background) {
    return init_extended_pair(pair, foreground, background);
}

#endif
