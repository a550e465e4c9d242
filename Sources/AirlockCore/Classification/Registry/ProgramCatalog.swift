/// Assembles the registry from each section's programs and the rules that belong to no program.
enum ProgramCatalog {
    static func builder() -> RegistryBuilder {
        var builder = RegistryBuilder()
        CorePrograms.register(into: &builder)
        FilePrograms.register(into: &builder)
        WrapperPrograms.register(into: &builder)
        ShellPrograms.register(into: &builder)
        SystemPrograms.register(into: &builder)
        GitProgram.register(into: &builder)
        NetworkPrograms.register(into: &builder)
        DatabasePrograms.register(into: &builder)
        BuildPrograms.register(into: &builder)
        PublishPrograms.register(into: &builder)
        InfraPrograms.register(into: &builder)
        ServicePrograms.register(into: &builder)
        CredentialPrograms.register(into: &builder)
        DesktopPrograms.register(into: &builder)
        builder.addCoreRules(CoreRules.all)
        builder.define(RunnerDefinitions.table)
        return builder
    }
}
