import Foundation

/// The approval console in a tmux pane on a private tmux server, run as `user` (nil: this
/// process's user). Keys typed with `tmux send-keys` are what an agent running as that user can
/// type into the pane; `screen` is what the reviewer sees.
final class TmuxConsole {
    let server = "alsec-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let user: TestUser?
    private let outputPath = "/tmp/alsec-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init(arguments: [String], environment: [String: String], as user: TestUser? = nil) throws {
        self.user = user
        let assignments = (["TERM": "tmux-256color", "LANG": "C.UTF-8"].merging(environment) { $1 })
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let console = (["env"] + assignments + [Programs.airlock] + arguments).map(Self.quote).joined(separator: " ")
        try tmux(["new-session", "-d", "-s", "airlock", "-x", "120", "-y", "40", "sh", "-c", console + "; sleep 600"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        unlink(outputPath)
    }

    /// Types `keys` into the pane (tmux key names: `Enter`, `Escape`, or literal text with `literal`).
    func send(_ keys: String, literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "airlock"] + (literal ? ["-l", keys] : [keys]))
    }

    /// The pane's text now.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "airlock"]) }

    /// The same, for a message.
    var shown: String { (try? screen()) ?? "" }

    /// Waits until the pane shows `text`; the screen when it does, nil after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let shown = try screen()
            if shown.contains(text) { return shown }
            usleep(50_000)
        }
        return nil
    }

    /// tmux against this server (as `user`), with posix_spawn and the output in a file: the
    /// server it forks inherits descriptors, and a pipe it holds open would never end.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let base = ["tmux", "-L", server, "-f", "/dev/null"] + arguments
        let argv = user?.argv(base, environment: ["HOME": "/tmp"]) ?? base
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        // The tmux server outlives this call: without this it keeps every descriptor the test process
        // had open, among them the socket through which Foundation sees another test's child exit,
        // and that test's waitUntilExit never returns.
        _ = addCloseFrom?(&actions, 3)
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, argv[0], &actions, nil, &pointers, environ) == 0 else {
            throw SecurityTestFailure("cannot run tmux")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does
/// not import: looked up once; nil where the C library lacks it.
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
        return nil
    }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()
