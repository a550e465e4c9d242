/// A type whose JSON form is written by hand, once, against `JSONValue`: named keys, enums as
/// one-key objects (`{"shell": {"command": "ls"}}`), never the compiler's `"_0"`. Renaming a
/// Swift case or property therefore cannot change the protocol or what is stored.
///
/// The same mapping serves every reader and writer: Foundation's JSONEncoder and JSONDecoder
/// through the `Codable` conformance below (the broker's other messages, consoles, the store),
/// and the standard library alone through `JSONValue.parse` and `JSONValue.jsonText` (the hook,
/// which links no Foundation JSON).
public protocol JSONCodable: Codable {
    init(json: JSONValue) throws(JSONShapeError)
    var json: JSONValue { get }
}

extension JSONCodable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        do {
            try self.init(json: value)
        } catch {
            // Said the way Foundation says it, with the path from the top of the document.
            let keys = decoder.codingPath + error.path.map(JSONPathKey.init)
            let context = DecodingError.Context(codingPath: keys, debugDescription: error.description)
            switch error.problem {
            case .missing:
                throw DecodingError.keyNotFound(
                    keys.last ?? JSONPathKey("value"),
                    DecodingError.Context(codingPath: Array(keys.dropLast()), debugDescription: error.description))
            case .wrongType: throw DecodingError.typeMismatch(Self.self, context)
            case .unknownCase, .notOneCase: throw DecodingError.dataCorrupted(context)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// A key of a `JSONShapeError` path, for Foundation's errors.
struct JSONPathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ text: String) {
        stringValue = text
        intValue = text.hasPrefix("[") ? Int(text.dropFirst().dropLast()) : nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = "[\(intValue)]"
        self.intValue = intValue
    }
}
