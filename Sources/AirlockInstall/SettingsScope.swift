/// Which settings file to change: the user's own, or one project's.
public enum SettingsScope: Equatable, Sendable {
    case user
    case project(String)
}
