import AirlockHookRuntime
import ArgumentParser
import Foundation

/// `sudo airlock setup --system`: the separated deployment (docs/security.md). Idempotent; with
/// `--uninstall` it takes it down again.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Set up (or, with --uninstall, remove) the separated deployment: Airlock's own system user.",
        discussion: """
            As root: makes the system user (default `airlock`); its store directory \
            /var/lib/airlock (0700, only it can read it); /run/airlock for its two sockets (agent.sock, \
            where any local user — or --socket-group — submits; review.sock, where authenticated \
            reviewers decide); /etc/airlock for the policy (root's to change). Where systemd runs, \
            writes and starts airlock.service (`airlock serve --system` as that user); elsewhere, \
            --start starts that command in the background. --reviewer NAME also lets NAME run \
            `sudo -u airlock airlock …` with NAME's own password (a sudoers drop-in). Then: give each \
            reviewer a passphrase (`sudo airlock reviewer set NAME`) and point the hooks at the agent \
            socket (`airlock install <harness> --system`). Running it again changes nothing that is in \
            place. --uninstall stops the broker and removes the unit, the drop-in and the sockets; the \
            store and the user stay unless --purge.
            """
    )

    @Flag(help: "The separated deployment (the only one setup makes).")
    var system = false

    @Flag(help: "Take the separated deployment down instead.")
    var uninstall = false

    @Flag(help: "With --uninstall: also delete the store and the system user.")
    var purge = false

    @Option(help: "The system user's name.")
    var user = PeerCheck.defaultSystemUser

    @Option(help: "Only members of this group may connect to the sockets (default: every local user).")
    var socketGroup: String?

    @Option(help: "An account that may run `sudo -u <user> airlock …` with its own password (repeatable).")
    var reviewer: [String] = []

    @Flag(help: "Without systemd: start `airlock serve --system` as the system user in the background.")
    var start = false

    func validate() throws {
        guard system else { throw ValidationError("Say --system: setup makes the separated deployment.") }
        if purge, !uninstall { throw ValidationError("--purge goes with --uninstall.") }
    }

    func run() throws {
        guard getuid() == 0 else {
            throw CLIError("setup --system changes users and system directories: run it with sudo")
        }
        let paths = AirlockPaths()
        let setup = SystemSetup(
            user: user, paths: paths, executable: BrokerLauncher.currentExecutable(), socketGroup: socketGroup)
        if uninstall {
            try setup.uninstall(purge: purge)
        } else {
            try setup.install(reviewers: reviewer, start: start)
        }
    }
}

/// The steps of `setup --system`, each one idempotent and saying what it did.
struct SystemSetup {
    var user: String
    var paths: AirlockPaths
    var executable: String
    var socketGroup: String?
    var unitPath = "/etc/systemd/system/airlock.service"
    var sudoersPath = "/etc/sudoers.d/airlock"

    /// Whether systemd runs this machine (its runtime directory exists).
    var hasSystemd: Bool { FileManager.default.fileExists(atPath: "/run/systemd/system") }

    func install(reviewers: [String], start: Bool) throws {
        let (uid, gid) = try ensureUser()
        try ensureDirectory(paths.systemStateDirectory, mode: 0o700, uid: uid, gid: gid)
        try ensureDirectory(paths.systemRunDirectory, mode: 0o755, uid: uid, gid: gid)
        try ensureDirectory(paths.systemConfigDirectory, mode: 0o755, uid: 0, gid: 0)
        if !reviewers.isEmpty { try writeSudoers(reviewers) }
        if hasSystemd {
            try writeUnit()
            for arguments in [["daemon-reload"], ["enable", "--now", "airlock.service"]] {
                let status = Self.run(["/usr/bin/env", "systemctl"] + arguments)
                guard status == 0 else { throw CLIError("systemctl \(arguments.joined(separator: " ")) failed") }
            }
            print("airlock.service is enabled and running as \(user)")
        } else if start {
            let log = paths.systemStateDirectory + "/broker.log"
            let pid = try DetachedProcess.spawn(
                executable: "/usr/sbin/runuser",
                arguments: ["-u", user, "--", executable] + serveArguments, environment: brokerEnvironment,
                logPath: log)
            try? FileManager.default.setAttributes([.ownerAccountID: uid], ofItemAtPath: log)
            print("started `\(executable) \(serveArguments.joined(separator: " "))` as \(user) (pid \(pid), log \(log))")
        } else {
            print(
                "no systemd here: start the broker with\n  sudo runuser -u \(user) -- \(executable) "
                    + serveArguments.joined(separator: " ")
                    + "\n(after a reboot, run setup again first: /run is emptied)")
        }
        print("next: sudo airlock reviewer set <name>   and   airlock install <harness> --system")
    }

