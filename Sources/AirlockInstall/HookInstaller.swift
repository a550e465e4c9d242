import AirlockHarness
import Foundation

/// Merges Airlock's hook into a harness's JSON hook settings, and takes it out again, touching nothing else.
///
/// Pure: text in, text out. Foundation's `JSONSerialization` keeps no key order, so a changed file is
/// written pretty-printed with sorted keys; an unchanged one is returned byte for byte.
public struct HookInstaller: Sendable {
    public let harness: Harness
    /// The shell command the harness runs, deadline included.
    public let command: String

    /// `executable` is the absolute path of the running `airlock`, when known; otherwise `airlock` on PATH.
    /// `hookExecutable` is the absolute path of the small `airlock-hook` beside it, when there is one:
    /// harnesses run the hook before every tool call, and it starts several times faster.
    /// `system` makes the hook ask the separated deployment's `agent.sock` and believe only
    /// Airlock's system user there (`--system` in the command, which the integrity floor keeps).
    public init(harness: Harness, executable: String? = nil, hookExecutable: String? = nil, system: Bool = false) {
        self.harness = harness
        // The hook must know the installed timeout to answer before it (docs/hooks.md, Deadlines); an
        // argument, since not every harness is documented to run the command through a shell.
        let deadlineMs = HookLayout.timeoutSeconds * 1000
        let separated = system ? " --system" : ""
        if let hookExecutable {
            self.command = "\(Self.shellQuoted(hookExecutable)) \(harness.rawValue) --timeout-ms \(deadlineMs)\(separated)"
        } else {
            let program = executable.map(Self.shellQuoted) ?? "airlock"
            self.command = "\(program) hook \(harness.rawValue) --timeout-ms \(deadlineMs)\(separated)"
        }
    }

    /// The events the hook is installed under, for messages.
    public var events: [String] { HookLayout.of(harness).events }

    /// The installed timeout in the harness's own unit and key, for messages.
    public var timeoutSummary: String {
        let layout = HookLayout.of(harness)
        return "\(layout.timeoutKey) \(layout.timeout)"
    }

    /// `text` with Airlock's hook in; `text` itself when it is already there. `nil` means no file yet.
    public func install(into text: String?) throws(InstallError) -> String {
        let layout = HookLayout.of(harness)
        var root = try Self.parse(text)
        let original = root
        var hooks = try Self.hooksObject(in: root)
        _ = remove(from: &hooks, layout: layout)
        for event in layout.events {
            var list: [Any] = []
            if let existing = hooks[event] {
                guard let array = existing as? [Any] else { throw .unexpectedShape("hooks.\(event) is not a list") }
                list = array
            }
            list.append(layout.entry(for: harness, command: command))
            hooks[event] = list
        }
        root["hooks"] = hooks
        for (key, value) in layout.topLevelDefaults where root[key] == nil { root[key] = value }
        if let text, Self.same(root, original) { return text }
        return try Self.render(root)
    }

    /// `text` without Airlock's hook; `text` itself when it was not there.
    public func uninstall(from text: String?) throws(InstallError) -> String? {
        guard let text else { return nil }
        var root = try Self.parse(text)
        var hooks = try Self.hooksObject(in: root)
        guard remove(from: &hooks, layout: HookLayout.of(harness)) else { return text }
        // Leave no empty `hooks` behind that we may have created.
        if hooks.isEmpty { root["hooks"] = nil } else { root["hooks"] = hooks }
        return try Self.render(root)
    }

    /// Whether `text` holds nothing but what an install adds at top level, so the file can go.
    public func isVacant(_ text: String) -> Bool {
        guard let root = try? Self.parse(text) else { return false }
        return Self.same(root, HookLayout.of(harness).topLevelDefaults)
    }

    /// Whether a handler's command runs `airlock … hook <harness>` or `…airlock-hook <harness>`, whatever
    /// path or options it was installed with.
    public func isAirlock(_ command: String) -> Bool {
        let words = command.split(whereSeparator: \.isWhitespace).map { $0.filter { $0 != "'" } }
        let named = zip(words, words.dropFirst()).contains { word, next in
            next == harness.rawValue && (word == "hook" || word.hasSuffix("/airlock-hook") || word == "airlock-hook")
        }
        return named && command.contains("airlock")
    }

    /// Removes Airlock's handlers (and groups and event lists left empty by that); true when any were there.
    private func remove(from hooks: inout [String: Any], layout: HookLayout) -> Bool {
        var removedAny = false
        for event in hooks.keys.sorted() {
            guard let list = hooks[event] as? [Any] else { continue }
            var changed = false
            var kept: [Any] = []
            for entry in list {
                if let remaining = withoutAirlock(entry, layout: layout) {
                    changed = true
                    if let remaining { kept.append(remaining) }
                } else {
                    kept.append(entry)
                }
            }
            // A shared group loses a handler but not its place, so the count alone does not tell.
            if changed { hooks[event] = kept.isEmpty ? nil : kept }
            removedAny = removedAny || changed
        }
        return removedAny
    }

    /// nil when `entry` holds no Airlock handler; otherwise what is left of it (`.some(nil)`: nothing).
    private func withoutAirlock(_ entry: Any, layout: HookLayout) -> Any?? {
        guard var object = entry as? [String: Any] else { return nil }
        switch layout.style {
        case .flat:
            guard let command = object[layout.commandKey] as? String, isAirlock(command) else { return nil }
            return .some(nil)
        case .grouped:
            guard let handlers = object["hooks"] as? [Any] else { return nil }
            let others = handlers.filter { handler in
                guard let command = (handler as? [String: Any])?[layout.commandKey] as? String else { return true }
                return !isAirlock(command)
            }
            if others.count == handlers.count { return nil }
            // A group that held only Airlock goes; one shared with other handlers keeps them.
            if others.isEmpty { return .some(nil) }
            object["hooks"] = others
            return .some(object)
        }
    }

    static func parse(_ text: String?) throws(InstallError) -> [String: Any] {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return [:] }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON(String(describing: error))
        }
        guard let object = value as? [String: Any] else { throw .unexpectedShape("the top level is not an object") }
        return object
    }

    static func hooksObject(in root: [String: Any]) throws(InstallError) -> [String: Any] {
        guard let value = root["hooks"] else { return [:] }
        guard let hooks = value as? [String: Any] else { throw .unexpectedShape("hooks is not an object") }
        return hooks
    }

    static func render(_ root: [String: Any]) throws(InstallError) -> String {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw .unexpectedShape(String(describing: error))
        }
    }

    /// Semantic equality of two JSON objects (their canonical sorted serializations).
    static func same(_ a: [String: Any], _ b: [String: Any]) -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys]
        guard let left = try? JSONSerialization.data(withJSONObject: a, options: options),
            let right = try? JSONSerialization.data(withJSONObject: b, options: options)
        else { return false }
        return left == right
    }

    /// `path` as one shell word.
    static func shellQuoted(_ path: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+")
        if !path.isEmpty, path.allSatisfy(safe.contains) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
