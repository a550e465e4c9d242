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
        copy.commands = redact(commands: assessment.commands)
        return copy
    }

    /// Each word redacted with the words before it as context, so `-pSECRET` after `mysql`,
    /// `SECRET` after `--password` and an AWS secret after its key id are found word by word.
    public func redact(argv: [String]) -> [String] {
        redact(commands: [argv])[0]
    }

    /// Every command's words redacted with the words before them, across commands too: text
    /// that is no shell (`.netrc` lines, a key block) reaches the classifier as several
    /// commands, and its secret is known only from what came before. A word inside a secret
    /// that began in an earlier word is replaced whole. The context is the last `contextBytes`
    /// of words, so a long command costs no more than a short one per word.
    public func redact(commands: [[String]], contextBytes: Int = 4096) -> [[String]] {
        var context: [String] = []
        var contextSize = 0
        return commands.map { argv in
            let redacted = argv.map { word -> String in
                let prefix = context.joined()
                let line = prefix + word
                let whole = redact(line)
                let before = redact(prefix)
                context.append(word + " ")
                contextSize += word.utf8.count + 1
                while contextSize > contextBytes, context.count > 1 {
                    contextSize -= context.removeFirst().utf8.count
                }
                if whole.utf8.starts(with: before.utf8), let rest = String(whole.utf8.dropFirst(before.utf8.count)) {
                    return rest
                }
                guard whole != line else { return redact(word) }
                return "[REDACTED:\(findings(in: line).last ?? "secret")]"
            }
            if let last = context.indices.last { context[last] = String(context[last].dropLast()) + "\n" }
            return redacted
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
