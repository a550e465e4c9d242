import Foundation

extension Date {
    /// Whole milliseconds since 1970: the precision the store keeps, and what the log hashes.
    public var storeMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    public init(storeMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
