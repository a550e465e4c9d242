import AirlockCore
import AirlockProbe
import AirlockWire
import Foundation

/// The user's trusted list (`<config>/trusted-repos`) as the broker changes it for a reviewer's
/// `trust` and `untrust`: the repository is named by its git top level, the file keeps its
/// comments and other entries, and a write replaces it whole (a reader never sees half a list).
public struct TrustList: Sendable {
    public let probe: WorkspaceProbe
    /// Why a repository is trusted apart from the list (its trusted `.airlock/policy.toml`).
    public let policyTrust: @Sendable (String) -> String?

    public init(probe: WorkspaceProbe, policyTrust: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.probe = probe
        self.policyTrust = policyTrust
    }

    public var path: String { probe.trustedListPath }

    /// Why the list could not be changed or read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Trusts (or untrusts) the repository holding `directory`.
    public func change(_ directory: String, trusted: Bool) -> Result<TrustResult, Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(Problem(description: "\(directory) is not a directory on this machine"))
        }
        let workspace = probe.workspace(for: directory)
        let remotes: [GitState.Remote]
        if case .measured(let state) = GitStateReader.read(
            directory: workspace, deadline: Deadline(budget: probe.budget))
        {
            remotes = state.remotes
        } else {
            remotes = []
        }
        let text: String
        switch read() {
        case .success(let current): text = current
        case .failure(let problem): return .failure(problem)
        }
        let list = TrustedRepositories(text: text)
        let before = list.reason(workspace: workspace, remotes: remotes, listPath: path)
        var changed = false
        var still: String?
        if trusted {
            if before == nil {
                if let problem = write(TrustedRepositories.adding(workspace, to: text)) { return .failure(problem) }
                changed = true
            }
        } else {
            let (kept, removed) = TrustedRepositories.removing(workspace, remotes: remotes, from: text)
            if !removed.isEmpty {
                if let problem = write(kept) { return .failure(problem) }
                changed = true
            }
            still = policyTrust(workspace)
        }
        return .success(
            TrustResult(
                workspace: workspace, remote: remotes.first?.url, isTrusted: trusted || still != nil, changed: changed,
                listPath: path, stillTrustedBecause: still))
    }

    /// The list's entries, in order.
    public func entries() -> Result<TrustListResult, Problem> {
        read().map { TrustListResult(entries: TrustedRepositories(text: $0).entries, listPath: path) }
    }

    private func read() -> Result<String, Problem> {
        guard FileManager.default.fileExists(atPath: path) else { return .success("") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            return .failure(Problem(description: "\(path) cannot be read as text; fix or remove it"))
        }
        return .success(text)
    }

    private func write(_ text: String) -> Problem? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = directory + "/.trusted-repos.\(getpid()).tmp"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            else { return Problem(description: "cannot write \(temporary)") }
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                return Problem(description: "cannot replace \(path): \(reason)")
            }
            return nil
        } catch {
            return Problem(description: "cannot write \(path): \(error)")
        }
    }
}
