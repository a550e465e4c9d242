/// The members of a JSON object, read by name: the reading half of every `JSONCodable`.
///
/// A member that is `null` reads as absent, as `decodeIfPresent` reads it. Errors carry the
/// path below this object; nested reads (`decode(_:_:)`) add their key.
public struct JSONObject: Sendable {
    public let members: [String: JSONValue]
    /// Protocol 1 spelled an unlabelled value `{"case": {"_0": value}}`; such a lone value reads
    /// as whichever field the case now names. Accepted on input until protocol 3.
    private let legacyValue: JSONValue?

    public init(_ value: JSONValue) throws(JSONShapeError) {
        guard case .object(let members) = value else { throw JSONShapeError(.wrongType(expected: "an object")) }
        self.init(members: members)
    }

    init(members: [String: JSONValue]) {
        self.members = members
        legacyValue = members.count == 1 ? members["_0"] : nil
    }

    /// The member, nil when absent or null.
    public subscript(key: String) -> JSONValue? {
        switch members[key] ?? legacyValue {
        case nil, .null?: nil
        case let value?: value
        }
    }

    public func has(_ key: String) -> Bool { self[key] != nil }

    public func value(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let value = self[key] else { throw JSONShapeError(path: [key], .missing) }
        return value
    }

    public func string(_ key: String) throws(JSONShapeError) -> String {
        guard let text = try optionalString(key) else { throw JSONShapeError(path: [key], .missing) }
        return text
    }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let text) = value else {
            throw JSONShapeError(path: [key], .wrongType(expected: "a string"))
        }
        return text
    }

    public func optionalBool(_ key: String) throws(JSONShapeError) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .bool(let flag) = value else { throw JSONShapeError(path: [key], .wrongType(expected: "a boolean")) }
        return flag
    }

    /// A whole number that fits `T` (JSON has only one number type; `2.0` counts, `2.5` does not).
    public func optionalInteger<T: FixedWidthInteger>(_ key: String, as type: T.Type = Int.self) throws(JSONShapeError)
        -> T?
    {
        guard let value = self[key] else { return nil }
        guard case .number(let number) = value, let integer = T(exactly: number) else {
            throw JSONShapeError(path: [key], .wrongType(expected: "an integer"))
        }
        return integer
    }

    /// A value of a string-backed enum (`"allow"`, `"destructive_fs"`).
    public func name<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError)
        -> T where T.RawValue == String
    {
        guard let value = T(rawValue: try string(key)) else {
            throw JSONShapeError(path: [key], .unknownCase(known: T.allCases.map(\.rawValue)))
        }
        return value
    }

    public func strings(_ key: String) throws(JSONShapeError) -> [String] {
        guard case .array(let values) = try value(key) else {
            throw JSONShapeError(path: [key], .wrongType(expected: "an array of strings"))
        }
        var texts: [String] = []
        for (index, value) in values.enumerated() {
            guard case .string(let text) = value else {
                throw JSONShapeError(path: [key, "[\(index)]"], .wrongType(expected: "a string"))
            }
            texts.append(text)
        }
        return texts
    }

    public func decode<T: JSONCodable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T {
        let value = try value(key)
        do throws(JSONShapeError) {
            return try T(json: value)
        } catch {
            throw error.under(key)
        }
    }

    public func optionalDecode<T: JSONCodable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T? {
        has(key) ? try decode(key, as: type) : nil
    }

    public func array<T: JSONCodable>(_ key: String, of type: T.Type = T.self) throws(JSONShapeError) -> [T] {
        guard case .array(let values) = try value(key) else {
            throw JSONShapeError(path: [key], .wrongType(expected: "an array"))
        }
        var elements: [T] = []
        for (index, value) in values.enumerated() {
            do throws(JSONShapeError) {
                elements.append(try T(json: value))
            } catch {
                throw error.under("[\(index)]").under(key)
            }
        }
        return elements
    }

    /// Reads a tagged value (`{"shell": {"command": "ls"}}`): `body` gets the tag, one of
    /// `known`, and its fields; an error it throws is placed under the tag.
    public static func decodeCase<T>(
        _ json: JSONValue, known: [String], _ body: (String, JSONObject) throws(JSONShapeError) -> T
    ) throws(JSONShapeError) -> T {
        let (name, fields) = try JSONObject(json).onlyCase(known: known)
        do {
            return try body(name, fields)
        } catch {
            throw error.under(name)
        }
    }

    /// The one case of a tagged value and its fields; `known` lists the tags the reader takes,
    /// for the error.
    public func onlyCase(known: [String]) throws(JSONShapeError) -> (name: String, fields: JSONObject) {
        guard members.count == 1, let (name, body) = members.first else { throw JSONShapeError(.notOneCase) }
        guard known.contains(name) else { throw JSONShapeError(path: [name], .unknownCase(known: known)) }
        do throws(JSONShapeError) {
            // Protocol 1's `{"mcp": {"_0": {…}}}`: the fields sat one level down.
            if case .object(let inner) = body, inner.count == 1, case .object(let fields)? = inner["_0"] {
                return (name, JSONObject(members: fields))
            }
            return (name, try JSONObject(body))
        } catch {
            throw error.under(name)
        }
    }
}

extension JSONValue {
    /// An object of the members that are not nil, the writing half of every `JSONCodable`.
    public static func members(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for case (let key, let value?) in members { object[key] = value }
        return .object(object)
    }

    /// A tagged value: `{"name": {fields}}`.
    public static func tagged(_ name: String, _ fields: KeyValuePairs<String, JSONValue?> = [:]) -> JSONValue {
        .object([name: members(fields)])
    }

    /// A string member, absent when nil.
    public init?(_ text: String?) {
        guard let text else { return nil }
        self = .string(text)
    }

    /// A whole number member, absent when nil (JSON numbers are doubles, exact up to 2^53).
    public init?<T: BinaryInteger>(integer: T?) {
        guard let integer else { return nil }
        self = .number(Double(integer))
    }

    /// A boolean member, absent when nil.
    public init?(bool: Bool?) {
        guard let bool else { return nil }
        self = .bool(bool)
    }

    public init(strings: [String]) {
        self = .array(strings.map(JSONValue.string))
    }
}
