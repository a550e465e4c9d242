#if canImport(Glibc)
    import Glibc
#endif

/// Writes every byte to `descriptor`, retrying short writes and EINTR; false when the reader is
/// gone. Shared by the MCP proxy's pipes and the console's broker socket.
public func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let written = write(descriptor, base + offset, raw.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
