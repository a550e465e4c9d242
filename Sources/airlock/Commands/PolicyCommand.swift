import AirlockBroker
import AirlockCore
import AirlockHookRuntime
import AirlockServices
import AirlockStore
import AirlockTeamStore
import AirlockWire
import ArgumentParser
import Foundation

/// `airlock policy`: the rules in force, and time-boxed exceptions granted from the shell.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "List rules and exceptions; grant or revoke exceptions; trust or untrust a repository's policy file.",
        subcommands: [List.self, Grant.self, Revoke.self, Trust.self, Untrust.self]
    )

    /// The store, the policy files and the repository of the current directory.
    struct Environment {
        let paths = AirlockPaths()
        let repository: String?

        init(directory: String = FileManager.default.currentDirectoryPath) {
            repository = Environment.gitTopLevel(from: directory)
        }

        /// The store `airlock serve` uses here (`StoreChoice`).
        func storeChoice() throws -> StoreChoice {
            try StoreChoice.resolve(configDirectory: paths.configDirectory)
        }

        func openStore() throws -> PolicyStore {
            do {
                return try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: paths.stateDirectory))
            } catch {
                throw CLIError("cannot open the policy store in \(paths.stateDirectory): \(error)")
            }
        }

        /// Sends a reviewer's request to the broker — never to the store: the broker checks who
        /// asks (a terminal on the same-user socket; the passphrase on the separated deployment's
        /// `review.sock`), applies the grant rules, seals what it stores and tells consoles.
        func callBroker<R: Decodable>(_ request: ClientRequest, as type: R.Type, system: SystemReviewer) throws -> R {
            let socket = system.isOn ? paths.reviewSocket : paths.socket
            var request = request
            var passphrase: String?
            if system.isOn, !SystemReviewer.isAirlocksOwnUser {
                let typed = try system.passphrase()
                passphrase = typed
                request = request.withPassphrase(typed) ?? request
            }
            do {
                let client = system.isOn ? SocketClient.system(path: socket) : SocketClient(path: socket)
                return try client.call(
                    request, as: type, timeout: 30, authenticatingWith: passphrase)
            } catch {
                throw CLIError("\(error)")
            }
        }

        /// The nearest directory at or above `directory` holding `.git`.
        static func gitTopLevel(from directory: String) -> String? {
            var url = URL(fileURLWithPath: directory).standardizedFileURL
            while true {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { return nil }
                url = parent
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the rules from the policy files and the exceptions.")

        @Flag(help: "Also show expired, revoked and used-up exceptions.")
        var all = false

        func run() async throws {
            let environment = Environment()
            let isTrusted: @Sendable (String, String) -> Bool
            let exceptions: [PolicyException]
            let now: Date
            if let location = try environment.storeChoice().team {
                let team = try await StoreChoice.connect(location)
                do {
                    let trusted = try await team.trustedPolicyFiles()
                    isTrusted = { path, sha in trusted[path] == sha.lowercased() }
                    // The database's clock: the one every broker of the team judges expiry by.
                    now = Date(timeIntervalSince1970: Double(try await team.databaseNow()) / 1000)
                    exceptions = try await all ? team.allExceptions() : team.activeExceptions().exceptions
                } catch {
                    await team.close()
                    throw CLIError("cannot read the team store \(location): \(error)")
                }
                await team.close()
            } else {
                let store = try environment.openStore()
                // Only trust the broker sealed counts (no key yet: no broker ever trusted anything).
                let keyPath = ExceptionSealer.keyPath(stateDirectory: environment.paths.stateDirectory)
                let sealer = FileManager.default.fileExists(atPath: keyPath)
                    ? try? ExceptionSealer.keyFile(stateDirectory: environment.paths.stateDirectory) : nil
                isTrusted = { path, sha in
                    (try? store.isPolicyFileTrusted(path: path, sha256: sha, sealer: sealer ?? .ephemeral())) ?? false
                }
                now = Date()
                exceptions = try store.exceptions(includingInactive: all, at: now)
            }
            let snapshot = PolicySource().load(
                configDirectory: environment.paths.configDirectory,
                repository: environment.repository, isTrusted: isTrusted)
            print(
                "rules (\(environment.paths.configDirectory)/policy.toml"
                    + (environment.repository.map { ", \($0)/.airlock/policy.toml" } ?? "") + ")")
            if snapshot.rules.isEmpty { print("  none") }
            for rule in snapshot.rules {
                var origin = "user"
                if case .repository(let trusted) = rule.origin {
                    origin = trusted ? "repo, trusted" : "repo, NOT trusted: allow ignored"
                }
                print(
                    "  \(rule.effect.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) \(rule.scope.summary)  [\(rule.id); \(origin)]"
                )
            }
            for problem in snapshot.problems { print("  problem: \(problem)") }
            print("exceptions")
            if exceptions.isEmpty { print("  none") }
            // The broker's own judgement of each row: a row it would refuse is marked so.
            let keyPath = ExceptionSealer.keyPath(stateDirectory: environment.paths.stateDirectory)
            let sealer = FileManager.default.fileExists(atPath: keyPath)
                ? try? ExceptionSealer.keyFile(stateDirectory: environment.paths.stateDirectory) : nil
            let host = environment.paths.hostFacts()
            for exception in exceptions {
                var state =
                    exception.isActive(at: now)
                    ? "\(Duration.seconds(exception.expiresAt.timeIntervalSince(now)).shortText) left" : "inactive"
                let sealProblem = sealer.map { $0.problem(exception) } ?? .unsealed
                let problem =
                    sealProblem
                    ?? exception.storedProblem(
                        now: now, maximumSeconds: 8 * 3600, host: host, isKnownGranter: ProcessFacts.live.isKnownGranter)
                if let problem { state = "REFUSED by the broker: \(problem)" }
                print(
                    "  \(exception.id)  \(exception.effect.rawValue) \(exception.scope.summary) · \(exception.binding.summary) · \(state) · by \(exception.grantedBy): \(exception.reason)"
                )
            }
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grant a time-boxed allow or deny exception.",
            discussion: """
                Examples:
                  airlock policy grant --allow --command "npm install" --for 15m --reason "adding zod"
                  airlock policy grant --deny --category network --for 1h --reason "offline task"
                  airlock policy grant --allow --mcp github/add_issue_comment --for 1h --session 7f3c
                Every exception expires (at most 8h). Hard-floor classes (deploy, migrations, data deletion,
                secrets, privilege, money) cannot be allowed by an exception: a human decides each action.
                """
        )

        @Flag(help: "Allow matching actions without asking.") var allow = false
        @Flag(help: "Deny matching actions with your reason, without asking.") var deny = false
        @Option(help: "An argv prefix, e.g. \"npm test\".") var command: String?
        @Option(help: "A category, e.g. network, package_install.") var category: String?
        @Option(help: "An MCP tool as server/tool.") var mcp: String?
        @Option(help: "A path glob (repeatable).") var path: [String] = []
        @Option(help: "Exactly this shell command text.") var exact: String?
        @Option(name: .customLong("for"), help: "How long: 5m, 15m, 1h, 4h, 8h (or N s/m/h).") var duration: String
        @Option(help: "Bind to this agent session.") var session: String?
        @Option(help: "Bind to this repository (default: the current one).") var repo: String?
        @Flag(help: "Apply everywhere.") var everywhere = false
        @Option(help: "Stop after this many uses.") var uses: Int?
        @Option(help: "Why; sent to the agent on deny.") var reason: String?
        @OptionGroup var system: SystemReviewer

        func validate() throws {
            guard allow != deny else { throw ValidationError("Choose one of --allow or --deny.") }
            let scopes = [command != nil, category != nil, mcp != nil, !path.isEmpty, exact != nil].filter { $0 }.count
            guard scopes == 1 else {
                throw ValidationError("Give exactly one of --command, --category, --mcp, --path or --exact.")
            }
            guard Duration.parse(duration) != nil else {
                throw ValidationError("--for takes a duration such as 15m, 1h or 90s.")
            }
        }

        func run() throws {
            let environment = Environment()
            let scope: Scope
            if let command {
                scope = .commandPrefix(command.split(separator: " ").map(String.init))
            } else if let category {
                guard let value = Category(rawValue: category) else {
                    throw CLIError(
                        "unknown category \(category); one of: \(Category.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                scope = .category(value)
            } else if let mcp {
                let parts = mcp.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CLIError("--mcp takes server/tool") }
                scope = .mcpTool(server: parts[0], tool: parts[1])
            } else if let exact {
                scope = .exactAction(Scope.fingerprint(of: Action(kind: .shell(command: exact))))
            } else {
                scope = .paths(path)
            }
            let binding: PolicyException.Binding
            if everywhere {
                binding = .everywhere
            } else if let session {
                binding = .session(session)
            } else if let root = repo.map({ URL(fileURLWithPath: $0).standardizedFileURL.path })
                ?? environment.repository
            {
                binding = .repository(root)
            } else {
                throw CLIError("Not in a git repository: bind with --repo DIR, --session ID or --everywhere.")
            }
            let seconds = Duration.parse(duration) ?? 0
            let grant = ExceptionGrant(
                effect: allow ? .allow : .deny, scope: scope, binding: binding, ttlSeconds: Int(seconds.rounded()),
                usesLeft: uses, reason: reason ?? "granted with airlock policy grant")
            let result: GrantResult
            do {
                result = try environment.callBroker(.grant(GrantParams(exception: grant)), as: GrantResult.self, system: system)
            } catch {
                throw CLIError("not granted: \(error)")
            }
            let exception = result.exception
            print(
                "granted \(exception.id): \(exception.effect.rawValue) \(scope.summary) · \(binding.summary) · for \(Duration.seconds(seconds).shortText)"
                    + (result.resolved.isEmpty ? "" : " (answered \(result.resolved.count) waiting)"))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an exception by id.")

        @Argument(help: "The exception id (see `airlock policy list`).") var id: String
        @OptionGroup var system: SystemReviewer

        func run() throws {
            let result = try Environment().callBroker(
                .revoke(RevokeParams(id: id)), as: RevokeResult.self, system: system)
            let revoked = result.exception
            print("revoked \(revoked.id): \(revoked.effect.rawValue) \(revoked.scope.summary)")
        }
    }

    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trust a repository's .airlock/policy.toml as it is now, so its allow rules apply.",
            discussion: """
                Trust is by content hash: any later change to the file needs trusting again. Deny rules always apply.
                The broker reads the file again and trusts it only if it is what you read here; like a grant,
                it needs a reviewer at a terminal (with --system, your passphrase on review.sock).
                """
        )

        @Argument(help: "The repository (default: the current one).") var directory: String?
        @Option(help: "Why, for the decision log.") var reason: String?
        @OptionGroup var system: SystemReviewer

        func run() throws {
            let (repository, path) = try PolicyCommand.policyFile(directory)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("no policy file at \(path)")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) is not UTF-8 text") }
            let file: PolicyFile
            do {
                file = try PolicyFile.parse(text, file: path, origin: .repository(trusted: true))
            } catch {
                throw CLIError("\(error)")
            }
            let hash = PolicySource.sha256(data)
            let params = PolicyTrustParams(workspace: repository, sha256: hash, reason: reason)
            let result: PolicyTrustResult
            do {
                result = try Environment().callBroker(.trustPolicy(params), as: PolicyTrustResult.self, system: system)
            } catch {
                throw CLIError("not trusted: \(error)")
            }
            let already = result.changed ? "" : " (it already was)"
            print("trusted \(path) (sha256 \(hash.prefix(12))…)\(already), \(file.rules.count) rules:")
            for rule in file.rules { print("  \(rule.effect.rawValue) \(rule.scope.summary)") }
        }
    }

    struct Untrust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw trust from a repository's .airlock/policy.toml: its allow rules stop applying.")

        @Argument(help: "The repository (default: the current one).") var directory: String?
        @Option(help: "Why, for the decision log.") var reason: String?
        @OptionGroup var system: SystemReviewer

        func run() throws {
            let (repository, path) = try PolicyCommand.policyFile(directory)
            let result = try Environment().callBroker(
                .untrustPolicy(PolicyTrustParams(workspace: repository, reason: reason)), as: PolicyTrustResult.self,
                system: system)
            print(result.changed ? "no longer trusted: \(path)" : "\(path) was not trusted")
        }
    }

    /// The repository named (or the current one) and its policy file's path.
    static func policyFile(_ directory: String?) throws -> (repository: String, path: String) {
        let environment = Environment(directory: directory ?? FileManager.default.currentDirectoryPath)
        guard
            let repository = directory.map({ URL(fileURLWithPath: $0).standardizedFileURL.path })
                ?? environment.repository
        else {
            throw CLIError("Not in a git repository; name the repository directory.")
        }
        return (repository, PolicySource.repositoryPolicyPath(repository))
    }
}

extension Duration {
    /// "90s", "15m", "1h", "4h" → a duration; nil for anything else.
    static func parse(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let value = Double(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        default: return nil
        }
    }

    /// "1h 5m", "15m", "42s".
    var shortText: String {
        let total = Int(components.seconds)
        if total >= 3600 { return "\(total / 3600)h" + (total % 3600 >= 60 ? " \((total % 3600) / 60)m" : "") }
        if total >= 60 { return "\(total / 60)m" }
        return "\(max(total, 0))s"
    }
}
