/// A word as a POSIX shell reads it back unchanged, for commands Airlock tells people (and
/// agents) to type: plain when it is made of safe characters, else in single quotes.
public enum ShellQuote {
    public static func word(_ text: String) -> String {
        guard !text.isEmpty else { return "''" }
        if text.unicodeScalars.allSatisfy(isSafe) { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_", "-", "+", ":", "@", "%", ",", "=": true
        default: false
        }
    }
}
