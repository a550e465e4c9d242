import ArgumentParser

/// `airlock`: an approval gate between AI coding agents and the world.
@main
struct Airlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "An approval gate between AI coding agents and the world.",
        discussion: """
            Every agent action passes one local gate: it is classified (read, test, install, \
            network, destructive, deploy, migration, secrets, …), its blast radius estimated, \
            the policy checked, and it is either decided at once or shown to a human.
            """,
        version: "0.1.0",
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, DemoAgentsCommand.self, CheckCommand.self, ServeCommand.self,
            StatusCommand.self, PolicyCommand.self, AuditCommand.self,
            HookCommand.self, ExecCommand.self, MCPCommand.self, InstallCommand.self, UninstallCommand.self,
            DoctorCommand.self, TrustCommand.self, UntrustCommand.self, RulesCommand.self, SetupCommand.self,
            ReviewerCommand.self, TeamCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
