import AirlockConsole
import AirlockCore
import AirlockServices
import AirlockStore
import AirlockWire
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The console's connection to the broker, on its own thread: it subscribes, turns every
/// line the broker sends into a `ConsoleMessage` for the loop, sends the requests the
/// reducer asks for, matches replies to their tags, and reconnects with backoff when the
/// broker goes away (posting `.connecting`, `.subscribed` and `.lost` so the header shows it).
final class BrokerLink: Sendable {
    private let socketPath: String
    private let reviewer: String
    private let queue: MessageQueue
    /// The reviewer's passphrase for the separated deployment's `review.sock`: sent before
    /// subscribing on every connection. Nil on the same-user socket.
    private let passphrase: String?
    /// Where this user's consoles record the decision log's head they were told (`LogAnchor`).
    private let anchorPath: String?
    private let codec = WireCodec()

    private struct State {
        /// The live socket, -1 between connections.
        var descriptor: Int32 = -1
        var nextID: Int64 = 1
        var awaiting: [Int64: (tag: RequestTag, request: ClientRequest)] = [:]
        var isStopped = false
        /// Whether this connection got as far as subscribing.
        var hasSubscribed = false
    }

    private let state = Mutex(State())

    /// The subscribe request's id on every connection.
    private static let subscribeID: Int64 = 0
    /// Decisions made before this console subscribed, for the recent view (`R`), so what was
    /// allowed or refused while no console was open is there too. The newest hundred: the answer
    /// is one line, and a record's texts may reach a few kilobytes (clipped at 2,000 characters
    /// each), so more could pass the protocol's 1 MiB line; later ones arrive as they are made.
    private static let recentLimit = 100
    /// The authenticate request's id, before subscribing on `review.sock`.
    private static let authenticateID: Int64 = -1

    init(
        socketPath: String, reviewer: String, queue: MessageQueue, passphrase: String? = nil, anchorPath: String? = nil
    ) {
        self.socketPath = socketPath
        self.reviewer = reviewer
        self.queue = queue
        self.passphrase = passphrase
        self.anchorPath = anchorPath
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "airlock-broker-link"
        thread.start()
    }

