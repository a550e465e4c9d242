import AirlockCore
import GRDB

/// Why a store operation failed. Descriptions name what went wrong, never the values involved:
/// SQL arguments, commands and reasons can carry secrets.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exception breaks a rule every grant must keep (no expiry, over the cap, hard floor, …).
    case exceptionRefused(ExceptionProblem)
    case duplicateException(id: String)
    /// A policy file hash that is not 64 hexadecimal digits.
    case invalidPolicyHash
    case cannotOpen(path: String, reason: String)
    /// A stored row that no longer decodes (changed outside the store, or by a newer version);
    /// `key` names it when it is known.
    case unreadableRecord(table: String, key: String?)
    /// SQLite's own result code and message (which never includes bound values).
    case database(code: Int32, message: String)
    case unexpected(String)

    public var description: String {
        switch self {
        case .exceptionRefused(let problem): "exception refused: \(problem)"
        case .duplicateException(let id): "an exception with id \(id) already exists"
        case .invalidPolicyHash: "a policy file hash must be a SHA-256 digest in 64 hexadecimal digits"
        case .cannotOpen(let path, let reason): "cannot open the policy store at \(path): \(reason)"
        case .unreadableRecord(let table, let key?): "record \(key) of \(table) cannot be read"
        case .unreadableRecord(let table, nil): "a record of \(table) cannot be read"
        case .database(let code, let message): "policy store error \(code): \(message)"
        case .unexpected(let kind): "unexpected policy store error (\(kind))"
        }
    }

    /// Wraps whatever a database call on `table` threw, keeping only what is safe to show.
    init(_ error: any Error, table: String? = nil) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError:
            self = .database(code: error.extendedResultCode.rawValue, message: error.message ?? "")
        case is RowDecodingError, is DecodingError:
            self = .unreadableRecord(table: table ?? "the store", key: nil)
        default:
            self = .unexpected(String(describing: type(of: error)))
        }
    }
}
