import Foundation
import PropertyBased
import Testing

@testable import AirlockCore

/// Metamorphic tests: a dangerous command keeps its risk and its categories however it is
/// wrapped, and a destructive command keeps its risk however its target is spelled.
struct WrapperPropertyTests {
    static let context = ClassTableTests.context

    static func assess(_ command: String) -> Assessment {
        Classifier.assess(command: command, context: context)
    }

    /// `'…'` quoting for any text.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences("'", with: "'\\''") + "'"
    }

    /// Every dangerous command the tests and the corpus know.
    static let dangerous: [String] = {
        var commands = ShellClassifierTests.dangerous.map(\.command) + ClassTable.cases.filter(\.isHarmful).map(\.command)
        if let corpus = try? CorpusTests.loadCases() {
            commands += corpus.filter { $0.expected == "deny" }.map(\.command)
        }
        var seen = Set<String>()
        return commands.filter { command in
            // Only what Airlock rates high today is a baseline a wrapper must keep.
            seen.insert(command).inserted && assess(command).risk >= .high
        }
    }()

    /// Wrappers that run the whole line as shell code: any command fits.
    static let codeWrappers: [(String, @Sendable (String) -> String)] = [
        ("bash -c", { "bash -c " + quoted($0) }),
        ("sh -c", { "sh -c " + quoted($0) }),
        ("zsh -c", { "zsh -c " + quoted($0) }),
        ("dash -c", { "dash -c " + quoted($0) }),
        ("eval", { "eval " + quoted($0) }),
        ("$( )", { "echo \"$( " + $0 + " )\"" }),
        // Inside backticks a backslash escapes `\`` and `\\`: both are escaped, as a person nesting them must.
        ("backticks", { "echo `" + $0.replacingOccurrences("\\", with: "\\\\").replacingOccurrences("`", with: "\\`") + "`" }),
        ("$(( ))", { "echo $(( $( " + $0 + " ) + 1 ))" }),
        ("<( )", { "cat <( " + $0 + " )" }),
        (">( )", { "echo x > >(" + $0 + ")" }),
        ("( )", { "( " + $0 + " )" }),
        ("{ }", { "{ " + $0 + "; }" }),
        ("heredoc", { "bash <<'EOF'\n" + $0 + "\nEOF" }),
        ("here-string", { "sh <<< " + quoted($0) }),
        ("sudo -s", { "sudo -s " + quoted($0) }),
        ("su -c", { "su -c " + quoted($0) }),
        ("flock -c", { "flock /tmp/l -c " + quoted($0) }),
        ("script -c", { "script -q -c " + quoted($0) + " /dev/null" }),
        ("ssh", { "ssh host " + quoted($0) }),
        ("docker exec", { "docker exec web sh -c " + quoted($0) }),
        ("kubectl exec", { "kubectl exec api -- sh -c " + quoted($0) }),
        ("env -S", { "env -S " + quoted($0) }),
        ("function", { "f() { " + $0 + "; }; f" }),
        ("trap", { "trap " + quoted($0) + " EXIT" }),
        ("tmux", { "tmux new-session -d " + quoted($0) }),
        ("watch", { "watch " + quoted($0) }),
        ("parallel", { "parallel ::: " + quoted($0) }),
        ("xargs sh -c", { "echo x | xargs sh -c " + quoted($0) + " sh" }),
        ("find -exec sh -c", { "find . -maxdepth 0 -exec sh -c " + quoted($0) + " \\;" }),
    ]

    /// Wrappers that run one program with its arguments: they fit a single simple command.
    static let programWrappers: [(String, @Sendable (String) -> String)] = [
        ("sudo", { "sudo " + $0 }), ("sudo -u root", { "sudo -u root " + $0 }), ("doas", { "doas " + $0 }),
        ("env", { "env FOO=1 " + $0 }), ("env -i", { "env -i " + $0 }), ("timeout", { "timeout 10 " + $0 }),
        ("timeout -s", { "timeout -s KILL 5 " + $0 }), ("nice", { "nice -n 5 " + $0 }), ("nice -N", { "nice -10 " + $0 }),
        ("ionice", { "ionice -c3 " + $0 }), ("stdbuf", { "stdbuf -oL " + $0 }), ("time", { "time " + $0 }),
        ("nohup", { "nohup " + $0 }), ("command", { "command " + $0 }), ("exec", { "exec " + $0 }),
        ("setsid", { "setsid " + $0 }), ("chroot", { "chroot / " + $0 }), ("flock", { "flock /tmp/l " + $0 }),
        ("watch -x", { "watch -x " + $0 }), ("taskset", { "taskset 0x1 " + $0 }), ("chrt", { "chrt 10 " + $0 }),
        ("xargs", { "true | xargs " + $0 }), ("strace", { "strace -f " + $0 }), ("unbuffer", { "unbuffer " + $0 }),
        ("uv run", { "uv run " + $0 }), ("npx", { "npx " + $0 }), ("busybox", { "busybox " + $0 }),
        ("runuser", { "runuser -u app -- " + $0 }), ("docker exec", { "docker exec web " + $0 }),
        ("kubectl exec", { "kubectl exec api -- " + $0 }), ("podman exec", { "podman exec -it web " + $0 }),
        ("docker run", { "docker run --rm alpine " + $0 }), ("ssh", { "ssh host " + $0 }),
        ("sudo VAR=x", { "sudo VAR=x " + $0 }), ("\\", { "\\" + $0 }), ("/usr/bin path", { "/usr/bin/" + $0 }),
        ("quoted name", { "\"" + ($0.split(separator: " ").first.map(String.init) ?? "") + "\" " + $0.split(separator: " ").dropFirst().joined(separator: " ") }),
    ]

    /// A single simple command: one program, no assignments, pipes, lists or redirections.
    static func isSimple(_ command: String) -> Bool {
        let script = ShellParser.parse(command)
        guard script.commands.count == 1, let only = script.commands.first else { return false }
        return only.assignments.isEmpty && only.redirections.isEmpty && !only.words.isEmpty
            && !command.contains("&") && !command.contains("\n")
    }

    /// Wrappers whose own syntax would change what the command says: `{}` means the found
    /// file to find and xargs, and `\\`, quoting and a directory only respell a program's name.
    static func fits(_ wrapper: String, _ command: String) -> Bool {
        switch wrapper {
        case "find -exec sh -c", "xargs sh -c", "xargs", "parallel": return !command.contains("{}")
        case "\\", "quoted name", "/usr/bin path": return command.first?.isLetter == true
        default: return true
        }
    }

    static func keeps(_ base: Assessment, _ wrapped: Assessment) -> Bool {
        wrapped.risk >= base.risk && Set(base.categories).subtracting([.read]).isSubset(of: Set(wrapped.categories))
    }

    /// Every wrapper × every dangerous command: the risk never drops and no category is lost.
    @Test func everyWrapperKeepsRiskAndCategories() {
        #expect(Self.dangerous.count > 300)
        var checked = 0
        for command in Self.dangerous {
            let base = Self.assess(command)
            var wrappers = Self.codeWrappers
            if Self.isSimple(command) { wrappers += Self.programWrappers }
            for (name, wrap) in wrappers where Self.fits(name, command) {
                let text = wrap(command)
                let wrapped = Self.assess(text)
                let kept = Self.keeps(base, wrapped)
                #expect(kept, "\(name): \(base.risk) \(base.categories.map(\.rawValue)) → \(wrapped.risk) \(wrapped.categories.map(\.rawValue)) for \(text)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    /// Wrappers nest: two or three of them around a dangerous command still keep it.
    @Test func nestedWrappersKeepRiskAndCategories() async {
        let commands = Self.dangerous
        let code = Self.codeWrappers
        await propertyCheck(
            count: 400, input: Gen.int(in: 0...(commands.count - 1)), Gen.int(in: 0...(code.count - 1)),
            Gen.int(in: 0...(code.count - 1))
        ) { command, outer, inner in
            guard Self.fits(code[inner].0, commands[command]), Self.fits(code[outer].0, code[inner].1(commands[command])) else { return }
            let text = code[outer].1(code[inner].1(commands[command]))
            let base = Self.assess(commands[command])
            let wrapped = Self.assess(text)
            let kept = Self.keeps(base, wrapped)
            #expect(kept, "\(base.risk) \(base.categories.map(\.rawValue)) → \(wrapped.risk) \(wrapped.categories.map(\.rawValue)): \(text)")
        }
    }

    /// Destructive commands over targets, and ways to spell the same target.
    static let templates = [
        "rm -rf {}", "rm -f {}/x", "rm -r {}", "chmod -R 777 {}", "chown -R nobody {}", "find {} -delete",
        "find {} -name '*.log' -delete", "shred -u {}/x", "truncate -s 0 {}/x", "find {} -exec rm -rf {} +",
        "cp /dev/null {}/x", "rsync -a --delete empty/ {}",
    ]
    static let targets = [
        "/", "/etc", "/home/dev", "/home/dev/proj/src", "/home/dev/proj", "/tmp/scratch", "/var/log", "/usr/local/bin",
        "/home/dev/.ssh", "/home/dev/notes", "/opt/app", "/home/dev/proj/node_modules",
    ]
    static let spellings: [(String, @Sendable (String, String) -> String)] = [
        ("a variable", { template, target in "P=\(target); " + template.replacingOccurrences("{}", with: "$P") }),
        ("an exported variable", { template, target in "export P=\(target); " + template.replacingOccurrences("{}", with: "\"$P\"") }),
        ("braces", { template, target in "P=\(target); " + template.replacingOccurrences("{}", with: "${P}") }),
        ("a .. path", { template, target in template.replacingOccurrences("{}", with: "/tmp/.." + target) }),
        ("a . path", { template, target in template.replacingOccurrences("{}", with: target == "/" ? "/." : target + "/.") }),
        ("a doubled slash", { template, target in template.replacingOccurrences("{}", with: "/" + target) }),
        ("a for loop", { template, target in "for p in \(target); do " + template.replacingOccurrences("{}", with: "$p") + "; done" }),
    ]

    /// `P=/etc; rm -rf $P` rates as `rm -rf /etc`; so does `/tmp/../etc`.
    @Test func aTargetSpelledAnotherWayKeepsItsRisk() async {
        let templates = Self.templates
        let targets = Self.targets
        let spellings = Self.spellings
        await propertyCheck(
            count: 600, input: Gen.int(in: 0...(templates.count - 1)), Gen.int(in: 0...(targets.count - 1)),
            Gen.int(in: 0...(spellings.count - 1))
        ) { template, target, spelling in
            // `find {} -exec rm -rf {} +`: only the first {} is the root.
            let plain = Self.literal(templates[template], targets[target])
            let other = spellings[spelling].1(templates[template].replacingOccurrences("-exec rm -rf {}", with: "-exec rm -rf FOUND"), targets[target])
                .replacingOccurrences("FOUND", with: "{}")
            let base = Self.assess(plain)
            let respelled = Self.assess(other)
            #expect(respelled.risk == base.risk, "\(spellings[spelling].0): \(plain) is \(base.risk), \(other) is \(respelled.risk)")
        }
    }

    static func literal(_ template: String, _ target: String) -> String {
        template.replacingOccurrences("-exec rm -rf {}", with: "-exec rm -rf FOUND")
            .replacingOccurrences("{}", with: target).replacingOccurrences("FOUND", with: "{}")
    }

    /// An unknown variable where a destructive command's target goes: unsure, and at least high.
    @Test func anUnknownVariableInADestructiveTargetIsUnsureAndHigh() async {
        let templates = Self.templates
        await propertyCheck(count: 60, input: Gen.int(in: 0...(templates.count - 1))) { template in
            let command = Self.literal(templates[template], "$SOMEWHERE")
            let assessment = Self.assess(command)
            #expect(assessment.risk >= .high, "\(command): \(assessment.risk)")
            #expect(assessment.isUnsure, "\(command)")
        }
    }
}
