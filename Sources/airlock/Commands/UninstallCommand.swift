import AirlockHarness
import AirlockInstall
import ArgumentParser
import Foundation

/// `airlock uninstall <harness>`: takes Airlock's hook back out of the harness's settings file.
struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove Airlock's hook from a harness's settings (with a backup).",
        discussion: "Removes every `airlock hook <harness>` handler, leaving the rest of the file as it was."
    )

    @OptionGroup var target: HookTarget

    func run() throws {
        let harness = try target.resolvedHarness
        let file = try target.file()
        let installer = HookInstaller(harness: harness)
        guard let old = try file.read() else {
            print("No \(file.path); nothing to remove.")
            return
        }
        let new: String?
        do throws(InstallError) {
            new = try installer.uninstall(from: old)
        } catch {
            throw CLIError("\(file.path) \(error.description); nothing was written")
        }
        guard let new, new != old else {
            print("Airlock's hook is not in \(file.path); nothing changed.")
            return
        }
        let backup = try file.backUp(old)
        print("Backed up \(file.path) to \(backup).")
        // A file left holding nothing (one install created) goes, rather than lingering empty.
        if installer.isVacant(new) {
            try file.remove()
            print("Removed Airlock's hook; \(file.path) held nothing else and was deleted.")
        } else {
            try file.replace(with: new)
            print("Removed Airlock's hook from \(file.path).")
        }
    }
}
