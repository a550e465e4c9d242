import AirlockConsole
import Foundation
import TOMLKit

/// The console's own settings, from `config.toml` in the config directory:
///
///     theme = "light"          # a built-in name or a path to a theme file
///     bell = false             # ring the bell on a new pending action (default true)
///
/// A broken file is reported and the defaults are used: the console still opens.
struct ConsoleSettings: Equatable {
    var theme: String?
    var bell = true
    /// What was wrong with the file, as `file:line: message` lines.
    var problems: [String] = []

    static func load(configDirectory: String) -> ConsoleSettings {
        let path = configDirectory + "/config.toml"
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleSettings() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ConsoleSettings(problems: ["\(path): cannot be read"])
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
            return settings
        } catch {
            settings.problems.append("\(fileName): \(error)")
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
            default:
                settings.problems.append("\(fileName): unknown setting \(key) (known: theme, bell)")
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