    /// Closes the connection; the thread ends within one poll interval.
    func stop() {
        state.withLock { state in
            state.isStopped = true
            if state.descriptor >= 0 { shutdown(state.descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Sends a request on the subscribed connection; its answer arrives as `.reply` or `.requestFailed`.
    func send(_ request: ClientRequest, tag: RequestTag) {
        let failure: String? = state.withLock { state in
            guard state.descriptor >= 0 else { return "not connected to the broker" }
            let id = state.nextID
            state.nextID += 1
            guard let line = try? codec.encodeRequest(request, id: .number(id)) else {
                return "the request could not be encoded"
            }
            state.awaiting[id] = (tag, request)
            guard writeAll(state.descriptor, line) else {
                state.awaiting[id] = nil
                return "writing to the broker failed"
            }
            return nil
        }
        if let failure { queue.post(.requestFailed(tag: tag, message: failure)) }
    }

    private var stopped: Bool { state.withLock { $0.isStopped } }

    private func run() {
        var backoff = 0.25
        while !stopped {
            queue.post(.connection(.connecting))
            state.withLock { $0.hasSubscribed = false }
            let reason: String
            do {
                // With a passphrase to send, only Airlock's system user is believed.
                let client = passphrase == nil ? SocketClient(path: socketPath) : SocketClient.system(path: socketPath)
                reason = try session(on: client.connect())
            } catch {
                reason = "\(error)"
            }
            failAwaiting(reason)
            if stopped { break }
            queue.post(.connection(.lost(reason)))
            if state.withLock({ $0.hasSubscribed }) { backoff = 0.25 }
            waitBeforeReconnecting(seconds: backoff)
            backoff = min(backoff * 2, 4)
        }
    }

    /// Subscribes and reads until the connection ends; returns why it ended.
    private func session(on socket: Int32) throws -> String {
        state.withLock { $0.descriptor = socket }
        defer {
            state.withLock { state in
                state.descriptor = -1
                close(socket)
            }
        }
        // On review.sock the connection is the reviewer's only once the passphrase is checked:
        // subscribe after the answer (`handle`).
        let first =
            try passphrase.map {
                try codec.encodeRequest(.authenticate(AuthenticateParams(passphrase: $0)), id: .number(Self.authenticateID))
            } ?? subscribeLine()
        let written = state.withLock { _ in writeAll(socket, first) }
        guard written else { return "writing to the broker failed" }
        var framer = LineFramer()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !stopped {
            let count = read(socket, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return "the broker closed the connection" }
            var problem: String?
            framer.append(chunk[0..<count]) { line in
                switch line {
                case .success(let bytes): handle(bytes)
                case .failure(let error): problem = "\(error)"
                }
            }
            if let problem { return problem }
        }
        return "stopped"
    }

    private func subscribeLine() throws -> [UInt8] {
        try codec.encodeRequest(
            .subscribe(SubscribeParams(reviewer: reviewer, recentLimit: Self.recentLimit)), id: .number(Self.subscribeID))
    }

    private func handle(_ line: [UInt8]) {
        let message: ServerMessage
        do {
            message = try codec.decodeServerMessage(line)
        } catch {
            // An unreadable line (e.g. a notification this console is too old to know) is skipped,
            // as the protocol asks of clients: the next line is read as usual.
            return
        }
        switch message {
        case .notification(let notification):
            if case .logAnchored(let anchor) = notification, let anchorPath {
                // What this console saw of the log, kept outside it for `airlock audit --verify`.
                try? anchor.write(to: anchorPath, keepingHigher: true)
            }
            queue.post(.notification(notification))
        case .response(let id):
            guard case .number(let number) = id else { return }
            if number == Self.authenticateID {
                state.withLock { state in
                    if state.descriptor >= 0, let line = try? subscribeLine() { _ = writeAll(state.descriptor, line) }
                }
                return
            }
            if number == Self.subscribeID {
                if let result = try? codec.result(SubscribeResult.self, from: line) {
                    state.withLock { $0.hasSubscribed = true }
                    if let anchor = result.logAnchor, let anchorPath { try? anchor.write(to: anchorPath, keepingHigher: true) }
                    queue.post(.connection(.subscribed(result)))
                }
                return
            }
            guard let request = state.withLock({ $0.awaiting.removeValue(forKey: number) }) else { return }
            do {
                queue.post(.reply(tag: request.tag, try decodeResult(request.request.method, line)))
            } catch {
                queue.post(.requestFailed(tag: request.tag, message: "\(error)"))
            }
        case .error(let id, let error):
            guard case .number(let number)? = id else { return }
            if number == Self.subscribeID {
                queue.post(.connection(.lost("the broker refused to subscribe: \(error.message)")))
                return
            }
            if number == Self.authenticateID {
                // A wrong passphrase is not retried: each try counts towards the broker's lockout.
                stop()
                queue.post(.connection(.lost("the broker refused the passphrase: \(error.message); quit and open the console again")))
                return
            }
            guard let request = state.withLock({ $0.awaiting.removeValue(forKey: number) }) else { return }
            if error.knownCode == .passphraseRequired {
                state.withLock { $0.awaiting[number] = nil }
                queue.post(.passphraseRequired(tag: request.tag, request: request.request, message: error.message))
                return
            }
            queue.post(.requestFailed(tag: request.tag, message: error.message))
        }
    }

    private func decodeResult(_ method: RPCMethod, _ line: [UInt8]) throws(WireError) -> ServerResult {
        switch method {
        case .submit: .submit(try codec.result(SubmitResult.self, from: line))
        case .subscribe: .subscribe(try codec.result(SubscribeResult.self, from: line))
        case .unsubscribe: .empty
        case .decide: .decide(try codec.result(DecideResult.self, from: line))
        case .grant: .grant(try codec.result(GrantResult.self, from: line))
        case .revoke: .revoke(try codec.result(RevokeResult.self, from: line))
        case .list: .list(try codec.result(ListResult.self, from: line))
        case .status: .status(try codec.result(StatusResult.self, from: line))
        case .trust, .untrust: .trust(try codec.result(TrustResult.self, from: line))
        case .trustList: .trustList(try codec.result(TrustListResult.self, from: line))
        case .trustPolicy, .untrustPolicy: .policyTrust(try codec.result(PolicyTrustResult.self, from: line))
        case .recent: .recent(try codec.result(RecentResult.self, from: line))
        case .authenticate: .authenticate(try codec.result(AuthenticateResult.self, from: line))
        }
    }

    private func failAwaiting(_ reason: String) {
        let failed = state.withLock { state in
            defer { state.awaiting.removeAll() }
            return Array(state.awaiting.values)
        }
        for request in failed { queue.post(.requestFailed(tag: request.tag, message: reason)) }
    }

    private func waitBeforeReconnecting(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while !stopped, Date() < deadline { usleep(50_000) }
    }
}
