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
            app.MapGet("/lang/html", () => Results.Content(Page("<html lang=\"de-DE\"><head><meta property=\"og:locale\" content=\"en_US\">"), "text/html"));
            app.MapGet("/lang/meta", () => Results.Content(Page("<html><head><meta http-equiv=\"content-language\" content=\"it\">"), "text/html"));
            app.MapGet("/lang/header", (HttpContext ctx) =>
            {
                ctx.Response.Headers.ContentLanguage = "fr-FR";
                return Results.Content(Page("<html><head><meta property=\"og:locale\" content=\"en_GB\">"), "text/html");
            });
            app.MapGet("/lang/og", () => Results.Content(Page("<html><head><meta property=\"og:locale\" content=\"es_ES\">"), "text/html"));
            app.MapGet("/lang/none", () => Results.Content(Page("<html><head>"), "text/html"));
            app.MapGet("/lang/several", (HttpContext ctx) =>
            {
                ctx.Response.Headers.ContentLanguage = "de, en";
                return Results.Content(Page("<html><head>"), "text/html");
            });
            app.MapGet("/captions/vortrag.de.vtt", () => Results.Text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGuten Tag.\n", "text/vtt"));
            app.MapGet("/captions/headed.vtt", () => Results.Text("WEBVTT\nKind: captions\nLanguage: pt-BR\n\n00:00:01.000 --> 00:00:02.000\nOlá.\n", "text/vtt"));
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

    private static string Page(string head) => $"{head}<title>T</title></head><body><article><p>Text.</p></article></body></html>";

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

    [Theory]
    [InlineData("/lang/html", "de")]
    [InlineData("/lang/meta", "it")]
    [InlineData("/lang/header", "fr")]
    [InlineData("/lang/og", "es")]
    [InlineData("/lang/none", null)]
    [InlineData("/lang/several", null)]
    public async Task AcquireAsync_HtmlDeclaringALanguage_LangThenMetaThenHeaderThenOgLocale(string path, string? expected)
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url(path).AbsoluteUri, "l1");

        content.Language.Should().Be(expected);
    }

    [Theory]
    [InlineData("/captions/vortrag.de.vtt", "de")]
    [InlineData("/captions/headed.vtt", "pt")]
    [InlineData("/captions/talk.vtt", "en")]
    [InlineData("/files/episode-12.srt", null)]
    public async Task AcquireAsync_Subtitles_LanguageFromTheVttHeaderOrTheFileName(string path, string? expected)
    {
        AcquiredContent content = await Acquirer.AcquireAsync(_server.Url(path).AbsoluteUri, "l2");

        content.Language.Should().Be(expected);
    }

    [Fact]
    public async Task AcquireAsync_LocalSubtitleFileNamedByLanguage_LanguageFromTheName()
    {
        string path = _temp.Combine("entretien.fr.srt");
        File.Copy("Fixtures/sample.srt", path);

        AcquiredContent content = await Acquirer.AcquireAsync(path, "l3");

        content.Language.Should().Be("fr");
    }

    [Fact]
    public async Task AcquireAsync_LocalVttFile_LanguageFromItsHeaderOverItsName()
    {
        string path = _temp.Combine("talk.fr.vtt");
        await File.WriteAllTextAsync(path, "\uFEFFWEBVTT\nKind: captions\nLanguage: pt-BR\n\n00:00:01.000 --> 00:00:02.000\nOlá.\n", new UTF8Encoding(false));

        AcquiredContent content = await Acquirer.AcquireAsync(path, "l4");

        content.Language.Should().Be("pt");
        (await Store.GetAsync("runs/l4/source.vtt")).Should().Equal(await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AcquireAsync_LocalFileRefusedAfterItsFirstPieces_NothingStored()
    {
        // Valid UTF-8 for more than one 64 KiB piece, then Latin-1: the mix shows only near the end of the copy.
        string path = _temp.Combine("late.txt");
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes("caf\u00E9 " + new string('a', 70_000)), .. Encoding.Latin1.GetBytes("cr\u00E8me")]);
        using ServiceProvider provider = TestServices.Build(TestServices.Loopback(maxBytes: 1024 * 1024));

        Func<Task> act = () => provider.GetRequiredService<IContentAcquirer>().AcquireAsync(path, "r7");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("Cannot read *late.txt: it mixes UTF-8 with another encoding (byte 0xE8 at offset 70008*");
        ((InMemoryArtifactStore)provider.GetRequiredService<IArtifactStore>()).Count.Should().Be(0);
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
