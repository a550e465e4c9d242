/// Redacted copies of the domain's values, for everything a person or a file sees: the console's
/// screen, logs, reports. Never for deciding: policy judges the action as sent.
extension Redactor {
    /// The action with every secret in its text replaced.
    public func redact(_ action: Action) -> Action {
        var copy = action
        copy.kind = redact(action.kind)
        copy.raw = action.raw.map(redact)
        return copy
    }

    public func redact(_ kind: Action.Kind) -> Action.Kind {
        switch kind {
        case .shell(let command):
            return .shell(command: redact(command))
        case .fileRead(let path):
            return .fileRead(path: redact(path))
        case .fileWrite(let path, let content):
            return .fileWrite(path: redact(path), content: redact(content))
        case .fileEdit(let path, let edits):
            let redacted = edits.map {
                FileEdit(oldText: redact($0.oldText), newText: redact($0.newText), replaceAll: $0.replaceAll)
            }
            return .fileEdit(path: redact(path), edits: redacted)
        case .patch(let text):
            return .patch(text: redact(text))
        case .mcp(var call):
            call.arguments = redact(call.arguments)
            return .mcp(call)
        case .web(let url):
            return .web(url: redact(url))
        case .other(let tool, let input):
            return .other(tool: tool, input: redact(input))
        }
    }

    /// A JSON value redacted as the text it is sent as, so a member's name (`"password": …`)
    /// counts for its value; when that text no longer parses, the redacted text itself.
    public func redact(_ value: JSONValue) -> JSONValue {
        let text = value.canonicalText
        let redacted = redact(text)
        if redacted == text { return value }
        return (try? JSONValue.parse(redacted)) ?? .string(redacted)
    }

    /// The assessment with secrets gone from its reasons, targets, rollbacks and argv.
    public func redact(_ assessment: Assessment) -> Assessment {
        var copy = assessment
        copy.findings = assessment.findings.map { finding in
            var finding = finding
            finding.reason = redact(finding.reason)
            finding.targets = finding.targets.map(redact)
            finding.rollback = finding.rollback.map(redact)
            return finding
        }
        copy.rollback = assessment.rollback.map(redact)
        copy.productionMarkers = assessment.productionMarkers.map(redact)
        copy.commands = assessment.commands.map(redact(argv:))
        return copy
    }

    /// Each word redacted with the program and the word before it as context, so `-pSECRET`
    /// after `mysql` and `SECRET` after `--password` are found word by word.
    public func redact(argv: [String]) -> [String] {
        argv.indices.map { index in
            let word = argv[index]
            var context = index > 0 ? argv[0] + " " : ""
            if index > 1 { context += argv[index - 1] + " " }
            let redacted = redact(context + word)
            guard redacted.utf8.starts(with: context.utf8) else { return redact(word) }
            return String(redacted.utf8.dropFirst(context.utf8.count)) ?? redact(word)
        }
    }

    /// The exception with secrets gone from its reason and scope.
    public func redact(_ exception: PolicyException) -> PolicyException {
        var copy = exception
        copy.reason = redact(exception.reason)
        copy.scope = redact(exception.scope)
        return copy
    }

    public func redact(_ scope: Scope) -> Scope {
        switch scope {
        case .exactAction(let fingerprint): .exactAction(redact(fingerprint))
        case .commandPrefix(let prefix): .commandPrefix(redact(argv: prefix))
        case .paths(let paths): .paths(paths.map(redact))
        case .category, .mcpTool: scope
        }
    }
}
