using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoIntel.Storage.Tests.AzureBlob;

/// <summary><c>AddAutoIntelArtifactStore</c>: <c>Storage:Kind</c> picks the store, and a bad <c>Storage</c> section fails at start with every problem.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageRegistrationTests : IDisposable
{
    private readonly AzuriteServer _azurite;
    private readonly TempDirectory _files = new();

    public StorageRegistrationTests(AzuriteServer azurite) => _azurite = azurite;

    [Fact]
    public async Task AddAutoIntelArtifactStore_NoStorageSection_UsesFilesUnderDefaultRoot()
    {
        await using ServiceProvider provider = Build([]);

        IArtifactStore store = provider.GetRequiredService<IArtifactStore>();
        await store.PutTextAsync("runs/r/a.txt", "hi");

        store.Should().BeOfType<FileArtifactStore>();
        File.Exists(Path.Combine(_files.Path, "runs", "r", "a.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task AddAutoIntelArtifactStore_KindAzureBlob_StoresInAzurite()
    {
        string container = AzuriteCollection.NewContainer();
        await using ServiceProvider provider = Build(new()
        {
            ["Storage:Kind"] = "azureblob",
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:Container"] = container,
        });

        IArtifactStore store = provider.GetRequiredService<IArtifactStore>();
        await store.PutTextAsync("runs/r/a.txt", "in the blob");

        store.Should().BeOfType<AzureBlobArtifactStore>().Which.Container.Should().Be(container);
        Directory.EnumerateFileSystemEntries(_files.Path).Should().BeEmpty();
        var direct = new AzureBlobArtifactStore(new StorageOptions { ConnectionString = _azurite.ConnectionString, Container = container });
        (await direct.GetTextAsync("runs/r/a.txt")).Should().Be("in the blob");
    }

    [Fact]
    public void AddAutoIntelArtifactStore_DevelopmentStorageShortcut_PointsAtAzuriteDefaults()
    {
        using ServiceProvider provider = Build(new() { ["Storage:Kind"] = "AzureBlob", ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        var store = provider.GetRequiredService<IArtifactStore>().Should().BeOfType<AzureBlobArtifactStore>().Which;

        store.BlobServiceUri.Should().Be(new Uri("http://127.0.0.1:10000/devstoreaccount1"));
        store.AccountName.Should().Be("devstoreaccount1");
        store.Container.Should().Be("autointel");
    }

    [Fact]
    public void AddAutoIntelArtifactStore_BadBlobSection_FailsAtStartListingEveryProblem()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Storage:Kind"] = "azureblob",
            ["Storage:ConnectionString"] = "AccountName=acct",
            ["Storage:BlobServiceUri"] = "not a uri",
            ["Storage:Container"] = "Bad_Name",
            ["Storage:ListPageSize"] = "0",
        });

        Action start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failure = start.Should().Throw<OptionsValidationException>().Which;
        failure.Failures.Should().HaveCount(4);
        failure.Message.Should().Contain("not both").And.Contain("not a valid Azure Storage connection string").And.Contain("Bad_Name").And.Contain("ListPageSize");
    }

    [Fact]
    public void AddAutoIntelArtifactStore_EntraIdOverHttpOrUnknownKind_Refused()
    {
        using ServiceProvider http = Build(new() { ["Storage:Kind"] = "azureblob", ["Storage:BlobServiceUri"] = "http://acct.blob.core.windows.net/" });
        using ServiceProvider misspelt = Build(new() { ["Storage:Kind"] = "azure-blob" });
        using ServiceProvider nothing = Build(new() { ["Storage:Kind"] = "azureblob" });

        Action resolveHttp = () => http.GetRequiredService<IArtifactStore>();
        Action resolveMisspelt = () => misspelt.GetRequiredService<IArtifactStore>();
        Action resolveNothing = () => nothing.GetRequiredService<IArtifactStore>();

        resolveHttp.Should().Throw<OptionsValidationException>().WithMessage("*must be https to sign in with Entra ID*");
        resolveMisspelt.Should().Throw<OptionsValidationException>().WithMessage("*Storage:Kind must be 'files' or 'azureblob'*azure-blob*");
        resolveNothing.Should().Throw<OptionsValidationException>().WithMessage("*UseDevelopmentStorage=true*");
    }

    [Fact]
    public void AddAutoIntelArtifactStore_BlobServiceUriWithSasToken_RefusedWithoutEchoingTheSignature()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Storage:Kind"] = "azureblob",
            ["Storage:BlobServiceUri"] = "https://acct.blob.core.windows.net/?sv=2024-11-04&ss=b&sig=SECRETSIGNATURE",
        });

        Action start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failure = start.Should().Throw<OptionsValidationException>().Which;
        failure.Message.Should().Contain("without a SAS token").And.Contain("https://acct.blob.core.windows.net/").And.NotContain("SECRETSIGNATURE");
    }

    [Theory]
    [InlineData("AccountName=acct", "not a valid Azure Storage connection string")]
    [InlineData("AccountName=acct;AccountKey=not*base64supersecret", "not a valid Azure Storage connection string")]
    [InlineData("AccountName=acct;supersecretkeywithoutequals", "name=value")]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2020&sig=supersecret", "SharedAccessSignature connection strings are not supported")]
    [InlineData("AccountName=acct;AccountKey=c3VwZXJzZWNyZXQ=;BlobEndpoint=ftp://files.example/", "not an http(s) URI")]
    public void AddAutoIntelArtifactStore_BadConnectionString_SaysWhatIsWrongWithoutEchoingSecrets(string connectionString, string expected)
    {
        using ServiceProvider provider = Build(new() { ["Storage:Kind"] = "azureblob", ["Storage:ConnectionString"] = connectionString });

        Action start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain(expected).And.NotContain("supersecret").And.NotContain("c3VwZXJzZWNyZXQ=");
    }

    [Fact]
    public void AddAutoIntelArtifactStore_FunctionsManagedIdentitySettings_UsedWhenStorageNamesNoAccount()
    {
        // What infra/app/functions.bicep sets on the Function App.
        var credential = new FixedTokenCredential("mi-token");
        using ServiceProvider provider = Build(
            new()
            {
                ["Storage:Kind"] = "azureblob",
                ["AzureWebJobsStorage:accountName"] = "stautointel",
                ["AzureWebJobsStorage:credential"] = "managedidentity",
                ["AzureWebJobsStorage:clientId"] = "0000-client",
            },
            services => services.AddSingleton<TokenCredential>(credential));

        var store = provider.GetRequiredService<IArtifactStore>().Should().BeOfType<AzureBlobArtifactStore>().Which;

        store.BlobServiceUri.Should().Be(new Uri("https://stautointel.blob.core.windows.net/"));
        store.AccountName.Should().Be("stautointel");
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.ClientId.Should().Be("0000-client");
    }

    public void Dispose() => _files.Dispose();

    private ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddAutoIntelArtifactStore(configuration, _files.Path);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
