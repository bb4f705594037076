using AutoIntel.TestKit;

namespace AutoIntel.Storage.Tests.AzureBlob;

/// <summary>One Azurite for every test class in this collection; each test works in a container of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";

    /// <summary>A fresh, valid container name.</summary>
    public static string NewContainer() => "t" + Guid.NewGuid().ToString("N");
}
