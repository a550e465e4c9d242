import AirlockCore
import Foundation

// Classification benchmark: `swift run --package-path Benchmarks -c release airlock-bench [cases.jsonl]`.
//
// Classifies every command of the outside corpus and prints the median time per command,
// next to a baseline run in the same process that only splits the same strings on whitespace.

struct Case: Decodable { var command: String }

// Benchmarks/Sources/AirlockBench/main.swift → the repository's root, four levels up.
let defaultCorpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Tests/AirlockCoreTests/Resources/dcg/cases.jsonl").path
let corpusPath = CommandLine.arguments.dropFirst().first ?? defaultCorpus
guard let text = try? String(contentsOfFile: corpusPath, encoding: .utf8) else {
    FileHandle.standardError.write(Data("airlock-bench: cannot read \(corpusPath)\n".utf8))
    exit(1)
}
let commands = text.split(separator: "\n").compactMap {
    try? JSONDecoder().decode(Case.self, from: Data($0.utf8)).command
}
let context = ClassificationContext(
    cwd: "/home/dev/proj", workspaceRoot: "/home/dev/proj", host: HostFacts(home: "/home/dev"))
let rounds = Int(ProcessInfo.processInfo.environment["AIRLOCK_BENCH_ROUNDS"] ?? "") ?? 31

/// Median nanoseconds per command of `body` over the corpus, per round.
func measure(_ body: (String) -> Int) -> (median: Double, perRound: [Double]) {
    var sink = 0
    var perCommand: [[Double]] = Array(repeating: [], count: commands.count)
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        for (index, command) in commands.enumerated() {
            let elapsed = clock.measure { sink &+= body(command) }
            perCommand[index].append(
                Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9)
        }
    }
    if sink == 42 { print("") }
    let medians = perCommand.map { $0.sorted()[$0.count / 2] }.sorted()
    return (medians[medians.count / 2], medians)
}

// Warm up both paths once.
for command in commands { _ = Classifier.assess(command: command, context: context) }

let baseline = measure { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).count }
let classify = measure { Classifier.assess(command: $0, context: context).findings.count }
let p90 = classify.perRound[classify.perRound.count * 9 / 10]
let worst = classify.perRound.last ?? 0

print(
    "airlock-bench: \(commands.count) commands × \(rounds) rounds (\(corpusPath.split(separator: "/").suffix(2).joined(separator: "/")))"
)
print(String(format: "  baseline (split on whitespace): median %8.2f µs/command", baseline.median / 1000))
print(
    String(
        format: "  classify (Classifier.assess):   median %8.2f µs/command  p90 %.2f µs  max %.2f µs",
        classify.median / 1000, p90 / 1000, worst / 1000))
print(String(format: "  ratio classify / baseline:      %8.1f×", classify.median / baseline.median))
print(classify.median / 1000 <= 20 ? "  target ≤ 20 µs median: met" : "  target ≤ 20 µs median: NOT met")

// Redaction: the same corpus, and one mebibyte of log-like text with secrets spread through
// it, against a baseline doing the least a redactor must: copy the bytes out, look at each once.
let redactor = Redactor()
for command in commands { _ = redactor.redact(command) }
func copyAndScan(_ text: String) -> Int {
    let bytes = Array(text.utf8)
    var newlines = 0
    for byte in bytes where byte == 0x0A { newlines &+= 1 }
    return newlines &+ bytes.count
}
let scan = measure(copyAndScan)
let redact = measure { redactor.redact($0).utf8.count }
print(String(format: "  baseline (copy, scan bytes):    median %8.2f µs/command", scan.median / 1000))
print(String(format: "  redact (Redactor.redact):       median %8.2f µs/command", redact.median / 1000))
print(String(format: "  ratio redact / baseline:        %8.1f×", redact.median / scan.median))

// Fake secrets, assembled from pieces so that secret scanners do not flag this file.
let secretLines = [
    "export AWS_SECRET_ACCESS_KEY=" + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
    "git clone https://alice:s3cr3t@github.com/org/repo.git", "echo " + "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a",
    "mysql -uroot -p" + "hunter2 app", "curl -u deploy:" + "hunter2 https://x", "PGPASSWORD=" + "hunter2 psql",
    "curl -H \"Authorization: Bearer " + "abc123def456\" https://api", "machine x login bob password " + "hunter2",
    "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
]
var mebibyte = ""
var sampleIndex = 0
while mebibyte.utf8.count < 1 << 20 {
    let secret = secretLines[sampleIndex % secretLines.count]
    mebibyte += "2026-11-25T10:00:00Z airlock: \(commands[sampleIndex % commands.count]) \(secret)\n"
    sampleIndex += 1
}
func seconds(_ body: () -> Int) -> Double {
    var best = Double.infinity
    var sink = 0
    for _ in 0..<5 {
        let elapsed = ContinuousClock().measure { sink &+= body() }
        best = min(best, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
    }
    if sink == 42 { print("") }
    return best
}
let scanMiB = seconds { copyAndScan(mebibyte) }
let redactMiB = seconds { redactor.redact(mebibyte).utf8.count }
print(
    String(
        format: "  1 MiB with %d secrets: baseline %.2f ms, redact %.2f ms (%.1f×, %.0f MiB/s)", sampleIndex,
        scanMiB * 1000, redactMiB * 1000, redactMiB / scanMiB, 1 / redactMiB))
