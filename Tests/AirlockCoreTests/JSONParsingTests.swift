import AirlockCore
import Foundation
import Testing

/// `JSONValue.parse` reads what JSONDecoder reads, the same way, and refuses what it refuses.
struct JSONParsingTests {
    static let valid: [String] = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"  [ 1 , -2.5e3 , 0 , -0 , 1E+2 , 3.25e-1 ] "#,
        #""plain""#,
        #""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude80 \u0000""#,
        #"{"unicode":"漢字 🚀 é"}"#,
        "123456789012345678901234567890",
        "null",
        #"{"nested":[[[[{"x":[]}]]]],"empty":{}}"#,
    ]

    static let invalid: [String] = [
        "", " ", "{", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "-", "+1", "1e", "NaN", "Infinity", "tru", "nul",
        #"{"a" 1}"#, #"{a:1}"#, #"'x'"#, #""\x""#, #""\u12""#, #""\ud800""#, #""\udc00x""#, "\"a\nb\"",
        "1 2", "[1] x", "1e999",
    ]

    @Test(arguments: valid)
    func agreesWithJSONDecoder(_ text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(arguments: invalid)
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(text) }
    }

    /// Unlike JSONDecoder (first wins), the last duplicate wins, as in JavaScript's and
    /// Python's JSON: the harness runs what its own parser read, and the hook must see that.
    @Test func lastDuplicateWins() throws {
        #expect(
            try JSONValue.parse(#"{"tool_input":{"command":"ls","command":"rm -rf /"}}"#)
                == .object(["tool_input": .object(["command": .string("rm -rf /")])]))
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func depthIsBounded() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try JSONValue.parse(fine) != .null)
    }
}
