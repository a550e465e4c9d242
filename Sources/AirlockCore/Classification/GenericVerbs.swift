/// Verbs that mean deletion in almost any CLI (`velero backup delete`, `nats stream purge`).
enum GenericVerbs {
    static let destructive: Set<String> = [
        "delete", "del", "destroy", "rm", "remove", "purge", "prune", "drop", "truncate", "wipe", "erase",
        "forget", "unregister", "deregister", "terminate", "nuke", "rdelete", "repo-delete", "flush", "flushall",
        "flushdb", "reset", "obliterate", "uninstall",
    ]

    /// The first destructive verb among the leading positionals (the subcommand positions).
    static func destructiveVerb(in invocation: Invocation) -> String? {
        for word in invocation.positionals().prefix(3) {
            let verb = word.lowercased()
            if destructive.contains(verb) || verb.hasPrefix("delete-") || verb.hasPrefix("delete_")
                || verb.hasPrefix("remove-") || verb.hasPrefix("destroy-") || verb.hasPrefix("purge-")
            {
                return verb
            }
        }
        for flag in invocation.optionArgs where flag == "--delete" || flag == "--purge" || flag == "--destroy" {
            return flag
        }
        return nil
    }
}
