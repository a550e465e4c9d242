import Testing

@testable import AirlockCore

/// The parser finds every command the text would run, and keeps data as data.
struct ShellParserTests {
    /// Program names of every simple command, in order.
    static func programs(_ text: String) -> [String] {
        ShellParser.parse(text).commands.compactMap { $0.words.first?.text }
    }

    @Test(arguments: [
        ("git status && git reset --hard", ["git", "git"]),
        ("a; b || c | d & e", ["a", "b", "c", "d", "e"]),
        ("(cd /tmp && rm -rf x)", ["cd", "rm"]),
        ("{ git reset --hard; echo done; }", ["git", "echo"]),
        ("echo $(git reset --hard)", ["git", "echo"]),
        ("echo `rm -rf /home`", ["rm", "echo"]),
        ("echo \"$(whoami)\"", ["whoami", "echo"]),
        ("echo '$(not run)'", ["echo"]),
        ("diff <(ls a) <(ls b)", ["ls", "ls", "diff"]),
        ("if command -v git >/dev/null; then echo found; fi", ["command", "echo"]),
        ("for f in *.txt; do rm \"$f\"; done", ["rm"]),
        ("while true; do sleep 1; done", ["true", "sleep"]),
        ("f() { rm -rf /; }; f", ["rm", "f"]),
        ("x=$(rm -rf /)", ["rm"]),
        ("echo ${x:-$(rm -rf /)}", ["rm", "echo"]),
        ("echo $(( $(rm -rf /) + 1 ))", ["rm", "echo"]),
        ("rm -rf /home & disown", ["rm", "disown"]),
        ("echo hello \\\nworld", ["echo"]),
        ("# rm -rf /\nls", ["ls"]),
        ("ls # rm -rf /", ["ls"]),
    ])
    func findsEveryCommand(text: String, expected: [String]) {
        #expect(Self.programs(text) == expected)
    }

    @Test func quotingIsRemovedAndRecorded() throws {
        let command = try #require(ShellParser.parse(#"git commit -m "drop table users" 'a b'\ c"#).commands.first)
        #expect(command.words.map(\.text) == ["git", "commit", "-m", "drop table users", "a b c"])
        #expect(command.words[3].isQuoted)
        #expect(!command.words[0].isQuoted)
    }

    @Test func ansiCQuotingIsDecoded() throws {
        let command = try #require(ShellParser.parse("echo $'rm\\x20-rf\\t/\\e'").commands.first)
        #expect(command.words[1].text == "rm -rf\t/\u{1B}")
    }

    @Test func heredocBodiesAreData() throws {
        let script = ShellParser.parse("cat <<EOF > out.txt\nrm -rf /\nEOF\nls")
        #expect(script.commands.map { $0.words.first?.text } == ["cat", "ls"])
        #expect(script.commands[0].redirections.first?.heredocBody == "rm -rf /\n")
        #expect(script.commands[0].redirections.last?.target.text == "out.txt")
    }

    @Test func unquotedHeredocSubstitutionsRun() {
        #expect(Self.programs("cat <<EOF\n$(rm -rf /)\nEOF") == ["cat", "rm"])
        #expect(Self.programs("cat <<'EOF'\n$(rm -rf /)\nEOF") == ["cat"])
    }

    @Test func tabStrippingHeredoc() throws {
        let script = ShellParser.parse("cat <<-EOF\n\trm -rf /home/user\n\tEOF")
        #expect(script.commands.first?.redirections.first?.heredocBody == "rm -rf /home/user\n")
    }

    @Test func assignmentsAreSeparated() throws {
        let command = try #require(ShellParser.parse("FOO=1 BAR='x y' env").commands.first)
        #expect(command.assignments.map(\.text) == ["FOO=1", "BAR=x y"])
        #expect(command.words.map(\.text) == ["env"])
        let quoted = try #require(ShellParser.parse("\"FOO=1\" cmd").commands.first)
        #expect(quoted.assignments.isEmpty)
    }

    @Test func pipelinesAreLinked() {
        let script = ShellParser.parse("curl -s x | sudo bash; ls | wc")
        let pipes = script.commands.map { ($0.pipelineID, $0.pipelineIndex) }
        #expect(pipes[0].0 == pipes[1].0)
        #expect(pipes[1].1 == 1)
        #expect(pipes[2].0 != pipes[1].0)
        #expect(pipes[2].1 == 0)
    }

    @Test func redirectionsWithDescriptors() throws {
        let command = try #require(ShellParser.parse("cmd 2>&1 >>log.txt &>/dev/null <in").commands.first)
        #expect(command.redirections.map(\.op) == [.duplicateOutput, .append, .outputAll, .input])
        #expect(command.redirections[0].fd == 2)
        #expect(command.words.map(\.text) == ["cmd"])
    }

    @Test(arguments: ["echo 'unterminated", "echo \"open", "echo $(ls", "echo `ls", "cat <<EOF\nno end", "echo ${x"])
    func unbalancedInputStillParses(text: String) {
        let script = ShellParser.parse(text)
        #expect(!script.problems.isEmpty)
        #expect(!script.commands.isEmpty)
    }

    @Test func deepNestingIsCutOffNotCrashed() {
        let depth = 5_000
        let text = String(repeating: "$(", count: depth) + "rm -rf /" + String(repeating: ")", count: depth)
        let script = ShellParser.parse(text)
        #expect(script.isTruncated)
        let subshells = String(repeating: "( ", count: 100_000)
        #expect(ShellParser.parse(subshells).isTruncated)
        #expect(!ShellParser.parse(String(repeating: "(", count: 100_000)).problems.isEmpty)
    }
}
