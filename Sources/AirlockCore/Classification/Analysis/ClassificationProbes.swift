/// Single stages of classification, for `airlock-bench` to time on their own.
public enum ClassificationProbes {
    /// Peels the wrappers off one command's words (`sudo timeout 5 git …` → `git …`); the
    /// number of layers peeled.
    public static func unwrap(_ words: [ShellWord]) -> Int {
        Unwrapper.unwrap(words, environment: [:], registry: .shared).layers.count
    }
}
