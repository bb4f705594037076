using System.Text;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Files;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Tests.Files;

public sealed class LocalFileReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalFileReader _reader = new(Options.Create(new FetchOptions { MaxBytes = 1024, MaxAudioBytes = 4096 }));

    public void Dispose() => _temp.Dispose();

    // Finds and copies the file as acquiring it does, into memory.
    private async Task<Read> ReadAsync(string path)
    {
        LocalFile file = LocalFileReader.Find(path);
        using var copy = new MemoryStream();
        await _reader.CopyAsync(file, copy);
        return new Read(file.Kind, copy.ToArray());
    }

    [Fact]
    public async Task CheckAsync_FileTooLarge_RefusedLikeTheCopy()
    {
        string path = _temp.Combine("big.txt");
        await File.WriteAllTextAsync(path, new string('a', 1025));

        Func<Task> act = () => _reader.CheckAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*larger than the 1 KiB limit*Fetch__MaxBytes*");
    }

    [Fact]
    public async Task CopyAsync_Audio_HashedAsTheTranscriptCacheHashesIt()
    {
        string path = _temp.Combine("a.wav");
        byte[] audio = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];
        await File.WriteAllBytesAsync(path, audio);

        LocalFileCopy copy = await _reader.CopyAsync(LocalFileReader.Find(path), Stream.Null);

        TranscriptCache.PathForHash("t", copy.Sha256!).Should().Be(TranscriptCache.PathForContent("t", audio));
        copy.Encoding.Should().BeNull();
    }

    [Fact]
    public async Task CopyAsync_RefusedAfterPiecesWereWritten_TheStoreKeepsNothing()
    {
        // Valid text for more than one 64 KiB piece, then a NUL: the refusal comes once most of the file has been copied.
        using var temp = new TempDirectory();
        var store = new FileArtifactStore(Options.Create(new FileArtifactStoreOptions { RootPath = temp.Path }));
        var reader = new LocalFileReader(Options.Create(new FetchOptions { MaxBytes = 1024 * 1024 }));
        string path = _temp.Combine("late.srt");
        await File.WriteAllBytesAsync(path, [.. Encoding.ASCII.GetBytes(new string('a', 200_000)), 0]);
        LocalFile file = LocalFileReader.Find(path);

        Func<Task> act = () => store.PutStreamAsync("runs/r/source.srt", (to, token) => reader.CopyAsync(file, to, token), "text/plain");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*contains binary data, not .srt text.");
        (await store.ExistsAsync("runs/r/source.srt")).Should().BeFalse();
        Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Should().BeEmpty("the partial copy is discarded");
    }

    [Theory]
    [InlineData("notes.txt", ContentKind.PlainText)]
    [InlineData("README.md", ContentKind.Markdown)]
    [InlineData("talk.SRT", ContentKind.Subtitles)]
    [InlineData("talk.vtt", ContentKind.Subtitles)]
    [InlineData("page.htm", ContentKind.Article)]
    [InlineData("episode.mp3", ContentKind.Audio)]
    public async Task ReadAsync_SupportedFile_KindFromExtension(string name, ContentKind kind)
    {
        string path = _temp.Combine(name);
        await File.WriteAllTextAsync(path, "some text");

        Read file = await ReadAsync(path);

        file.Kind.Should().Be(kind);
        Encoding.UTF8.GetString(file.Bytes).Should().Be("some text");
    }

    [Fact]
    public async Task ReadAsync_AudioWithNulBytes_Accepted()
    {
        string path = _temp.Combine("a.wav");
        await File.WriteAllBytesAsync(path, [0, 1, 0, 2]);

        (await ReadAsync(path)).Bytes.Should().Equal(0, 1, 0, 2);
    }

    [Fact]
    public async Task ReadAsync_Missing_ClearError()
    {
        Func<Task> act = () => ReadAsync(_temp.Combine("nope.txt"));

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("Cannot read *nope.txt: no such file.");
    }

    [Fact]
    public async Task ReadAsync_LooksLikeLinkWithoutScheme_SuggestsHttps()
    {
        Func<Task> act = () => ReadAsync("example.com/article");

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*Did you mean https://example.com/article?");
    }

    [Fact]
    public async Task ReadAsync_Directory_ClearError()
    {
        Func<Task> act = () => ReadAsync(_temp.Path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*is a folder*");
    }

    [Theory]
    [InlineData("report.pdf", "*.pdf files are not supported (accepted: .txt*")]
    [InlineData("noext", "*files without an extension are not supported*")]
    public async Task ReadAsync_UnsupportedExtension_ListsAccepted(string name, string message)
    {
        string path = _temp.Combine(name);
        await File.WriteAllTextAsync(path, "x");

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage(message);
    }

    [Fact]
    public async Task ReadAsync_Empty_ClearError()
    {
        string path = _temp.Combine("empty.txt");
        await File.WriteAllBytesAsync(path, []);

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*the file is empty.");
    }

    [Fact]
    public async Task ReadAsync_OverLimit_ClearError()
    {
        string path = _temp.Combine("big.txt");
        await File.WriteAllTextAsync(path, new string('a', 1025));

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*larger than the 1 KiB limit*Fetch__MaxBytes*");
    }

    [Fact]
    public async Task ReadAsync_AudioOverMaxBytesUnderMaxAudioBytes_Read()
    {
        string path = _temp.Combine("talk.mp3");
        await File.WriteAllBytesAsync(path, new byte[4096]);

        Read file = await ReadAsync(path);

        file.Bytes.Should().HaveCount(4096);
    }

    [Fact]
    public async Task ReadAsync_AudioOverMaxAudioBytes_ClearErrorNamingTheAudioSetting()
    {
        string path = _temp.Combine("talk.wav");
        await File.WriteAllBytesAsync(path, new byte[4097]);

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*larger than the 4 KiB limit*Fetch__MaxAudioBytes*");
    }

    [Fact]
    public async Task ReadAsync_BinaryInTextType_ClearError()
    {
        string path = _temp.Combine("fake.srt");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("*contains binary data, not .srt text.");
    }

    [Fact]
    public async Task ReadAsync_TextInAnEncodingThatCannotBeTold_OneLineErrorNamingTheEncodingProblem()
    {
        string path = _temp.Combine("mixed.txt");
        await File.WriteAllBytesAsync(path, [.. System.Text.Encoding.UTF8.GetBytes("caf\u00E9 "), .. System.Text.Encoding.Latin1.GetBytes("cr\u00E8me br\u00FBl\u00E9e")]);

        Func<Task> act = () => ReadAsync(path);

        (await act.Should().ThrowAsync<PermanentFailureException>().WithMessage("Cannot read *mixed.txt: it mixes UTF-8 with another encoding*"))
            .Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public async Task ReadAsync_NamedPipe_RefusedWithoutWaitingForAWriter()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string path = _temp.Combine("talk.srt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
            mkfifo.ExitCode.Should().Be(0);
        }

        // Opening the FIFO would block until a writer appears; the token only bounds the test if that regresses.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Func<Task> act = () => Task.Run(() => ReadAsync(path), guard.Token).WaitAsync(guard.Token);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage($"Cannot read {path}: it is a named pipe (FIFO), not a regular file.");
    }

    [Fact]
    public async Task ReadAsync_UnixSocket_Refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string path = _temp.Combine("notes.txt");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

        Func<Task> act = () => ReadAsync(path);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage($"Cannot read {path}: it is a socket, not a regular file.");
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public async Task ReadAsync_CharacterDevice_Refused(string device)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Func<Task> act = () => ReadAsync(device);

        await act.Should().ThrowAsync<PermanentFailureException>().WithMessage($"Cannot read {device}: it is a character device, not a regular file.");
    }

    private sealed record Read(ContentKind Kind, byte[] Bytes);
}
