import Foundation
import Testing

/// A few JSON-RPC lines sent to a broker's socket by a real process — the attacker's tool and
/// the reviewer's: Python's standard library, so it runs as any user, detached or at a terminal.
///
/// Steps, as JSON: `{"send": {…}}` writes a request and waits for the answer with its id (notifications
/// in between are read; the first queued action's id is remembered); `{"waitPending": true}` waits until
/// an action is queued; `{"waitNotification": "name"}` waits for that notification and adds it to the
/// answers. `"$PENDING"` anywhere in a request stands for that id. It prints the answers,
/// one JSON array, on stdout.
enum RPCClient {
    static let script = #"""
        import json, socket, sys
        path, steps = sys.argv[1], json.loads(sys.argv[2])
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(30)
        answers, pending = [], [None]
        try:
            connection.connect(path)
        except OSError as error:
            print(json.dumps([{"connectError": str(error)}]), flush=True)
            sys.exit(0)
        lines = connection.makefile("rb")
        def note(message):
            if message.get("method") == "actionQueued" and pending[0] is None:
                pending[0] = message["params"]["item"]["id"]
            result = message.get("result")
            if isinstance(result, dict) and result.get("pending") and pending[0] is None:
                pending[0] = result["pending"][0]["id"]
        def read():
            line = lines.readline()
            if not line:
                return None
            message = json.loads(line)
            note(message)
            return message
        for step in steps:
            if step.get("waitNotification"):
                while True:
                    message = read()
                    if message is None or message.get("method") == step["waitNotification"]:
                        answers.append(message or {"closed": True})
                        break
                continue
            if step.get("waitPending"):
                while pending[0] is None:
                    if read() is None:
                        break
                continue
            text = json.dumps(step["send"]).replace('"$PENDING"', json.dumps(pending[0]))
            want = step["send"].get("id")
            connection.sendall(text.encode() + b"\n")
            if want is None:
                continue
            while True:
                message = read()
                if message is None:
                    answers.append({"closed": True})
                    break
                if "method" not in message and message.get("id") == want:
                    answers.append(message)
                    break
        print(json.dumps(answers), flush=True)
        """#

    static var python: String {
        let system = "/usr/bin/python3"
        return FileManager.default.isExecutableFile(atPath: system) ? system : (Programs.onPath("python3") ?? system)
    }

    /// The argv that runs `steps` against `socket`.
    static func argv(_ socket: String, _ steps: [[String: Any]]) -> [String] {
        let data = (try? JSONSerialization.data(withJSONObject: steps, options: [.sortedKeys])) ?? Data()
        return [python, "-c", script, socket, String(decoding: data, as: UTF8.self)]
    }

    /// One step that sends `method` with `params` as request `id`.
    static func send(_ method: String, _ params: [String: Any]? = nil, id: Int) -> [String: Any] {
        var request: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { request["params"] = params }
        return ["send": request]
    }

    static var waitPending: [String: Any] { ["waitPending": true] }

    static func waitNotification(_ method: String) -> [String: Any] { ["waitNotification": method] }

    /// The answers a run printed (its last line of output), or nil.
    static func answers(_ output: String) -> [[String: Any]]? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("[") }),
            let value = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]]
        else { return nil }
        return value
    }

    /// The error code of an answer, nil for a result.
    static func errorCode(_ answer: [String: Any]?) -> Int? {
        (answer?["error"] as? [String: Any])?["code"] as? Int
    }

    static func errorMessage(_ answer: [String: Any]?) -> String {
        (answer?["error"] as? [String: Any])?["message"] as? String ?? ""
    }
}

/// Runs `argv` with a controlling terminal of its own, as a reviewer at a terminal does (util-linux
/// `script` allocates a pseudo-terminal); what it printed comes back on stdout.
func atTerminal(_ argv: [String], environment: [String: String] = [:], as user: TestUser? = nil) throws -> Finished {
    let command = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let wrapped = ["/usr/bin/script", "-qec", command, "/dev/null"]
    if let user { return try user.run(wrapped, environment: environment) }
    return try run(wrapped, environment: environment)
}

/// How an agent detaches a helper from its tool call so that the process tree no longer shows
/// where it came from (issue 12): each leaves a process with no controlling terminal.
enum Detachment: String, CaseIterable, CustomTestStringConvertible {
    case nohup = "nohup … &"
    case setsid = "setsid -f"
    case doubleFork = "a double fork"

    var testDescription: String { rawValue }

    /// A shell line that runs `command` detached, its output to `output`; the shell returns at once.
    func shellLine(_ command: [String], output: String) -> String {
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        switch self {
        case .nohup: return "nohup \(quoted) > \(output) 2>&1 < /dev/null &"
        case .setsid: return "setsid -f sh -c '\(quoted.replacingOccurrences(of: "'", with: "'\\''")) > \(output) 2>&1' < /dev/null"
        case .doubleFork: return "( \(quoted) > \(output) 2>&1 < /dev/null & ) &"
        }
    }
}

/// Waits for a file a detached process writes to hold a line, up to `seconds`.
func waitForOutput(_ path: String, seconds: Double = 30) -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains("\n") { return text }
        usleep(20_000)
    }
    return nil
}
