#ifndef DUSK_CREADLINE_SHIM_H
#define DUSK_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Accessors for readline's global variables. Swift 6 rejects direct use of mutable C
   globals under strict concurrency; these inline functions keep that access in C. The
   REPL calls them from the main thread only. */

/// Configures readline for the REPL: application name, word breaks, completion hook,
/// and no signal handling of its own (the REPL owns SIGINT and SIGWINCH).
static inline void dusk_rl_configure(const char *name, const char *word_breaks,
                                     rl_completion_func_t *completion) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = completion;
}

/// Called inside the completion hook: no filename fallback, nothing appended after a match.
static inline void dusk_rl_completion_settings(void) {
    rl_attempted_completion_over = 1;
    rl_completion_append_character = '\0';
}

/// The line being edited and its length in bytes.
static inline const char *dusk_rl_line_buffer(void) { return rl_line_buffer; }
static inline int dusk_rl_line_end(void) { return rl_end; }
/// The cursor, a byte offset into the line.
static inline int dusk_rl_point(void) { return rl_point; }

/// The file descriptor readline reads from.
static inline int dusk_rl_input_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }

/// The newest history entry, or NULL when the history is empty.
static inline const char *dusk_history_last(void) {
    if (history_length <= 0) return NULL;
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}

/// Flushes standard output (Swift's print and readline share this stream).
static inline void dusk_flush_stdout(void) { fflush(stdout); }

#endif
