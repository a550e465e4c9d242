/// Which program `airlock install` writes into a harness's settings, and why: the path of an
/// installed `airlock` (never a development build inside `.build/`, which is slow and gone after
/// `swift package clean`, unless asked for), and the small `airlock-hook` beside it when there is
/// one. Pure: the file facts come in.
public struct HookBinaryChoice: Equatable, Sendable {
    /// How an executable is linked, as far as start-up goes.
    public enum Linkage: Equatable, Sendable {
        case fullyStatic
        case dynamic
        case unknown
    }

    /// The facts about the running `airlock` and what lies beside it.
    public struct Facts: Sendable {
        public var airlock: String
        /// The `airlock-hook` beside it, when there is an executable one.
        public var hook: String?
        public var hookLinkage: Linkage

        public init(airlock: String, hook: String?, hookLinkage: Linkage) {
            self.airlock = airlock
            self.hook = hook
            self.hookLinkage = hookLinkage
        }
    }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case developmentBuild(String)

        public var description: String {
            switch self {
            case .developmentBuild(let path):
                "\(path) is a development build inside .build/: a harness would run it before every tool call "
                    + "(slow) and lose it after `swift package clean`. Install Airlock first with `scripts/install` "
                    + "(airlock and the static airlock-hook in ~/.local/bin), then run that airlock's install; or "
                    + "pass --allow-dev to use this build anyway."
            }
        }
    }

    /// The `airlock` whose path goes into the settings.
    public var airlock: String
    /// The small hook, when it is used; else `airlock hook <harness>` runs.
    public var hook: String?
    /// Why this one, in a sentence for the user.
    public var why: String

    public static func choose(_ facts: Facts, allowDevelopment: Bool) throws(Refusal) -> HookBinaryChoice {
        if isDevelopmentBuild(facts.airlock), !allowDevelopment { throw .developmentBuild(facts.airlock) }
        guard let hook = facts.hook else {
            return HookBinaryChoice(
                airlock: facts.airlock, hook: nil,
                why: "no airlock-hook beside \(facts.airlock), so `airlock hook` runs (slower to start; "
                    + "scripts/install puts the static airlock-hook beside airlock)")
        }
        let why: String =
            switch facts.hookLinkage {
            case .fullyStatic: "the fully static airlock-hook beside airlock (the fastest start)"
            case .dynamic:
                "the airlock-hook beside airlock; it is linked dynamically and starts slower than the static one "
                    + "scripts/install builds"
            case .unknown: "the airlock-hook beside airlock"
            }
        return HookBinaryChoice(airlock: facts.airlock, hook: hook, why: why)
    }

    /// Whether `path` lies in a SwiftPM build directory (a `.build` component, or `.build-…`).
    public static func isDevelopmentBuild(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0 == ".build" || $0.hasPrefix(".build-") }
    }
}
