#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the parent chain of processes, to tell whether a reviewer runs inside an agent's
/// process tree. Linux reads `/proc/<pid>/stat`; macOS asks `sysctl`.
public enum ProcessTree {
    /// Whether `pid` is `ancestor` or descends from it. Unknown processes descend from nothing.
    public static func isDescendant(_ pid: Int32, of ancestor: Int32) -> Bool {
        guard pid > 0, ancestor > 0 else { return false }
        var current = pid
        // Parent chains are short; the bound only guards against a cycle from pid reuse.
        for _ in 0..<256 {
            if current == ancestor { return true }
            guard current > 1, let parent = parent(of: current), parent != current else { return false }
            current = parent
        }
        return false
    }

    /// The parent process id of `pid`, or nil when it cannot be read (gone, or no permission).
    public static func parent(of pid: Int32) -> Int32? {
        #if os(Linux)
            return linuxParent(of: pid)
        #elseif canImport(Darwin)
            return darwinParent(of: pid)
        #else
            return nil
        #endif
    }

    /// The device number of `pid`'s controlling terminal (0: none), or nil when it cannot be
    /// read. Linux only; elsewhere nil, and reviewers on a shared socket are refused.
    public static func terminal(of pid: Int32) -> Int32? {
        #if os(Linux)
            return readStat(pid).flatMap { parseStatField($0, index: 4) }
        #else
            return nil
        #endif
    }

    #if os(Linux)
        private static func linuxParent(of pid: Int32) -> Int32? {
            readStat(pid).flatMap(parseStatParent)
        }

        private static func readStat(_ pid: Int32) -> [UInt8]? {
            guard pid > 0 else { return nil }
            let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: 1024)
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            return Array(bytes.prefix(count))
        }
    #endif

    /// The ppid field of a `/proc/<pid>/stat` line: `pid (comm) state ppid …`, where `comm`
    /// may itself hold spaces and parentheses, so parsing starts after the last `)`.
    static func parseStatParent(_ stat: [UInt8]) -> Int32? {
        parseStatField(stat, index: 1)
    }

    /// A numeric field after `comm`: 0 is the state, 1 the ppid, 2 the process group, 3 the
    /// session, 4 the controlling terminal.
    static func parseStatField(_ stat: [UInt8], index: Int) -> Int32? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = stat[(close + 1)...].split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == UInt8(ascii: " ") || $0 == 0x0A })
        guard fields.count > index else { return nil }
        return Int32(String(decoding: fields[index], as: UTF8.self))
    }

    #if canImport(Darwin)
        private static func darwinParent(of pid: Int32) -> Int32? {
            var info = kinfo_proc()
            var size = MemoryLayout<kinfo_proc>.stride
            var name: [Int32] = [CTL_KERN, KERN_PROC, KERN_PROC_PID, pid]
            guard sysctl(&name, UInt32(name.count), &info, &size, nil, 0) == 0, size > 0 else { return nil }
            return info.kp_eproc.e_ppid
        }
    #endif
}

extension ProcessFacts {
    /// The facts of this machine: `/proc` (or `sysctl`) and the password database.
    public static let live = ProcessFacts(
        isDescendant: ProcessTree.isDescendant, parent: ProcessTree.parent(of:), terminal: ProcessTree.terminal(of:),
        userName: { uid in
            guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
            return String(cString: name)
        },
        isKnownGranter: { name in
            // The console and the broker record account names; `airlock policy grant` of old
            // recorded `cli:<account>`.
            let account = name.hasPrefix("cli:") ? String(name.dropFirst(4)) : name
            return !account.isEmpty && getpwnam(account) != nil
        })
}
