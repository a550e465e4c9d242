import AirlockHookRuntime
import AirlockStore
import ArgumentParser
import Foundation

/// `sudo airlock reviewer set NAME`: reviewers' passphrases for the separated deployment,
/// stored as scrypt hashes where only Airlock's system user reads them.
struct ReviewerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewer",
        abstract: "Set, remove or list reviewers' passphrases (separated deployment; as root).",
        discussion: """
            A reviewer authenticates on review.sock with their passphrase (the console asks for it \
            when it opens, and again to approve anything high, on the hard floor, or an allow \
            exception). The hash lives in the system store, which the agent cannot read or write.
            """,
        subcommands: [Set.self, Remove.self, List.self]
    )

    static func passphrases() -> ReviewerPassphrases {
        ReviewerPassphrases(stateDirectory: AirlockPaths().systemStateDirectory)
    }

    static func requireRoot() throws {
        guard getuid() == 0 else { throw CLIError("reviewer passphrases live in Airlock's system store: use sudo") }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set (or replace) a reviewer's passphrase.")

        @Argument(help: "The reviewer's account name.") var name: String
        @Flag(help: "Read the passphrase from the first line of stdin instead of asking twice at the terminal.")
        var passphraseStdin = false
        @Option(help: "Airlock's system user, who owns the file.") var user = PeerCheck.defaultSystemUser

        func run() throws {
            try ReviewerCommand.requireRoot()
            guard getpwnam(name) != nil else { throw CLIError("no account named \(name)") }
            let passphrase: String
            if passphraseStdin {
                passphrase = readLine(strippingNewline: true) ?? ""
            } else {
                let first = try TerminalPassphrase.read(prompt: "passphrase for \(name): ")
                let second = try TerminalPassphrase.read(prompt: "again: ")
                guard first == second else { throw CLIError("the two passphrases differ; nothing was changed") }
                passphrase = first
            }
            let store = ReviewerCommand.passphrases()
            do {
                try store.set(reviewer: name, passphrase: passphrase)
            } catch {
                throw CLIError("\(error)")
            }
            if let entry = getpwnam(user) { chown(store.path, entry.pointee.pw_uid, entry.pointee.pw_gid) }
            print("set the passphrase of \(name) in \(store.path)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a reviewer's passphrase.")

        @Argument(help: "The reviewer's account name.") var name: String

        func run() throws {
            try ReviewerCommand.requireRoot()
            let removed = try ReviewerCommand.passphrases().remove(reviewer: name)
            print(removed ? "removed the passphrase of \(name)" : "\(name) had no passphrase")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the reviewers who have a passphrase.")

        func run() throws {
            try ReviewerCommand.requireRoot()
            let names = ReviewerCommand.passphrases().reviewers
            print(names.isEmpty ? "no reviewer has a passphrase" : names.joined(separator: "\n"))
        }
    }
}

/// A passphrase read from the terminal without echo.
enum TerminalPassphrase {
    static func read(prompt: String) throws -> String {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError("a passphrase is read from a terminal, and there is none") }
        defer { close(descriptor) }
        var saved = termios()
        tcgetattr(descriptor, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(descriptor, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(descriptor, TCSAFLUSH, &saved)
            _ = write(descriptor, "\n", 1)
        }
        _ = Array(prompt.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(descriptor, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
