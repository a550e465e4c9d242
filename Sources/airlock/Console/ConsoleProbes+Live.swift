import AirlockCore
import AirlockProbe
import AirlockServices
import Foundation

extension ConsoleProbes {
    /// AirlockProbe behind the console, reading the same settings, store and trust list as the
    /// broker and `airlock doctor`. Each call answers: a directory that is not on this machine
    /// (an agent elsewhere) is reported as not measured rather than left "measuring…".
    static func live(environment: [String: String]) -> ConsoleProbes {
        let inputs = BoundaryInputs(environment: environment)
        let blast = BlastProbe(environment: environment, home: inputs.home)
        return ConsoleProbes(
            boundaries: { directory in
                guard isDirectory(directory) else { return notMeasured(directory) }
                let (audit, store) = inputs.audit()
                return inputs.report(for: directory, audit: audit, store: store)
            },
            blast: { action in
                guard let directory = action.workspaceRoot ?? action.cwd, isDirectory(directory) else {
                    let place = action.workspaceRoot ?? action.cwd ?? "no working directory was sent"
                    return BlastMeasurement(notMeasured: ["not measured: \(place) is not on this machine"])
                }
                return blast.measure(action, workspace: inputs.probe.workspace(for: directory))
            })
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.hasPrefix("/") && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Every boundary fuzzy (not known), each saying why.
    private static func notMeasured(_ directory: String) -> BoundaryReport {
        BoundaryReport(
            workspace: directory,
            boundaries: BoundaryKind.allCases.map {
                Boundary(kind: $0, state: .fuzzy, reasons: ["not measured: \(directory) is not on this machine"])
            }, isTrusted: false)
    }
}
