import AirlockConsole
import AirlockCore
import AirlockTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The console's I/O shell (bubbletea's program loop): it owns the terminal and the broker
/// link, feeds the pure reducer keys, resizes, ticks and broker messages, carries out the
/// effects it returns, and draws each rendered frame by flushing only the changed cells.
/// Everything here runs on the thread that called `run`, except the link's reader and the
/// background work whose results come back through the message queue.
struct ConsoleApp {
    var paths: AirlockPaths
    var reviewer: String
    var themeName: String?
    var bell: Bool
    var probes: ConsoleProbes = .none
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// How often the clock ticks (countdowns, deadlines, the veto countdown).
    var tickInterval: TimeInterval = 0.25
    /// The broker's socket: the same-user one, or the separated deployment's `review.sock`.
    var socket: String?
    /// The reviewer's passphrase for `review.sock`.
    var passphrase: String?

    /// Runs until the reviewer quits or a signal arrives; returns the problems to print after
    /// the terminal is restored (a bad theme file, a signal).
    func run() throws -> [String] {
        let queue = MessageQueue()
        try? FileManager.default.createDirectory(
            atPath: paths.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let link = BrokerLink(
            socketPath: socket ?? paths.socket, reviewer: reviewer, queue: queue, passphrase: passphrase,
            anchorPath: LogAnchor.consolePath(stateDirectory: paths.stateDirectory))
        let terminal = try Terminal()
        defer { terminal.stop() }
        let depth = ColorDepth.detect(environment: environment, terminalColors: terminal.colors)
        let (theme, themeProblem) = ConsoleSettings.resolveTheme(themeName, depth: depth)
        var notes = themeProblem.map { [$0] } ?? []

        var state = ConsoleState(
            configuration: ConsoleConfiguration(
                reviewer: reviewer, size: terminal.size, now: Date(), bellOnNewAction: bell,
                hostFacts: paths.hostFacts(environment: environment)))
        var effects = EffectRunner(link: link, queue: queue, terminal: terminal, paths: paths, probes: probes)
        link.start()
        defer { link.stop() }

        var previous: CellBuffer?
        var nextTick = Date()
        let redactor = Redactor()
        while !effects.wantsQuit, !state.wantsQuit {
            if let signal = terminal.stopSignal {
                notes.append("stopped by signal \(signal)")
                break
            }
            if terminal.isInputClosed { break }
            let now = Date()
            if now >= nextTick {
                effects.perform(Console.update(&state, .tick(now)))
                nextTick = now.addingTimeInterval(tickInterval)
            }
            let frame = Console.render(state, theme: theme)
            terminal.draw(frame, previous: previous)
            previous = frame
            // Only now does the reviewer see it: keys read below were typed looking at this frame.
            effects.perform(Console.update(&state, .frameShown))

            let waitMs = Int32(max(0, min(tickInterval, nextTick.timeIntervalSinceNow)) * 1000)
            for input in terminal.read(timeoutMs: waitMs, wakeDescriptor: queue.wakeDescriptor) {
                switch input {
                case .key(let key): effects.perform(Console.update(&state, .key(key)))
                case .resize: effects.perform(Console.update(&state, .resize(terminal.size)))
                case .ignored: break
                }
            }
            for message in queue.drain() {
                // Secrets never reach the console's state, so nothing it draws can show one.
                effects.perform(Console.update(&state, message.redacted(by: redactor)))
            }
        }
        return notes
    }
}

/// Carries out what the reducer asks: requests go to the broker, slow reads and measurements
/// run off the loop's thread and come back as messages, the bell rings here.
struct EffectRunner {
    let link: BrokerLink
    let queue: MessageQueue
    let terminal: Terminal
    let paths: AirlockPaths
    let probes: ConsoleProbes
    private(set) var wantsQuit = false

    init(link: BrokerLink, queue: MessageQueue, terminal: Terminal, paths: AirlockPaths, probes: ConsoleProbes) {
        self.link = link
        self.queue = queue
        self.terminal = terminal
        self.paths = paths
        self.probes = probes
    }

    mutating func perform(_ effects: [ConsoleEffect]) {
        for effect in effects { perform(effect) }
    }

    private mutating func perform(_ effect: ConsoleEffect) {
        let queue = queue
        switch effect {
        case .send(let request, let tag):
            link.send(request, tag: tag)
        case .readFile(let path):
            DispatchQueue.global().async {
                queue.post(.fileOnDisk(path: path, Self.readForDiff(path)))
            }
        case .measureBoundaries(let workspace):
            let probes = probes
            DispatchQueue.global().async {
                // Filed under the workspace asked about (a subdirectory's report is its repository's).
                if var report = probes.boundaries(workspace) {
                    report.workspace = workspace
                    queue.post(.boundaries(report))
                }
            }
        case .measureBlastRadius(let actionID, let action):
            let probes = probes
            DispatchQueue.global().async {
                if let measurement = probes.blast(action) {
                    queue.post(.blastMeasured(actionID: actionID, measurement))
                }
            }
        case .bell:
            terminal.bell()
        case .quit:
            wantsQuit = true
        }
    }

    /// Files larger than this are not read for a diff (the console says the file is too large).
    static let fileLimit = 4 * 1_048_576

    /// The file as the diff needs it, or why its text is not there.
    static func readForDiff(_ path: String) -> FileOnDisk {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            return FileManager.default.fileExists(atPath: path) ? .unreadable : .missing
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int else {
            return .unreadable
        }
        guard size <= fileLimit else { return .tooLarge(bytes: size) }
        guard let data = FileManager.default.contents(atPath: path) else { return .unreadable }
        // As git decides: a NUL byte near the start, or text that is not UTF-8, is binary.
        guard !data.prefix(8000).contains(0), let text = String(data: data, encoding: .utf8) else {
            return .binary(bytes: data.count)
        }
        return .loaded(text)
    }
}
