/// Where the store lives inside Airlock's state directory (`AIRLOCK_STATE_DIR`).
public struct StorePaths {
    /// The database file: `<stateDirectory>/airlock.sqlite`.
    public static func defaultDatabase(stateDirectory: String) -> String {
        stateDirectory + "/airlock.sqlite"
    }
}
