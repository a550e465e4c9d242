import AirlockConsole
import AirlockCore

/// The console's measurements of the world, injected so the loop stays testable and the
/// probes can live in their own module: the five boundaries of a workspace and the measured
/// blast radius of an action. `live` (ConsoleProbes+Live.swift) plugs AirlockProbe in;
/// tests use `none`, and the console then shows only what classification knows.
struct ConsoleProbes: Sendable {
    var boundaries: @Sendable (_ workspace: String) -> BoundaryReport?
    var blast: @Sendable (_ action: Action) -> BlastMeasurement?

    /// Measures nothing.
    static let none = ConsoleProbes(boundaries: { _ in nil }, blast: { _ in nil })
}
