import AirlockCore

/// A JSON-RPC request id: a number, a string, or null (JSON-RPC 2.0 §4).
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case number(Int64)
    case string(String)
    case null

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .string(let string): "\"\(string)\""
        case .null: "null"
        }
    }
}

/// An integer (exact: at most 2^53 in size, as JSON numbers are doubles), a string or null.
extension RequestID: JSONCodable {
    static let largest: Double = 9_007_199_254_740_992

    public init(json: JSONValue) throws(JSONShapeError) {
        switch json {
        case .null: self = .null
        case .string(let text): self = .string(text)
        case .number(let number) where abs(number) <= Self.largest:
            guard let integer = Int64(exactly: number) else { fallthrough }
            self = .number(integer)
        default: throw JSONShapeError(.wrongType(expected: "a string, an integer or null"))
        }
    }

    public var json: JSONValue {
        switch self {
        case .number(let number): .number(Double(number))
        case .string(let string): .string(string)
        case .null: .null
        }
    }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int64) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}
