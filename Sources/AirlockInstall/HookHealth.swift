import AirlockHarness
import Foundation

/// Whether one harness's settings file holds Airlock's hook, and with a long enough timeout
/// (every harness fails open when its hook times out, so a short one lets calls through).
public struct HookHealth: Equatable, Sendable, Codable {
    public var harness: String
    public var path: String
    public var isInstalled: Bool
    /// The installed timeout in the harness's unit and key (`timeout 900`); nil when not installed.
    public var timeout: String?
    public var isTimeoutLongEnough: Bool
    /// Whether every Airlock hook command here carries `--system`: it asks the separated
    /// deployment's agent socket and believes only Airlock's system user there.
    public var isSystem: Bool
    /// What is wrong or still to do, one line each.
    public var notes: [String]

    public init(
        harness: String, path: String, isInstalled: Bool, timeout: String?, isTimeoutLongEnough: Bool, notes: [String],
        isSystem: Bool = false
    ) {
        self.isSystem = isSystem
        self.harness = harness
        self.path = path
        self.isInstalled = isInstalled
        self.timeout = timeout
        self.isTimeoutLongEnough = isTimeoutLongEnough
        self.notes = notes
    }
}

extension HookInstaller {
    /// The health of Airlock's hook in `text` (the settings file at `path`; nil: no file).
    public func health(of text: String?, path: String, scope: SettingsScope) -> HookHealth {
        let layout = HookLayout.of(harness)
        var health = HookHealth(
            harness: harness.rawValue, path: path, isInstalled: false, timeout: nil, isTimeoutLongEnough: false,
            notes: [])
        guard let text else { return health }
        let root: [String: Any]
        let hooks: [String: Any]
        do {
            root = try Self.parse(text)
            hooks = try Self.hooksObject(in: root)
        } catch {
            health.notes.append("\(path): \(error)")
            return health
        }
        var timeouts: [Int] = []
        var covered: [String] = []
        var allSystem = true
        for event in layout.events {
            for handler in Self.handlers(hooks[event], style: layout.style) {
                guard let command = handler[layout.commandKey] as? String, isAirlock(command) else { continue }
                covered.append(event)
                if !command.split(separator: " ").contains("--system") { allSystem = false }
                timeouts.append((handler[layout.timeoutKey] as? NSNumber)?.intValue ?? 0)
            }
        }
        guard !covered.isEmpty else { return health }
        health.isInstalled = true
        health.isSystem = allSystem
        let shortest = timeouts.min() ?? 0
        health.timeout = "\(layout.timeoutKey) \(shortest)"
        // The harness default when the key is absent is far shorter than a human needs.
        health.isTimeoutLongEnough = shortest >= layout.timeout / 15  // at least 60 s in the harness's unit
        if !health.isTimeoutLongEnough {
            health.notes.append(
                "timeout \(shortest) is too short for a human to answer; run airlock install \(harness.rawValue) again")
        }
        health.notes.append(SettingsLocation.trustStep(for: harness, scope: scope))
        return health
    }

    /// The handler objects under one event, whatever the layout style.
    static func handlers(_ value: Any?, style: HookLayout.Style) -> [[String: Any]] {
        guard let list = value as? [Any] else { return [] }
        switch style {
        case .flat:
            return list.compactMap { $0 as? [String: Any] }
        case .grouped:
            return list.flatMap { group in
                ((group as? [String: Any])?["hooks"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
            }
        }
    }
}
