using System.Text;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests;

public sealed class ContentAcquirerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private LoopbackHttpServer _server = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/article", () => Results.Content(File.ReadAllText("Fixtures/article.html"), "text/html; charset=utf-8"));
            app.MapGet("/captions/talk.vtt", () => Results.Text(File.ReadAllText("Fixtures/sample.vtt"), "text/vtt"));
            app.MapGet("/files/episode-12.srt", () => Results.Text(File.ReadAllText("Fixtures/sample.srt"), "text/plain"));
            app.MapGet("/binary.txt", () => Results.Bytes(new byte[] { 1, 0, 2 }, "text/plain"));
        });
        _provider = TestServices.Build(TestServices.Loopback());
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private IContentAcquirer Acquirer => _provider.GetRequiredService<IContentAcquirer>();

    private InMemoryArtifactStore Store => (InMemoryArtifactStore)_provider.GetRequiredService<IArtifactStore>();

    [Fact]
    public async Task AcquireAsync_HtmlLink_StoresRawAndTakesOgTitle()
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url("/article").AbsoluteUri, "run1");

        content.Kind.Should().Be(ContentKind.Article);
        content.Title.Should().Be("Wind power & the grid");
        content.MediaType.Should().Be("text/html; charset=utf-8");
        content.Raw.Path.Should().Be("runs/run1/source.html");
        Encoding.UTF8.GetString(await Store.GetAsync("runs/run1/source.html")).Should().Contain("<article>");
    }

    [Theory]
    [InlineData("/captions/talk.vtt", "runs/r2/source.vtt", "talk")]
    [InlineData("/files/episode-12.srt", "runs/r2/source.srt", "episode-12")]
    public async Task AcquireAsync_SubtitleLink_StoredWithSubtitleExtension(string path, string stored, string title)
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url(path).AbsoluteUri, "r2");

        content.Kind.Should().Be(ContentKind.Subtitles);
        content.Raw.Path.Should().Be(stored);
        content.Title.Should().Be(title);
    }

    [Fact]
    public async Task AcquireAsync_LocalMarkdownFile_StoredAsMd()
    {
        string path = _temp.Combine("Design notes.md");
        await File.WriteAllTextAsync(path, "# Notes\n\nText.");

        AcquiredContent content = await Acquirer.AcquireAsync($"  {path}  ", "r3");

        content.Kind.Should().Be(ContentKind.Markdown);
        content.Title.Should().Be("Design notes");
        content.Source.Should().Be(path);
        (await Store.ExistsAsync("runs/r3/source.md")).Should().BeTrue();
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file: links are not supported")]
    [InlineData("ftp://example.com/a.txt", "ftp: links are not supported")]
    [InlineData("javascript:alert(1)", "javascript: links are not supported")]
    [InlineData("http://10.0.0.1/", "private address")]
    public async Task AcquireAsync_ForbiddenSource_RefusedAndNothingStored(string source, string reason)
    {
        Func<Task> act = () => Acquirer.AcquireAsync(source, "r4");

        (await act.Should().ThrowAsync<ContentRefusedException>()).Which.Message.Should().Contain(reason);
        Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task AcquireAsync_BinaryBodyLabelledText_Refused()
    {
        Func<Task> act = () => Acquirer.AcquireAsync(_server.Url("/binary.txt").AbsoluteUri, "r5");

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("*labelled text/plain but contains binary data*");
    }

    [Fact]
    public async Task AcquireAsync_EmptySource_ClearError()
    {
        Func<Task> act = () => Acquirer.AcquireAsync("   ", "r6");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("Nothing to analyse*");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task AcquireAsync_BadRunId_ArgumentException(string runId)
    {
        Func<Task> act = () => Acquirer.AcquireAsync("notes.txt", runId);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Run id*");
    }
}
