using AutoIntel.TestKit;

namespace AutoIntel.Functions.Tests.Engines;

/// <summary>One Azurite storage account (blob, queue, table) shared by every engine test; each test gets its own task hub.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<AzuriteAccountServer>
{
    public const string Name = "Durable engines";
}
