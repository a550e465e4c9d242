/// Placeholder until the module lands (issue 3).
enum AirlockStoreModule {}
