import AirlockHookRuntime
import AirlockStore
import AirlockTeamStore
import ArgumentParser
import Foundation

/// `airlock team`: what a team's administrator runs once (docs/team.md): the broker role's
/// grants for the database, and the team's seal key carried from one machine to the others.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Set up a team store: the brokers' database grants, the team's seal key.",
        subcommands: [Grants.self, Key.self]
    )

    struct Grants: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the SQL that gives a broker's database role what it needs, and no more.",
            discussion: """
                For the schema's owner (or a superuser) to run, e.g. airlock team grants --role airlock_broker | psql \
                postgres://airlock_owner@db/airlock. The role reads everything, appends to the decision log, writes \
                exceptions, trust and the queue, and can change no log entry nor the log's anchor.
                """
        )

        @Option(help: "The broker's database role.") var role: String

        func validate() throws {
            guard !role.isEmpty, role.utf8.count <= 63, !role.contains("\0") else {
                throw ValidationError("--role takes a PostgreSQL role name (1 to 63 bytes)")
            }
        }

        func run() throws {
            print("-- Airlock team store, schema version \(TeamSchema.version): grants for the brokers' role \(role)")
            for statement in TeamSchema.brokerGrants(role: role) { print(statement + ";") }
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Carry the team's seal key (exception-seal.key) from one machine to the others.",
            discussion: """
                Every broker of a team must hold the same key, or they refuse each other's exceptions \
                (docs/team.md). On the machine whose key the team keeps: airlock team key export --to FILE; carry \
                FILE over a channel you trust; on each other machine: airlock team key import FILE (then delete FILE) \
                and restart its broker.
                """,
            subcommands: [Export.self, Import.self]
        )
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the team's key to a new file (mode 0600) or to this terminal.",
            discussion: """
                Without --to the key is written only to a terminal: into a pipe or a file the shell made, it would land \
                where airlock cannot choose who reads it (--force writes it anyway). --to never replaces a file.
                """
        )

        @Option(help: "A new file to write the key to, created with mode 0600.") var to: String?
        @Flag(help: "Write the key to standard output even when it is not a terminal.") var force = false
        @Flag(help: "The separated deployment's key (/var/lib/airlock; run as root or Airlock's user).") var system =
            false

        func run() throws {
            let path = TeamCommand.keyPath(system: system)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("no key at \(path) (start `airlock serve` once to create it, or check its permissions)")
            }
            guard let key = TeamKey(bytes: Array(data)) else { throw CLIError("\(path) is not a 32-byte key") }
            if let to {
                try TeamCommand.write(Array(key.text.utf8), toNew: to)
                print("wrote the team key (fingerprint \(key.fingerprint)) to \(to), mode 0600")
                return
            }
            guard force || isatty(STDOUT_FILENO) == 1 else {
                throw CLIError(
                    "standard output is not a terminal: the key would land in a pipe or file with permissions airlock "
                        + "cannot choose; use --to FILE (created 0600), or --force")
            }
            FileHandle.standardOutput.write(Data(key.text.utf8))
            FileHandle.standardError.write(Data("fingerprint \(key.fingerprint)\n".utf8))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the team's key (from export) as this machine's exception-seal.key.",
            discussion: """
                Reads FILE, or standard input for -. Refuses anything but a 32-byte key, and refuses to replace a \
                different key without --replace (exceptions sealed with the old key are refused afterwards). The \
                broker reads its key at start: restart it.
                """
        )

        @Argument(help: "The file export wrote, or - for standard input.") var file: String
        @Flag(help: "Replace a different key already there.") var replace = false
        @Flag(help: "The separated deployment's key (/var/lib/airlock; run as root or Airlock's user).") var system =
            false

        func run() throws {
            let data: Data?
            if file == "-" {
                data = try? FileHandle.standardInput.readToEnd()
            } else {
                data = FileManager.default.contents(atPath: file)
            }
            guard let data else { throw CLIError("cannot read \(file)") }
            guard let key = TeamKey(reading: data) else {
                throw CLIError("\(file) holds no team key (a line airlock-team-key-v1:… from export, or 32 raw bytes)")
            }
            let path = TeamCommand.keyPath(system: system)
            let directory = (path as NSString).deletingLastPathComponent
            if let existing = FileManager.default.contents(atPath: path) {
                if Array(existing) == key.bytes {
                    print("\(path) already holds this key (fingerprint \(key.fingerprint)); nothing changed")
                    return
                }
                guard replace else {
                    let old = TeamKey(bytes: Array(existing))?.fingerprint ?? "unreadable"
                    throw CLIError(
                        "\(path) holds another key (fingerprint \(old)); --replace swaps it for \(key.fingerprint), "
                            + "and exceptions sealed with the old key are refused from then on")
                }
            } else if !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let owner = system && getuid() == 0 ? try TeamCommand.systemAccount() : nil
            let temporary = path + ".import-\(getpid())"
            try TeamCommand.write(key.bytes, toNew: temporary, owner: owner)
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError("cannot put the key at \(path): \(reason)")
            }
            print("installed the team key (fingerprint \(key.fingerprint)) at \(path), mode 0600")
            print(
                "restart the broker for it to take effect (Ctrl-C and `airlock serve`, or: systemctl restart airlock)")
        }
    }

    /// The key file of this user's broker, or of the separated deployment's.
    static func keyPath(system: Bool) -> String {
        let paths = AirlockPaths()
        return ExceptionSealer.keyPath(stateDirectory: system ? paths.systemStateDirectory : paths.stateDirectory)
    }

    /// Airlock's system user, which owns the separated deployment's state.
    static func systemAccount() throws -> (uid: uid_t, gid: gid_t) {
        let name = PeerCheck(environment: ProcessInfo.processInfo.environment).systemUserName
        guard let entry = getpwnam(name) else { throw CLIError("no user \(name): run `airlock setup --system` first") }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// Creates `path` (never an existing file, never through a symbolic link) with mode 0600,
    /// owned by `owner` when given, and writes `bytes` to disk.
    static func write(_ bytes: [UInt8], toNew path: String, owner: (uid: uid_t, gid: gid_t)? = nil) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let failed: String? = {
            // The mode asked for at creation is cut by the umask; set it whole.
            if fchmod(fd, 0o600) != 0 { return "chmod" }
            if let owner, fchown(fd, owner.uid, owner.gid) != 0 { return "chown" }
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written != bytes.count || fsync(fd) != 0 { return "write" }
            return nil
        }()
        if let failed {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw CLIError("cannot \(failed) \(path): \(reason)")
        }
    }
}
