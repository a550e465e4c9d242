/// Programs whose arguments are only data: text to print, names to look up, pages to show.
/// Nothing in their arguments runs, so dangerous-looking text there is harmless.
enum DataPrograms {
    static let names: Set<String> = [
        "echo", "printf", "true", "false", ":", "man", "info", "help", "apropos", "whatis", "which", "type",
        "whereis", "hash", "sleep", "wait", "cd", "pushd", "popd", "dirs", "pwd", "basename", "dirname",
        "seq", "yes", "date", "cal", "clear", "tput", "reset", "exit", "return", "shift", "set", "unset",
        "alias", "unalias", "local", "declare", "typeset", "readonly", "let", "test", "[", "[[", "read",
        "getopts", "trap", "umask", "ulimit", "history", "jobs", "fg", "bg", "disown", "logout", "shopt",
        "export", "whoami", "id", "groups", "uname", "hostname", "uptime", "nproc", "arch", "locale", "tty",
        "expr", "bc", "dc", "factor",
    ]
}
