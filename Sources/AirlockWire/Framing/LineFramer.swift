/// Splits a byte stream into lines: one JSON object per line, UTF-8, at most `maxLineBytes`.
///
/// A line is ended by `\n`; a `\r` before it is dropped; empty lines are skipped. A line that
/// grows past the limit yields `.lineTooLong` as soon as the limit is crossed, and the rest of
/// it is discarded up to its newline, so one oversized request costs the connection nothing
/// but that request. Memory stays bounded by the limit whatever the peer sends.
public struct LineFramer: Sendable {
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// True while the remainder of an oversized line is being skipped.
    private var isDiscarding = false

    public init(maxLineBytes: Int = WireProtocol.maxLineBytes) {
        precondition(maxLineBytes > 0, "maxLineBytes must be positive, got \(maxLineBytes)")
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes of an unfinished line held so far.
    public var bufferedByteCount: Int { buffer.count }

    /// Feeds a chunk of the stream; `body` receives each complete line or framing error, in order.
    public mutating func append(_ chunk: UnsafeRawBufferPointer, _ body: (Result<[UInt8], FramingError>) -> Void) {
        var start = 0
        let count = chunk.count
        while start < count {
            guard let newline = Self.firstNewline(in: chunk, from: start) else {
                take(chunk, start..<count, body)
                return
            }
            take(chunk, start..<newline, body)
            finishLine(body)
            start = newline + 1
        }
    }

    /// Feeds a chunk held in an array or other contiguous collection.
    public mutating func append(_ bytes: some Collection<UInt8>, _ body: (Result<[UInt8], FramingError>) -> Void) {
        let array = Array(bytes)
        array.withUnsafeBytes { append($0, body) }
    }

    /// Convenience for tests and small clients: the results of one chunk, collected.
    public mutating func lines(_ bytes: some Collection<UInt8>) -> [Result<[UInt8], FramingError>] {
        var out: [Result<[UInt8], FramingError>] = []
        append(bytes) { out.append($0) }
        return out
    }

    /// Ends the stream. A last line without its newline is returned like any other (a client
    /// may shut down its side right after writing); nil when nothing was left.
    public mutating func finish() -> Result<[UInt8], FramingError>? {
        var last: Result<[UInt8], FramingError>?
        finishLine { last = $0 }
        buffer = []
        isDiscarding = false
        return last
    }

    private mutating func take(
        _ chunk: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Result<[UInt8], FramingError>) -> Void
    ) {
        guard !isDiscarding, !range.isEmpty else { return }
        if buffer.count + range.count > maxLineBytes + 1 {
            // One extra byte is allowed for a `\r` that will be stripped at the newline.
            body(.failure(.lineTooLong(limit: maxLineBytes)))
            buffer = []
            isDiscarding = true
            return
        }
        buffer.append(contentsOf: chunk[range])
    }

    private mutating func finishLine(_ body: (Result<[UInt8], FramingError>) -> Void) {
        if isDiscarding {
            isDiscarding = false
            return
        }
        var line = buffer
        buffer = []
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        if line.isEmpty { return }
        if line.count > maxLineBytes {
            body(.failure(.lineTooLong(limit: maxLineBytes)))
            return
        }
        guard Self.isValidUTF8(line) else {
            body(.failure(.invalidUTF8))
            return
        }
        body(.success(line))
    }

    private static func firstNewline(in chunk: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < chunk.count {
            if chunk[index] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return nil
    }

    /// ASCII takes the fast path; anything else goes through the standard library's validator.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}

/// Why a line could not be taken from the stream.
public enum FramingError: Error, Equatable, Sendable, CustomStringConvertible {
    case lineTooLong(limit: Int)
    case invalidUTF8

    public var description: String {
        switch self {
        case .lineTooLong(let limit): "line longer than \(limit) bytes; it was discarded up to its newline"
        case .invalidUTF8: "line is not valid UTF-8"
        }
    }

    /// The JSON-RPC error a broker answers this with.
    public var rpcError: RPCError {
        switch self {
        case .lineTooLong: RPCError(.lineTooLong, description)
        case .invalidUTF8: RPCError(.parseError, description)
        }
    }
}
