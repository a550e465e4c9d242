import AirlockInstall
import Foundation

/// How an ELF executable is linked, read from its program headers: a fully static one has no
/// interpreter (`PT_INTERP`). Anything that is not a 64-bit little-endian ELF is `unknown`.
public enum ExecutableLinkage {
    public static func of(_ path: String) -> HookBinaryChoice.Linkage {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unknown }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 64), header.count == 64,
            Array(header.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1
        else { return .unknown }
        let bytes = Array(header)
        let programHeaders = integer(bytes, at: 0x20, size: 8)
        let entrySize = integer(bytes, at: 0x36, size: 2)
        let count = integer(bytes, at: 0x38, size: 2)
        guard entrySize >= 4, count > 0, count < 256 else { return .unknown }
        do {
            try handle.seek(toOffset: UInt64(programHeaders))
            guard let table = try handle.read(upToCount: entrySize * count), table.count == entrySize * count else {
                return .unknown
            }
            let entries = Array(table)
            for index in 0..<count where integer(entries, at: index * entrySize, size: 4) == 3 {
                return .dynamic  // PT_INTERP: the dynamic loader runs first
            }
            return .fullyStatic
        } catch {
            return .unknown
        }
    }

    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> Int {
        var value = 0
        for index in (0..<size).reversed() { value = value << 8 | Int(bytes[offset + index]) }
        return value
    }
}