    func uninstall(purge: Bool) throws {
        if hasSystemd, FileManager.default.fileExists(atPath: unitPath) {
            _ = Self.run(["/usr/bin/env", "systemctl", "disable", "--now", "airlock.service"])
            try FileManager.default.removeItem(atPath: unitPath)
            _ = Self.run(["/usr/bin/env", "systemctl", "daemon-reload"])
            print("removed \(unitPath)")
        }
        for path in [sudoersPath, paths.systemRunDirectory] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
            print("removed \(path)")
        }
        guard purge else {
            print("kept \(paths.systemStateDirectory) and the user \(user) (--purge removes them)")
            return
        }
        if FileManager.default.fileExists(atPath: paths.systemStateDirectory) {
            try FileManager.default.removeItem(atPath: paths.systemStateDirectory)
            print("removed \(paths.systemStateDirectory)")
        }
        if getpwnam(user) != nil {
            guard Self.run(["/usr/sbin/userdel", user]) == 0 else { throw CLIError("userdel \(user) failed") }
            print("removed the user \(user)")
        }
    }

    /// What the broker is started with; the environment carries moved directories (tests).
    var serveArguments: [String] {
        ["serve", "--system"] + (socketGroup.map { ["--socket-group", $0] } ?? [])
    }

    var brokerEnvironment: [String: String] {
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": paths.systemStateDirectory]
        let moved = ["AIRLOCK_SYSTEM_RUN_DIR", "AIRLOCK_SYSTEM_STATE_DIR", "AIRLOCK_SYSTEM_CONFIG_DIR"]
        for key in moved { environment[key] = ProcessInfo.processInfo.environment[key] }
        return environment
    }

    /// The unit: the broker as the system user, its sockets' directory made by systemd.
    var unitText: String {
        """
        [Unit]
        Description=Airlock broker (separated deployment)
        After=network.target

        [Service]
        User=\(user)
        ExecStart=\(executable) \(serveArguments.joined(separator: " "))
        RuntimeDirectory=\(URL(fileURLWithPath: paths.systemRunDirectory).lastPathComponent)
        RuntimeDirectoryMode=0755
        StateDirectory=\(URL(fileURLWithPath: paths.systemStateDirectory).lastPathComponent)
        StateDirectoryMode=0700
        NoNewPrivileges=yes
        ProtectSystem=strict
        ProtectHome=read-only
        Restart=on-failure

        [Install]
        WantedBy=multi-user.target

        """
    }

    private func ensureUser() throws -> (uid: uid_t, gid: gid_t) {
        if let entry = getpwnam(user) {
            print("the system user \(user) exists (uid \(entry.pointee.pw_uid))")
            return (entry.pointee.pw_uid, entry.pointee.pw_gid)
        }
        let status = Self.run([
            "/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", paths.systemStateDirectory,
            "--shell", "/usr/sbin/nologin", user,
        ])
        guard status == 0, let entry = getpwnam(user) else { throw CLIError("useradd \(user) failed") }
        print("made the system user \(user) (uid \(entry.pointee.pw_uid))")
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private func ensureDirectory(_ path: String, mode: mode_t, uid: uid_t, gid: gid_t) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            guard mkdir(path, mode) == 0 else {
                throw CLIError("cannot make \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard chown(path, uid, gid) == 0, chmod(path, mode) == 0 else {
            throw CLIError("cannot set the owner and mode of \(path): \(String(cString: strerror(errno)))")
        }
        print("\(path): owner \(uid), mode \(String(mode, radix: 8))")
    }

    private func writeUnit() throws {
        if (try? String(contentsOfFile: unitPath, encoding: .utf8)) == unitText { return }
        try unitText.write(toFile: unitPath, atomically: true, encoding: .utf8)
        print("wrote \(unitPath)")
    }

    /// Lets each reviewer reach `review.sock` as the system user through sudo, with their own
    /// password; sudo's per-terminal timestamps are the anchor.
    private func writeSudoers(_ reviewers: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/etc/sudoers.d") else {
            print("no /etc/sudoers.d (sudo is not installed): reviewers authenticate with their passphrase")
            return
        }
        let lines = reviewers.flatMap { name in
            ["Defaults:\(name) timestamp_type=tty", "\(name) ALL=(\(user)) \(executable)"]
        }
        let text = "# Written by `airlock setup --system`: reviewers reach Airlock as its user.\n"
            + lines.joined(separator: "\n") + "\n"
        let temporary = sudoersPath + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o440])
        else { throw CLIError("cannot write \(temporary)") }
        if let visudo = ["/usr/sbin/visudo", "/sbin/visudo"].first(where: FileManager.default.isExecutableFile(atPath:)),
            Self.run([visudo, "-cf", temporary]) != 0
        {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIError("visudo refused the drop-in; nothing was changed")
        }
        guard rename(temporary, sudoersPath) == 0 else { throw CLIError("cannot install \(sudoersPath)") }
        print("wrote \(sudoersPath) for \(reviewers.joined(separator: ", "))")
    }

    @discardableResult
    static func run(_ argv: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
