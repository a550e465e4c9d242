/// Password managers and credential helpers that print a stored secret to standard output
/// (`bw get password`, `lpass show`, `secret-tool lookup`, `git credential fill`,
/// `docker-credential-desktop get`): a secret read, high, like reading a key file. Listing
/// names or metadata without values stays a read.
enum CredentialPrograms {
    static let section = ServicePrograms.section

    static func register(into builder: inout RegistryBuilder) {
        for (names, spec) in specs {
            for name in ServiceVerbs.Spec.pieces(names, UInt8(ascii: "|")) {
                builder.add(
                    ProgramSpec(
                        name, role: .custom, section: section, summary: "password manager: reading an item prints its secret",
                        access: .ignored, exampleSource: { ServiceVerbs.examples(name, spec()) },
                        handler: { inv, _, _ in ServiceVerbs.classify(inv, spec()) }))
            }
        }
        builder.add(helpers) { name in
            ProgramSpec(
                name, role: .custom, section: section,
                summary: "credential helper: `get` prints a stored password or token", access: .ignored,
                examples: ["\(name) get"],
                handler: { inv, _, _ in helper(inv.program, verb: inv.args.first { !$0.hasPrefix("-") } ?? "") })
        }
    }

    private typealias Spec = ServiceVerbs.Spec

    /// Each table is built on first use: a hook that never sees the tool never builds it.
    private static let specs: [(String, @Sendable () -> Spec)] = [
        ("bw", { bitwarden }), ("bws", { bitwardenSecrets }), ("lpass", { lastPass }), ("secret-tool", { secretTool }),
        ("keyring", { keyring }),
    ]

    /// Bitwarden: `get password|username|totp|notes|item|attachment`, `list items` (whole items,
    /// passwords included), `export` and `unlock` (prints a session key) print secrets.
    private static let bitwarden = Spec(
        [
            (.secretRead(), "get|list items|export|unlock|serve"),
            (.read, "get folder|get collection|get org-collection|get organization|get template|get fingerprint|list|status|receive"),
            (.read, "generate|encode|completion|update"),
            (.local, "login|logout|lock|sync|config"),
            (.secretWrite, "create|edit|restore|move|confirm|import"),
            (.secretDelete(), "delete"),
            (.write(.high), "send"),
        ],
        valued: "--session --search --url --folderid --collectionid --organizationid --itemid --output --format"
            + " --password --passwordenv --passwordfile --method --code")

    /// Bitwarden Secrets Manager: `secret get` and `secret list` print values; `run` injects them.
    private static let bitwardenSecrets = Spec(
        [
            (.secretRead(), "secret get|secret list|secret|secrets|secrets list|get secret|list secrets"),
            (.secretRead(.medium), "run"),
            (.read, "project list|project get|projects|list projects"),
            (.secretWrite, "secret create|secret edit|create secret|edit secret"),
            (.secretDelete(), "secret delete|delete secret"),
        ],
        valued: "--access-token -t --output -o --server-url --profile --project-id")

    private static let lastPass = Spec(
        [
            (.secretRead(), "show|export"),
            (.read, "ls|status|sync"),
            (.local, "login|logout"),
            (.secretWrite, "add|edit|generate|duplicate|mv|import|share"),
            (.secretDelete(), "rm"),
        ],
        valued: "--field --color --sync --format --username")

    /// libsecret's CLI: `lookup` prints the password; `search` prints matching items with their secrets.
    private static let secretTool = Spec(
        [(.secretRead(), "lookup|search"), (.secretWrite, "store"), (.secretDelete(), "clear"), (.local, "lock")],
        valued: "--label")

    /// Python's keyring CLI: `get SERVICE USER` prints the password.
    private static let keyring = Spec(
        [(.secretRead(), "get"), (.secretWrite, "set"), (.secretDelete(), "del"), (.read, "diagnose")],
        valued: "-b --keyring-backend -p --keyring-path")

    /// Credential helpers speak one protocol: `get` prints the secret for the host on stdin.
    static let helpers = [
        "docker-credential-desktop", "docker-credential-osxkeychain", "docker-credential-pass",
        "docker-credential-secretservice", "docker-credential-wincred", "docker-credential-ecr-login",
        "docker-credential-gcloud", "docker-credential-gcr", "docker-credential-acr-env", "git-credential-store",
        "git-credential-cache", "git-credential-osxkeychain", "git-credential-manager", "git-credential-manager-core",
        "git-credential-libsecret", "git-credential-wincred", "git-credential-netrc",
    ]

    /// What one credential-helper verb does: `git credential fill`, `docker-credential-pass get`.
    static func helper(_ what: String, verb: String) -> [Finding] {
        switch verb {
        case "fill", "get":
            return [.secrets("\(what) \(verb) prints a stored password or token", rule: "keys.read")]
        case "approve", "store":
            return [.secrets("\(what) \(verb) stores a credential", risk: .medium, rule: "keys.write")]
        case "reject", "erase":
            return [.secrets("\(what) \(verb) deletes a stored credential", risk: .medium, rule: "keys.write")]
        case "list":
            return [.read("\(what) list shows the hosts and user names it holds", rule: "system.show")]
        default:
            return [.read("\(what) \(verb.isEmpty ? "with no verb" : verb) prints usage or manages its cache", rule: "system.show")]
        }
    }
}
