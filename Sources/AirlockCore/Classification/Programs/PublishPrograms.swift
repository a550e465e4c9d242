/// Release and publishing tools that are nothing else: one row each. Their publishing verbs
/// upload to a registry, a marketplace or a release page — a deploy, asked in every mode — and
/// their dry runs and packing verbs only build. Package managers that also publish (`npm`,
/// `cargo`, `poetry`, `hatch`, `gem`, `dotnet nuget push`, `mvn deploy`) keep their own handlers.
enum PublishPrograms {
    struct Publisher {
        let name: String
        /// What it publishes to, for the reason.
        let target: String
        /// Verbs that upload; `""` when the bare command publishes (`semantic-release`).
        let publishes: Set<String>
        /// Verbs that only pack, check or show.
        let builds: Set<String>
        /// Options that make a publishing verb a rehearsal.
        let rehearsals: Set<String>
    }

    static let section = "Publishing and release tools"

    static let table: [Publisher] = [
        Publisher(
            name: "vsce", target: "the VS Code Marketplace", publishes: ["publish", "unpublish"],
            builds: ["package", "ls", "show", "ls-publishers", "verify-pat"], rehearsals: []),
        Publisher(
            name: "ovsx", target: "the Open VSX registry", publishes: ["publish", "create-namespace"],
            builds: ["get", "verify-pat"], rehearsals: []),
        Publisher(
            name: "flit", target: "PyPI", publishes: ["publish"], builds: ["build", "init"], rehearsals: []),
        Publisher(
            name: "goreleaser", target: "a release page and registries", publishes: ["release", ""],
            builds: ["build", "check", "init", "healthcheck", "jsonschema"],
            rehearsals: ["--snapshot", "--skip-publish", "--skip=publish"]),
        Publisher(
            name: "jreleaser", target: "a release page and registries",
            publishes: ["release", "full-release", "deploy", "publish", "upload", "announce"],
            builds: ["config", "assemble", "package", "checksum", "sign", "init", "env", "changelog"],
            rehearsals: ["--dry-run", "--dryrun"]),
        Publisher(
            name: "semantic-release", target: "the package registry and release page", publishes: [""],
            builds: [], rehearsals: ["--dry-run", "-d"]),
        Publisher(
            name: "release-it", target: "the package registry and release page", publishes: [""],
            builds: [], rehearsals: ["--dry-run", "-d", "--release-version", "--changelog"]),
        Publisher(
            name: "np", target: "npm", publishes: [""], builds: [], rehearsals: ["--preview"]),
        Publisher(
            name: "changeset", target: "npm", publishes: ["publish"], builds: ["version", "add", "status", "init", "pre"],
            rehearsals: []),
        Publisher(
            name: "lerna", target: "npm and the git remote", publishes: ["publish", "version"],
            builds: ["list", "ls", "changed", "diff", "info", "init", "create", "add-caching"],
            rehearsals: ["--no-push", "--no-git-tag-version"]),
    ]

    static func register(into builder: inout RegistryBuilder) {
        for publisher in table {
            let example =
                publisher.publishes.contains("publish") ? "\(publisher.name) publish"
                : publisher.publishes.contains("") ? publisher.name
                : "\(publisher.name) \(publisher.publishes.sorted().first ?? "")"
            builder.add(
                ProgramSpec(
                    publisher.name, role: .custom, section: section,
                    summary: "publishes to \(publisher.target), by subcommand",
                    access: .ignored,
                    rules: [
                        Rule(
                            "\(publisher.name).deploy", .deploy, .high, "publishes to \(publisher.target)",
                            example: example)
                    ],
                    handler: { inv, _, _ in [classify(inv, publisher)] }))
        }
    }

    static func classify(_ inv: Invocation, _ publisher: Publisher) -> Finding {
        let verb = inv.positionals().first ?? ""
        let label = "\(inv.program) \(verb)".trimmingCharacters()
        if publisher.builds.contains(verb) { return .build("\(label) packs or checks, nothing is uploaded") }
        guard publisher.publishes.contains(verb) else { return .unknown("\(label)") }
        let rehearsed = inv.optionArgs.contains { arg in
            publisher.rehearsals.contains(arg) || publisher.rehearsals.contains(String(arg.prefix { $0 != "=" }))
        }
        if rehearsed { return .build("\(label) rehearses a release, nothing is uploaded") }
        return .deploy("\(label) publishes to \(publisher.target)", rule: "\(inv.program).deploy")
    }
}
