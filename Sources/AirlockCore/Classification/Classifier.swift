/// The classifier's front door: an action in, an assessment out. Pure and fast (microseconds
/// per command); it never runs a subprocess or touches the file system.
public enum Classifier {
    public static func assess(_ action: Action, host: HostFacts = HostFacts()) -> Assessment {
        let context = ClassificationContext(cwd: action.cwd, workspaceRoot: action.workspaceRoot, host: host)
        switch action.kind {
        case .shell(let command):
            return assess(command: command, context: context)
        case .fileRead(let path):
            return Assessment(
                findings: FileActionClassifier.read(
                    path: path, cwd: context.cwd, workspaceRoot: context.workspaceRoot, host: host),
                hiddenCharacters: HiddenCharacters.find(in: path))
        case .fileWrite(let path, let content):
            return Assessment(
                findings: FileActionClassifier.write(
                    path: path, cwd: context.cwd, workspaceRoot: context.workspaceRoot, host: host)
                    + FileActionClassifier.contentFindings(path: path, texts: [content]),
                hiddenCharacters: HiddenCharacters.find(in: path))
        case .fileEdit(let path, let edits):
            return Assessment(
                findings: FileActionClassifier.write(
                    path: path, cwd: context.cwd, workspaceRoot: context.workspaceRoot, host: host)
                    + FileActionClassifier.contentFindings(path: path, texts: edits.map(\.newText)),
                hiddenCharacters: HiddenCharacters.find(in: path))
        case .patch(let text):
            let paths = FileActionClassifier.patchTargets(text).map(\.path).joined(separator: "\n")
            return Assessment(
                findings: FileActionClassifier.patch(
                    text, cwd: context.cwd, workspaceRoot: context.workspaceRoot, host: host),
                hiddenCharacters: HiddenCharacters.find(in: paths))
        case .mcp(let call):
            let markers = call.arguments.allStrings.prefix(64).compactMap(ProductionMarkers.marker(in:))
            return Assessment(
                findings: MCPClassifier.classify(
                    call, host: host, cwd: context.cwd, workspaceRoot: context.workspaceRoot),
                productionMarkers: Array(markers.prefix(4)),
                hiddenCharacters: HiddenCharacters.find(in: call.tool + " " + call.arguments.canonicalText))
        case .web(let url):
            return Assessment(
                findings: [.remoteRead("fetches \(url.prefix(120))", targets: [url], rule: "web.fetch")],
                productionMarkers: ProductionMarkers.marker(in: url).map { [$0] } ?? [],
                hiddenCharacters: HiddenCharacters.find(in: url))
        case .other(let tool, _):
            return Assessment(findings: [.unknown("the tool \(tool) is not one Airlock knows", rule: "tool.unknown")])
        }
    }

    /// Classifies one shell command line.
    public static func assess(command: String, context: ClassificationContext = ClassificationContext()) -> Assessment {
        assessAsking(command: command, context: context, asking: false).assessment
    }

    /// The assessment, and what the edge should look at for a second pass that judges the real
    /// targets (`EdgeFacts`): where written paths lead through symlinks, the patch files,
    /// archives and git steps named, programs run by path. Empty when nothing is worth a look.
    public static func assessAsking(_ action: Action, host: HostFacts = HostFacts()) -> (
        assessment: Assessment, wanted: EdgeFactRequest
    ) {
        var wanted = EdgeFactRequest()
        let context = ClassificationContext(cwd: action.cwd, workspaceRoot: action.workspaceRoot, host: host)
        func absolute(_ path: String) -> String { PathClassifier.resolve(path, cwd: context.cwd, host: host) }
        switch action.kind {
        case .shell(let command):
            return assessAsking(command: command, context: context)
        case .fileRead(let path), .fileWrite(let path, _), .fileEdit(let path, _):
            wanted.add(path: absolute(path))
        case .patch(let text):
            for target in FileActionClassifier.patchTargets(text).prefix(EdgeFactRequest.limit) {
                wanted.add(path: absolute(target.path))
            }
        case .mcp, .web, .other:
            break
        }
        if !host.edge.realPaths.isEmpty || !host.edge.checkedExecutables.isEmpty { wanted = EdgeFactRequest() }
        if !wanted.paths.isEmpty { wanted.roots = roots(context) }
        return (assess(action, host: host), wanted)
    }

    /// The workspace root and home, absolute, for `EdgeFactRequest.roots`.
    private static func roots(_ context: ClassificationContext) -> [String] {
        [context.workspaceRoot, context.host.home].compactMap { root in
            root.map { PathClassifier.resolve($0, cwd: context.cwd, host: context.host) }
        }.filter { $0.hasPrefix("/") }
    }

    /// `asking` false: the request is not worked out (the hot path of plain classification).
    static func assessAsking(command: String, context: ClassificationContext, asking: Bool = true) -> (
        assessment: Assessment, wanted: EdgeFactRequest
    ) {
        var analyzer = ShellAnalyzer(context: context)
        analyzer.analyze(script: command, depth: 0)
        var wanted = analyzer.wanted
        for finding in asking ? analyzer.findings : []
        where finding.categories.contains(.fileWrite) || finding.categories.contains(.destructiveFS) {
            for target in finding.targets {
                wanted.add(path: PathClassifier.resolve(target, cwd: context.cwd, host: context.host))
            }
        }
        // Looked once: a second pass asks for nothing more.
        if context.host.hasEdgeFacts { wanted = EdgeFactRequest() }
        if !wanted.paths.isEmpty { wanted.roots = roots(context) }
        var findings = analyzer.findings
        if findings.isEmpty {
            findings = [.read("an empty command runs nothing", rule: "shell.empty")]
        }
        // A secret read and a network send in one command line is the shape of exfiltration.
        let readsSecret = findings.contains { $0.categories.contains(.secretsAccess) }
        let sends = findings.contains { $0.categories.contains(.network) || $0.categories.contains(.remoteExec) }
        if readsSecret, sends,
            !findings.contains(where: { $0.categories.contains(.secretsAccess) && $0.categories.contains(.network) })
        {
            findings.append(
                Finding(
                    [.secretsAccess, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                    reason: "reads a secret and talks to the network in one command: possible exfiltration",
                    rollback: "rotate the secret", rule: "flow.exfiltration"))
        }
        let assessment = Assessment(
            findings: findings, productionMarkers: analyzer.productionMarkers,
            hiddenCharacters: HiddenCharacters.find(in: command), commands: analyzer.commands,
            scopeHazards: Array(analyzer.hazards))
        return (assessment, wanted)
    }
}
