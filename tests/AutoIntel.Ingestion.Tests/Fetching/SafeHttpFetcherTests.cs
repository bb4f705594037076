using System.Net;
using System.Text;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests.Fetching;

public sealed class SafeHttpFetcherTests : IAsyncLifetime
{
    private const string Html = "<html><head><title>T</title></head><body><p>Hello</p></body></html>";

    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync(app =>
    {
        app.MapGet("/page", () => Results.Content(Html, "text/html; charset=utf-8"));
        app.MapGet("/subs.srt", () => Results.Text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "application/x-subrip"));
        app.MapGet("/plain-subs.vtt", () => Results.Text("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", "text/plain"));
        app.MapGet("/notes", () => Results.Text("just text", "text/plain"));
        app.MapGet("/audio", () => Results.Bytes(new byte[] { 1, 2, 3 }, "audio/mpeg"));
        app.MapGet("/pdf", () => Results.Bytes(new byte[] { 37, 80, 68, 70 }, "application/pdf"));
        app.MapGet("/no-type", async (HttpContext ctx) => await ctx.Response.Body.WriteAsync(new byte[] { 1 }));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/unavailable", () => Results.StatusCode(503));
        app.MapGet("/to-page", () => Results.Redirect("/page"));
        app.MapGet("/to-private", () => Results.Redirect("http://10.1.2.3/secret"));
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        app.MapGet("/to-localhost", (HttpContext ctx) => Results.Redirect($"http://localhost:{ctx.Connection.LocalPort}/page"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/big-declared", () => Results.Text(new string('a', 2048), "text/plain"));
        app.MapGet("/big-audio", () => Results.Bytes(new byte[4096], "audio/mpeg"));
        app.MapGet("/big-audio-chunked", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "audio/wav";
            for (int i = 0; i < 16; i++)
            {
                await ctx.Response.Body.WriteAsync(new byte[256]);
                await ctx.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/big-chunked", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "text/plain";
            byte[] piece = Encoding.ASCII.GetBytes(new string('b', 256));
            for (int i = 0; i < 16; i++)
            {
                await ctx.Response.Body.WriteAsync(piece, ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        app.MapGet("/slow", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync("start", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        });
        app.MapGet("/huge-headers", (HttpContext ctx) =>
        {
            // 80 KiB of headers, past the client's 64 KiB limit.
            for (int i = 0; i < 20; i++)
            {
                ctx.Response.Headers[$"X-Padding-{i}"] = new string('h', 4096);
            }

            return Results.Text("body", "text/plain");
        });
        app.MapGet("/echo-host", (HttpContext ctx) => Results.Text($"host={ctx.Request.Host}", "text/plain"));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FetchAsync_AllowedLoopbackHtml_ReturnsBodyAndKind()
    {
        FetchedContent content = await FetchAsync("/page");

        content.Kind.Should().Be(ContentKind.Article);
        content.MediaType.Should().Be("text/html");
        content.Charset.Should().Be("utf-8");
        Encoding.UTF8.GetString(content.Bytes).Should().Be(Html);
    }

    [Theory]
    [InlineData("/subs.srt", ContentKind.Subtitles, "application/x-subrip")]
    [InlineData("/plain-subs.vtt", ContentKind.Subtitles, "text/vtt")]
    [InlineData("/notes", ContentKind.PlainText, "text/plain")]
    [InlineData("/audio", ContentKind.Audio, "audio/mpeg")]
    public async Task FetchAsync_AcceptedTypes_MapToKind(string path, ContentKind kind, string mediaType)
    {
        FetchedContent content = await FetchAsync(path);

        content.Kind.Should().Be(kind);
        content.MediaType.Should().Be(mediaType);
    }

    [Fact]
    public async Task FetchAsync_RedirectWithinAllowedHost_Followed()
    {
        FetchedContent content = await FetchAsync("/to-page");

        content.FinalUrl.Should().Be(_server.Url("/page"));
    }

    [Theory]
    [InlineData("/to-private", "10.1.2.3 is a private address")]
    [InlineData("/to-metadata", "169.254.169.254 is a cloud metadata endpoint")]
    [InlineData("/to-localhost", "localhost resolves to")]
    [InlineData("/to-file", "only http and https")]
    public async Task FetchAsync_RedirectToForbiddenTarget_Refused(string path, string reason)
    {
        Func<Task> act = () => FetchAsync(path);

        (await act.Should().ThrowAsync<ContentRefusedException>())
            .Which.Message.Should().Contain(reason).And.Contain("redirected from").And.NotContain("\n");
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_RefusedAfterLimit()
    {
        Func<Task> act = () => FetchAsync("/loop");

        (await act.Should().ThrowAsync<ContentRefusedException>()).WithMessage("*more than 3 redirects*Fetch__MaxRedirects*");
    }

    [Fact]
    public async Task FetchAsync_ContentLengthOverLimit_Refused()
    {
        Func<Task> act = () => FetchAsync("/big-declared", maxBytes: 1024);

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*larger than the 1 KiB limit*Fetch__MaxBytes*");
    }

    [Fact]
    public async Task FetchAsync_AudioOverMaxBytesUnderMaxAudioBytes_Accepted()
    {
        FetchedContent content = await FetchAsync("/big-audio", maxBytes: 1024, maxAudioBytes: 8192);

        content.Kind.Should().Be(ContentKind.Audio);
        content.Bytes.Should().HaveCount(4096);
    }

    [Theory]
    [InlineData("/big-audio")]
    [InlineData("/big-audio-chunked")]
    public async Task FetchAsync_AudioOverMaxAudioBytes_RefusedNamingTheAudioSetting(string path)
    {
        Func<Task> act = () => FetchAsync(path, maxBytes: 64 * 1024, maxAudioBytes: 2048);

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*audio is larger than the 2 KiB limit*Fetch__MaxAudioBytes*");
    }

    [Fact]
    public async Task FetchAsync_TextUnderMaxAudioBytesOverMaxBytes_StillRefused()
    {
        Func<Task> act = () => FetchAsync("/big-declared", maxBytes: 1024, maxAudioBytes: 1024 * 1024);

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*content is larger than the 1 KiB limit*Fetch__MaxBytes*");
    }

    [Fact]
    public async Task FetchAsync_ChunkedStreamOverLimit_Refused()
    {
        Func<Task> act = () => FetchAsync("/big-chunked", maxBytes: 1024);

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*larger than the 1 KiB limit*");
    }

    [Fact]
    public async Task FetchAsync_ChunkedStreamWithinLimit_Accepted()
    {
        FetchedContent content = await FetchAsync("/big-chunked", maxBytes: 4096);

        content.Bytes.Should().HaveCount(4096);
    }

    [Theory]
    [InlineData("/pdf", "content type application/pdf is not supported")]
    [InlineData("/no-type", "no Content-Type")]
    [InlineData("/missing", "answered 404")]
    public async Task FetchAsync_UnusableResponse_Refused(string path, string reason)
    {
        Func<Task> act = () => FetchAsync(path);

        (await act.Should().ThrowAsync<ContentRefusedException>()).Which.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task FetchAsync_ServerError_ThrowsRetryableHttpRequestException()
    {
        Func<Task> act = () => FetchAsync("/unavailable");

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task FetchAsync_OversizedResponseHeaders_RefusedNotRetried()
    {
        Func<Task> act = () => FetchAsync("/huge-headers");

        (await act.Should().ThrowAsync<ContentRefusedException>()).Which.Message.Should()
            .StartWith($"Refused {_server.Url("/huge-headers").AbsoluteUri}: the server's response headers are larger than the 64 KiB limit.");
    }

    [Fact]
    public async Task FetchAsync_SlowServer_RefusedAtTimeout()
    {
        Func<Task> act = () => FetchAsync("/slow", timeout: "00:00:00.300");

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*no complete response within 300 ms*Fetch__Timeout*");
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Func<Task> act = () => FetchAsync("/page", cancellationToken: cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData("http://2130706433/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0x7f000001/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0x7f.1/", "127.0.0.1 is a loopback address")]
    [InlineData("http://127.1/", "127.0.0.1 is a loopback address")]
    [InlineData("http://017700000001/", "127.0.0.1 is a loopback address")]
    [InlineData("http://127.0.0.1./", "127.0.0.1 is a loopback address")]
    [InlineData("http://0.0.0.0/", "0.0.0.0 is an unspecified address")]
    [InlineData("http://10.0.0.5/", "10.0.0.5 is a private address")]
    [InlineData("http://192.168.0.1:8080/admin", "192.168.0.1 is a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://100.100.100.200/", "cloud metadata")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a cloud metadata endpoint")]
    [InlineData("http://METADATA.google.internal./", "cloud metadata")]
    [InlineData("http://[::1]/", "::1 is a loopback address")]
    [InlineData("http://[::]/", "is an unspecified address")]
    [InlineData("http://[::ffff:127.0.0.1]/", "it embeds 127.0.0.1")]
    [InlineData("http://[::ffff:7f00:1]/", "it embeds 127.0.0.1")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "cloud metadata")]
    [InlineData("http://[::127.0.0.1]/", "it embeds 127.0.0.1")]
    [InlineData("http://[64:ff9b::a00:5]/", "it embeds 10.0.0.5")]
    [InlineData("http://[2002:a9fe:a9fe::]/", "cloud metadata")]
    [InlineData("http://[fe80::1%25eth0]/", "link-local")]
    [InlineData("http://[fd00:ec2::254]/", "cloud metadata")]
    [InlineData("http://[fc00::1]/", "unique-local")]
    [InlineData("http://999.1.1.1/", "not a valid host name or IP address")]
    [InlineData("ftp://example.com/file.txt", "only http and https")]
    public async Task FetchAsync_ForbiddenLiteralOrName_RefusedWithoutNetwork(string url, string reason)
    {
        await using ServiceProvider provider = TestServices.Build();
        SafeHttpFetcher fetcher = provider.GetRequiredService<SafeHttpFetcher>();

        Func<Task> act = () => fetcher.FetchAsync(new Uri(url));

        ContentRefusedException refusal = (await act.Should().ThrowAsync<ContentRefusedException>()).Which;
        refusal.Message.Should().StartWith("Refused ").And.Contain(reason).And.NotContain("\n");
        refusal.Should().BeAssignableTo<PermanentFailureException>();
    }

    [Fact]
    public async Task FetchAsync_PrivateAddress_MessageNamesTheFix()
    {
        await using ServiceProvider provider = TestServices.Build();

        Func<Task> act = () => provider.GetRequiredService<SafeHttpFetcher>().FetchAsync(new Uri("http://10.0.0.5/"));

        await act.Should().ThrowAsync<ContentRefusedException>()
            .WithMessage("Refused http://10.0.0.5/: 10.0.0.5 is a private address. Allow it with Fetch__AllowedHosts or --allow-host.");
    }

    [Fact]
    public async Task FetchAsync_LoopbackNotAllowed_Refused()
    {
        await using ServiceProvider provider = TestServices.Build();

        Func<Task> act = () => provider.GetRequiredService<SafeHttpFetcher>().FetchAsync(_server.Url("/page"));

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*127.0.0.1 is a loopback address*");
    }

    [Fact]
    public async Task FetchAsync_NameResolvingToPrivateAddress_RefusedBeforeConnecting()
    {
        var resolver = new FakeResolver { ["evil.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.5")] };
        await using ServiceProvider provider = TestServices.Build(configure: s => s.AddSingleton<IHostResolver>(resolver));

        Func<Task> act = () => provider.GetRequiredService<SafeHttpFetcher>().FetchAsync(new Uri("http://evil.test/"));

        await act.Should().ThrowAsync<ContentRefusedException>()
            .WithMessage("Refused http://evil.test/: evil.test resolves to 10.0.0.5, a private address.*");
    }

    [Fact]
    public async Task FetchAsync_AllowedName_ConnectsToTheResolvedAddressOnly()
    {
        // The system resolver cannot resolve "pinned.test"; reaching the server proves the connection used the checked address.
        var resolver = new FakeResolver { ["pinned.test"] = [IPAddress.Loopback] };
        var settings = new Dictionary<string, string?> { ["Fetch:AllowedHosts"] = "pinned.test" };
        await using ServiceProvider provider = TestServices.Build(settings, s => s.AddSingleton<IHostResolver>(resolver));

        FetchedContent content = await provider.GetRequiredService<SafeHttpFetcher>().FetchAsync(new Uri($"http://pinned.test:{_server.Port}/echo-host"));

        Encoding.UTF8.GetString(content.Bytes).Should().Be($"host=pinned.test:{_server.Port}");
        resolver.Lookups.Should().Contain("pinned.test");
    }

    private async Task<FetchedContent> FetchAsync(string path, long maxBytes = 64 * 1024, string timeout = "00:00:10", long? maxAudioBytes = null, CancellationToken cancellationToken = default)
    {
        var settings = TestServices.Loopback(maxBytes, timeout);
        if (maxAudioBytes is { } audio)
        {
            settings["Fetch:MaxAudioBytes"] = audio.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using ServiceProvider provider = TestServices.Build(settings);
        return await provider.GetRequiredService<SafeHttpFetcher>().FetchAsync(_server.Url(path), cancellationToken);
    }

    private sealed class FakeResolver : Dictionary<string, IPAddress[]>, IHostResolver
    {
        public List<string> Lookups { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
        {
            Lookups.Add(host);
            return TryGetValue(host, out IPAddress[]? found)
                ? Task.FromResult(found)
                : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
        }
    }
}
