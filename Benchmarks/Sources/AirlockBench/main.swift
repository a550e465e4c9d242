import AirlockCore
import Foundation

// Classification benchmark: `swift run --package-path Benchmarks -c release airlock-bench [cases.jsonl]`.
//
// Classifies every command of the outside corpus and prints the median time per command,
// next to a baseline run in the same process that only splits the same strings on whitespace.
// Two stages are timed on their own: the registry lookup of each command's program name, and
// unwrapping each command's words. `AIRLOCK_BENCH_SLOWEST=n` lists the n slowest commands.

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
let ratioTarget = 3.5

/// Median nanoseconds per item of `body` over `items`, per round; and each item's median.
func measure<T>(_ items: [T], _ body: (T) -> Int) -> (median: Double, sorted: [Double], byItem: [Double]) {
    var sink = 0
    var perItem: [[Double]] = Array(repeating: [], count: items.count)
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        for (index, item) in items.enumerated() {
            let elapsed = clock.measure { sink &+= body(item) }
            perItem[index].append(
                Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9)
        }
    }
    if sink == 42 { print("") }
    let byItem = perItem.map { $0.sorted()[$0.count / 2] }
    let sorted = byItem.sorted()
    return (sorted[sorted.count / 2], sorted, byItem)
}

// The first simple command of each line, parsed once: the input of the two stage timings.
let firstWords: [[ShellWord]] = commands.compactMap { ShellParser.parse($0).commands.first?.words }.filter { !$0.isEmpty }
let programNames = firstWords.map(\.[0].text)

// Warm up every path once.
for command in commands { _ = Classifier.assess(command: command, context: context) }
for words in firstWords { _ = ClassificationProbes.unwrap(words) }

let baseline = measure(commands) { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).count }
let classify = measure(commands) { Classifier.assess(command: $0, context: context).findings.count }
let lookup = measure(programNames) { ProgramRegistry.shared.spec(for: $0) == nil ? 0 : 1 }
let unwrap = measure(firstWords) { ClassificationProbes.unwrap($0) }
let p90 = classify.sorted[classify.sorted.count * 9 / 10]
let worst = classify.sorted.last ?? 0
let ratio = classify.median / baseline.median

print(
    "airlock-bench: \(commands.count) commands × \(rounds) rounds (\(corpusPath.split(separator: "/").suffix(2).joined(separator: "/")))"
)
print(String(format: "  baseline (split on whitespace): median %8.2f µs/command", baseline.median / 1000))
print(
    String(
        format: "  classify (Classifier.assess):   median %8.2f µs/command  p90 %.2f µs  max %.2f µs",
        classify.median / 1000, p90 / 1000, worst / 1000))
print(String(format: "  registry lookup (spec(for:)):   median %8.3f µs/name", lookup.median / 1000))
print(String(format: "  unwrapping (first command):     median %8.3f µs/command", unwrap.median / 1000))
print(String(format: "  ratio classify / baseline:      %8.1f×", ratio))
print(
    ratio <= ratioTarget
        ? String(format: "  target ≤ %.1f× baseline: met", ratioTarget)
        : String(format: "  target ≤ %.1f× baseline: NOT met", ratioTarget))
print(classify.median / 1000 <= 20 ? "  target ≤ 20 µs median: met" : "  target ≤ 20 µs median: NOT met")
if let count = Int(ProcessInfo.processInfo.environment["AIRLOCK_BENCH_SLOWEST"] ?? ""), count > 0 {
    print("  slowest:")
    for (time, command) in zip(classify.byItem, commands).sorted(by: { $0.0 > $1.0 }).prefix(count) {
        print(String(format: "    %8.2f µs  ", time / 1000) + String(command.prefix(100)).debugDescription)
    }
}
