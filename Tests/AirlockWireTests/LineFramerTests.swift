import Testing

@testable import AirlockWire

@Suite struct LineFramerTests {
    private func text(_ results: [Result<[UInt8], FramingError>]) -> [String] {
        results.map { result in
            switch result {
            case .success(let bytes): String(decoding: bytes, as: UTF8.self)
            case .failure(let error): "<\(error)>"
            }
        }
    }

    @Test func splitsLinesInOneChunk() {
        var framer = LineFramer()
        #expect(text(framer.lines(Array("a\nbb\nccc\n".utf8))) == ["a", "bb", "ccc"])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func joinsPartialLinesAcrossChunks() {
        var framer = LineFramer()
        var out: [String] = []
        for byte in Array(#"{"x":1}"#.utf8) + [10] + Array("ab".utf8) {
            out += text(framer.lines([byte]))
        }
        #expect(out == [#"{"x":1}"#])
        out += text(framer.lines(Array("c\n".utf8)))
        #expect(out == [#"{"x":1}"#, "abc"])
    }

    @Test func dropsCarriageReturnBeforeNewline() {
        var framer = LineFramer()
        #expect(text(framer.lines(Array("one\r\ntwo\r".utf8))) == ["one"])
        #expect(text(framer.lines(Array("\n".utf8))) == ["two"])
    }

    @Test func skipsEmptyLines() {
        var framer = LineFramer()
        #expect(text(framer.lines(Array("\n\r\n\nx\n".utf8))) == ["x"])
    }

    @Test func oversizedLineYieldsOneErrorThenNextLineParses() {
        var framer = LineFramer(maxLineBytes: 8)
        var out = text(framer.lines(Array("0123456789".utf8)))
        #expect(out == ["<line longer than 8 bytes; it was discarded up to its newline>"])
        // The rest of the oversized line is skipped, however long, without further errors.
        out = text(framer.lines(Array("abcdefghijklmnop\nok\n".utf8)))
        #expect(out == ["ok"])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func oversizedLineIsReportedBeforeItsNewlineArrives() {
        var framer = LineFramer(maxLineBytes: 4)
        var errors = 0
        for _ in 0..<100 {
            for result in framer.lines(Array("xx".utf8)) {
                if case .failure(.lineTooLong) = result { errors += 1 }
            }
            #expect(framer.bufferedByteCount <= 5)
        }
        #expect(errors == 1)
    }

    @Test func lineOfExactlyTheLimitIsAccepted() {
        var framer = LineFramer(maxLineBytes: 4)
        #expect(
            text(framer.lines(Array("abcd\nabcd\r\nabcde\n".utf8))) == [
                "abcd", "abcd", "<line longer than 4 bytes; it was discarded up to its newline>",
            ])
    }

    @Test func realLimitIsOneMebibyte() {
        var framer = LineFramer()
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: WireProtocol.maxLineBytes + 1) + [10]
        let results = framer.lines(big + Array("{}\n".utf8))
        #expect(results.count == 2)
        #expect(results.first == .failure(.lineTooLong(limit: 1 << 20)))
        #expect(results.last == .success(Array("{}".utf8)))
    }

    @Test func invalidUTF8IsAnErrorAndTheStreamGoesOn() {
        var framer = LineFramer()
        let results = framer.lines([0x7B, 0xFF, 0xFE, 0x7D, 10] + Array("é\n".utf8) + [0xC3, 10])
        #expect(results == [.failure(.invalidUTF8), .success(Array("é".utf8)), .failure(.invalidUTF8)])
    }

    @Test func finishReturnsAnUnterminatedLastLine() {
        var framer = LineFramer()
        #expect(framer.lines(Array("a\nb".utf8)).count == 1)
        #expect(framer.finish() == .success(Array("b".utf8)))
        #expect(framer.finish() == nil)
    }
}
