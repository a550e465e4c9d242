/// A theme file that cannot be used, with the place to fix it; the caller falls back to the default theme.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public var fileName: String
    public var line: Int
    public var message: String

    public init(fileName: String, line: Int, message: String) {
        self.fileName = fileName
        self.line = line
        self.message = message
    }

    public var description: String { "\(fileName):\(line): \(message)" }
}
