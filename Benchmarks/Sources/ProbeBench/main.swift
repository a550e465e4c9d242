import AirlockProbe
import Foundation

// Probe cost on a repository of 50,000 committed files (plus untracked, ignored and changed
// ones): the median of a path-count probe (`src/**`) and a git-state probe against
// `git status --porcelain` on the same repository, in the same run.
//
//   swift run --package-path Benchmarks -c release probe-bench [--files N] [--runs N] [--repo DIR]

/// Command-line options, parsed once into constants the functions below may read.
func options() -> (files: Int, runs: Int, repo: String?) {
    var files = 50_000
    var runs = 15
    var repo: String?
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        switch argument {
        case "--files": files = Int(arguments.next() ?? "") ?? files
        case "--runs": runs = Int(arguments.next() ?? "") ?? runs
        case "--repo": repo = arguments.next()
        default:
            FileHandle.standardError.write(Data("usage: probe-bench [--files N] [--runs N] [--repo DIR]\n".utf8))
            exit(2)
        }
    }
    return (files, max(1, runs), repo)
}
let (fileCount, runs, repo) = options()
let root = repo ?? NSTemporaryDirectory() + "airlock-probe-bench-\(fileCount)"

@discardableResult
func git(_ args: [String], in directory: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory] + args
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// Builds the repository once; a marker file says it is complete and may be reused.
func prepare() {
    let marker = root + "/.git/airlock-bench-complete"
    if FileManager.default.fileExists(atPath: marker) {
        print("reusing \(root)")
        return
    }
    print("creating \(root) with \(fileCount) committed files…")
    try? FileManager.default.removeItem(atPath: root)
    let perDirectory = 100
    for index in 0..<fileCount {
        let directory = root + "/src/d\(index / perDirectory)"
        if index % perDirectory == 0 {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        _ = FileManager.default.createFile(atPath: directory + "/f\(index).txt", contents: Data("line \(index)\n".utf8))
    }
    _ = FileManager.default.createFile(atPath: root + "/.gitignore", contents: Data("build/\n*.log\n".utf8))
    git(["init", "-q"], in: root)
    git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "add", "-A"], in: root)
    git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "bench"], in: root)
    // Untracked, ignored and changed files, so every count has something to find.
    try? FileManager.default.createDirectory(atPath: root + "/src/new", withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(atPath: root + "/build", withIntermediateDirectories: true)
    for index in 0..<200 {
        _ = FileManager.default.createFile(atPath: root + "/src/new/u\(index).txt", contents: Data("u\n".utf8))
        _ = FileManager.default.createFile(atPath: root + "/build/o\(index).o", contents: Data("o\n".utf8))
        _ = FileManager.default.createFile(atPath: root + "/src/d\(index)/debug.log", contents: Data("log\n".utf8))
    }
    for index in stride(from: 0, to: 2_000, by: 100) {
        _ = FileManager.default.createFile(
            atPath: root + "/src/d\(index / 100)/f\(index).txt", contents: Data("changed\n".utf8))
    }
    _ = FileManager.default.createFile(atPath: marker, contents: Data())
}

func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

func ms(_ duration: Duration) -> String {
    let (seconds, atto) = duration.components
    return String(format: "%.2f ms", Double(seconds) * 1000 + Double(atto) / 1e15)
}

func time(_ body: () -> Void) -> [Duration] {
    body()  // warm-up: the file system cache, as a broker sees it after the first action
    let clock = ContinuousClock()
    return (0..<runs).map { _ in clock.measure(body) }
}

prepare()
let gitStatus = median(time { git(["status", "--porcelain"], in: root) })
print("git status --porcelain                      median \(ms(gitStatus))")

for budget in [Duration.milliseconds(50), .seconds(30)] {
    var last: PathProbe.Outcome?
    let pathTimes = time {
        last = PathProbe.measure(["src/**"], cwd: root, workspace: root, home: nil, deadline: Deadline(budget: budget))
    }
    // The walk alone: a workspace elsewhere, so no file is asked about in git.
    let walkTimes = time {
        _ = PathProbe.measure(
            ["src/**"], cwd: root, workspace: "/nonexistent", home: nil, deadline: Deadline(budget: budget))
    }
    var gitLast: GitStateReader.Outcome?
    let gitTimes = time { gitLast = GitStateReader.read(directory: root, deadline: Deadline(budget: budget)) }
    let pathMedian = median(pathTimes), gitMedian = median(gitTimes)
    let pathResult: String =
        switch last {
        case .measured(let count)?:
            "\(count.files) files, \(count.bytes) bytes, tracked \(count.tracked ?? -1), "
                + "untracked \(count.untracked ?? -1), ignored \(count.ignored ?? -1)"
        case .notMeasured(let why)?: why
        case nil: "?"
        }
    let gitResult: String =
        switch gitLast {
        case .measured(let state)?:
            "\(state.dirtyFiles.count) changed, \(state.untrackedFiles.count) untracked, \(state.unpushedCommits) unpushed"
        case .notMeasured(let why)?: why
        case .notARepository?: "not a repository"
        case nil: "?"
        }
    let label = budget == .milliseconds(50) ? "budget 50 ms" : "budget 30 s "
    print(
        "path-count probe src/** (\(label))      median \(ms(pathMedian))  ×\(ratio(pathMedian)) git status  → \(pathResult)"
    )
    print("  of which the walk alone                  median \(ms(median(walkTimes)))")
    print(
        "git-state probe (\(label))              median \(ms(gitMedian))  ×\(ratio(gitMedian)) git status  → \(gitResult)"
    )
}

func ratio(_ duration: Duration) -> String {
    let a = duration.components, b = gitStatus.components
    let x = Double(a.seconds) + Double(a.attoseconds) / 1e18
    let y = Double(b.seconds) + Double(b.attoseconds) / 1e18
    return String(format: "%.2f", x / y)
}
