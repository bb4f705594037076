using System.Collections.Concurrent;
using System.Text;
using AutoIntel.Storage.AzureBlob;
using AutoIntel.TestKit;
using Azure;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;

namespace AutoIntel.Storage.Tests.AzureBlob;

/// <summary>Our retry settings in the SDK's pipeline, and Entra ID sign-in, against a fake Blob endpoint that answers as the REST docs
/// describe (Azurite cannot be told to fail, and accepts OAuth only over HTTPS with its own certificate).</summary>
public sealed class AzureBlobHttpBehaviourTests
{
    private const string FakeKey = "a2V5LWZvci10aGUtZmFrZS1ibG9iLXNlcnZpY2UtMDEyMzQ1Njc4OQ==";

    [Fact]
    public async Task GetAsync_ServerBusyOnceWithRetryAfter_WaitsAndSucceeds()
    {
        var requests = new ConcurrentQueue<DateTimeOffset>();
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapGet("/fake/autointel/{**blob}", (HttpContext context) =>
        {
            requests.Enqueue(DateTimeOffset.UtcNow);
            if (requests.Count == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return ServiceError(503, "ServerBusy", "The server is busy.");
            }

            return Results.Bytes(Encoding.UTF8.GetBytes("finally"), "text/plain");
        }));
        var log = new FakeLogger<AzureBlobArtifactStore>();
        var store = SharedKeyStore(server, logger: log);

        byte[] content = await store.GetAsync("runs/r/a.txt");

        // Azure.Core waits on the system clock, so the delay it computed is read from its log instead of timed.
        Encoding.UTF8.GetString(content).Should().Be("finally");
        requests.Should().HaveCount(2);
        log.Collector.GetSnapshot().Select(r => r.Message).Should().Contain("Azure Blob retry 1 in 1000 ms", "the Retry-After of one second wins over the 10 ms backoff");
    }

    [Theory]
    [InlineData(500, "InternalError")]
    [InlineData(503, "ServerBusy")]
    [InlineData(429, "TooManyRequests")]
    public async Task GetAsync_TransientEveryTime_GivesUpAfterMaxRetriesWithTheServiceCode(int status, string code)
    {
        int requests = 0;
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapGet("/fake/autointel/{**blob}", () =>
        {
            Interlocked.Increment(ref requests);
            return ServiceError(status, code, "Try later.");
        }));
        var store = SharedKeyStore(server, maxRetries: 2);

        Func<Task> act = () => store.GetAsync("runs/r/a.txt");

        var failure = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        failure.Status.Should().Be(status);
        failure.ErrorCode.Should().Be(code);
        failure.Message.Should().Contain(code).And.Contain("Try later.");
        requests.Should().Be(3);
    }

    [Fact]
    public async Task GetAsync_RetryAfterLongerThanMax_FailsAtOnceForTheDurableRetry()
    {
        int requests = 0;
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapGet("/fake/autointel/{**blob}", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            context.Response.Headers.RetryAfter = "3600";
            return ServiceError(503, "ServerBusy", "Down for maintenance.");
        }));
        var store = SharedKeyStore(server);

        Func<Task> act = () => store.GetAsync("runs/r/a.txt");

        await act.Should().ThrowAsync<RequestFailedException>().WithMessage("*ServerBusy*");
        requests.Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_NotFoundWithOtherCode_IsAnErrorNotAMissingArtifact()
    {
        await using var server = await LoopbackHttpServer.StartAsync(app => app.MapGet("/fake/autointel/{**blob}", () => ServiceError(404, "ResourceNotFound", "The specified resource does not exist.")));
        var store = SharedKeyStore(server);

        Func<Task> act = () => store.GetAsync("runs/r/a.txt");

        await act.Should().ThrowAsync<RequestFailedException>().WithMessage("*ResourceNotFound*");
    }

    [Fact]
    public async Task EntraId_SendsBearerTokenForStorageScopeWithRecentVersion()
    {
        var seen = new ConcurrentQueue<(string? Authorization, string? Version)>();
        await using var https = await LoopbackHttpServer.StartAsync(
            app => app.MapGet("/autointel/{**blob}", (HttpContext context) =>
            {
                seen.Enqueue((context.Request.Headers.Authorization, context.Request.Headers["x-ms-version"]));
                return Results.Bytes(Encoding.UTF8.GetBytes("signed in"), "text/plain");
            }),
            certificate: LoopbackCertificate.Certificate);
        var credential = new FixedTokenCredential("entra-token");
        var store = new AzureBlobArtifactStore(new StorageOptions { Kind = "azureblob", BlobServiceUri = https.BaseAddress.ToString() }, credential, TrustingTransport());

        await store.GetAsync("runs/r/a.txt");
        await store.GetAsync("runs/r/b.txt");

        seen.Should().HaveCount(2).And.AllSatisfy(r => r.Authorization.Should().Be("Bearer entra-token"));
        string.CompareOrdinal(seen.First().Version, "2017-11-09").Should().BeGreaterThanOrEqualTo(0, "bearer tokens need x-ms-version 2017-11-09 or later");
        credential.Scopes.Should().Equal("https://storage.azure.com/.default");
        credential.Requests.Should().Be(1, "the token is cached until shortly before it expires");
    }

    [Fact]
    public async Task EntraId_Forbidden_SaysWhichRoleTheIdentityNeeds()
    {
        await using var https = await LoopbackHttpServer.StartAsync(
            app => app.MapPut("/autointel/{**blob}", () => ServiceError(403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.")),
            certificate: LoopbackCertificate.Certificate);
        var options = new StorageOptions { Kind = "azureblob", BlobServiceUri = https.BaseAddress.ToString(), ClientId = "1111-2222" };
        var store = new AzureBlobArtifactStore(options, new FixedTokenCredential("entra-token"), TrustingTransport());

        Func<Task> act = () => store.PutTextAsync("runs/a.txt", "x");

        (await act.Should().ThrowAsync<RequestFailedException>()).Which.Message
            .Should().Contain("Storage Blob Data Contributor").And.Contain("1111-2222");
    }

    private static AzureBlobArtifactStore SharedKeyStore(LoopbackHttpServer server, int maxRetries = 4, FakeLogger<AzureBlobArtifactStore>? logger = null) => new(
        new StorageOptions
        {
            Kind = "azureblob",
            ConnectionString = $"AccountName=fake;AccountKey={FakeKey};BlobEndpoint={server.Url("/fake")}",
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        },
        logger: logger);

    private static HttpClientTransport TrustingTransport() => new(LoopbackCertificate.TrustingHandler());

    // The documented error shape: x-ms-error-code header plus <Error><Code/><Message/></Error>.
    private static ServiceErrorResult ServiceError(int status, string code, string message) => new(status, code, message);

    private sealed class ServiceErrorResult(int status, string code, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["x-ms-error-code"] = code;
            httpContext.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
            httpContext.Response.ContentType = "application/xml";
            return httpContext.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}\nRequestId:x\nTime:2026-01-01T00:00:00Z</Message></Error>");
        }
    }
}
