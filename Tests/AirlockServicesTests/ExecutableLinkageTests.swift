import AirlockServices
import Foundation
import Testing

/// The ELF program headers say whether an executable needs the dynamic loader.
@Suite struct ExecutableLinkageTests {
    @Test func aDynamicExecutableAndSomethingElse() throws {
        #expect(ExecutableLinkage.of("/bin/sh") == .dynamic)
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("linkage-\(UUID().uuidString)")
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: text)
        defer { try? FileManager.default.removeItem(at: text) }
        #expect(ExecutableLinkage.of(text.path) == .unknown)
        #expect(ExecutableLinkage.of("/no/such/file") == .unknown)
    }

    /// A static executable, made here with the C compiler when there is one.
    @Test func aFullyStaticExecutable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("main.c")
        try Data("int main(void) { return 0; }\n".utf8).write(to: source)
        let output = directory.appendingPathComponent("main")
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["cc", "-static", "-o", output.path, source.path]
        compiler.standardError = FileHandle.nullDevice
        try compiler.run()
        compiler.waitUntilExit()
        try #require(compiler.terminationStatus == 0, "no static C toolchain here")
        #expect(ExecutableLinkage.of(output.path) == .fullyStatic)
    }
}
