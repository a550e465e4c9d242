import AirlockConsole
import Foundation
import TOMLKit

/// The console's and broker's settings, from `config.toml` in the config directory:
///
///     theme = "light"          # a built-in name or a path to a theme file
///     bell = false             # ring the bell on a new pending action (default true)
///     notify = "notify-send Airlock"   # run (by the broker) when an action waits unattended
///     notify_after = 120       # seconds an action waits before `notify` runs (default 60)
///     store = "postgres://airlock_broker@db.example/airlock?sslmode=verify-full"   # a team's store
///
/// A broken file is reported and the defaults are used: the console still opens. The store is
/// the exception: a file that may name one and cannot be read is an error for every command
/// that opens the store (`StoreChoice`), never a silent fall back to this machine's SQLite.
struct ConsoleSettings: Equatable {
    var theme: String?
    var bell = true
    /// A shell command; the summary is its `$1` (and `AIRLOCK_NOTIFY_TEXT`).
    var notify: String?
    var notifyAfterSeconds = 60
    /// A team store's URL (`docs/team.md`); chosen by `StoreChoice`.
    var store: String?
    /// Why the file cannot say which store it names (it does not parse, or `store` is not a
    /// URL); nil when it can.
    var storeProblem: String?
    /// What was wrong with the file, as `file:line: message` lines.
    var problems: [String] = []

    static func load(configDirectory: String) -> ConsoleSettings {
        let path = configDirectory + "/config.toml"
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleSettings() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ConsoleSettings(storeProblem: "\(path): cannot be read", problems: ["\(path): cannot be read"])
        }
        return parse(text, fileName: path)
    }

    static func parse(_ text: String, fileName: String) -> ConsoleSettings {
        var settings = ConsoleSettings()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            settings.problems.append("\(fileName):\(error.source.begin.line): \(error.description)")
            settings.storeProblem = settings.problems.last
            return settings
        } catch {
            settings.problems.append("\(fileName): \(error)")
            settings.storeProblem = settings.problems.last
            return settings
        }
        for key in table.keys {
            switch key {
            case "theme":
                if let name = table[key]?.string {
                    settings.theme = name
                } else {
                    settings.problems.append("\(fileName): theme must be a string (a theme name or a file path)")
                }
            case "bell":
                if let bell = table[key]?.bool {
                    settings.bell = bell
                } else {
                    settings.problems.append("\(fileName): bell must be true or false")
                }
            case "notify":
                if let command = table[key]?.string, !command.isEmpty {
                    settings.notify = command
                } else {
                    settings.problems.append("\(fileName): notify must be a non-empty string (a shell command)")
                }
            case "notify_after":
                if let seconds = table[key]?.int, seconds > 0 {
                    settings.notifyAfterSeconds = seconds
                } else {
                    settings.problems.append("\(fileName): notify_after must be a whole number of seconds above 0")
                }
            case "store":
                if let url = table[key]?.string, !url.isEmpty {
                    settings.store = url
                } else {
                    settings.problems.append("\(fileName): store must be a postgres:// URL (docs/team.md)")
                    settings.storeProblem = settings.problems.last
                }
            default:
                settings.problems.append(
                    "\(fileName): unknown setting \(key) (known: theme, bell, notify, notify_after, store)")
            }
        }
        return settings
    }

    /// The theme to draw with: `name` is a built-in name or a theme file's path; a file that
    /// does not parse yields its `file:line` message and the default theme.
    static func resolveTheme(_ name: String?, depth: ColorDepth) -> (theme: Theme, problem: String?) {
        let fallback = Theme.builtIn("default", depth: depth)
        guard let name, !name.isEmpty else { return (fallbackTheme(fallback, depth), nil) }
        if let builtIn = Theme.builtIn(name, depth: depth) { return (builtIn, nil) }
        guard let text = try? String(contentsOfFile: name, encoding: .utf8) else {
            let known = Theme.builtInNames.joined(separator: ", ")
            return (fallbackTheme(fallback, depth), "theme \(name): no such built-in theme (\(known)) or readable file")
        }
        do throws(ThemeError) {
            return (try Theme.parse(text, fileName: name, depth: depth), nil)
        } catch {
            return (fallbackTheme(fallback, depth), "\(error.description); using the default theme")
        }
    }

    private static func fallbackTheme(_ theme: Theme?, _ depth: ColorDepth) -> Theme {
        guard let theme else {
            preconditionFailure("the built-in default theme is missing for depth \(depth)")
        }
        return theme
    }
}
