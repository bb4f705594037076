using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Tests;

public sealed class ParseBudgetTests
{
    [Fact]
    public void Run_ParseOutlastsTheFetchTimeout_RefusedNamingTheSetting()
    {
        var budget = new ParseBudget(Options.Create(new FetchOptions { Timeout = TimeSpan.FromMilliseconds(20) }), TimeProvider.System);

        // A parser that never finishes on its own, checking its token as the real parsers do.
        Action act = () => budget.Run<int>("page.html", token =>
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
            }
        });

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused page.html: reading it took longer than 20 ms. Raise Fetch__Timeout*");
    }

    [Fact]
    public void Run_CallerCancels_ThrowsOperationCanceledNotARefusal()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Action act = () => ParseBudget.Default.Run("page.html", token =>
        {
            token.ThrowIfCancellationRequested();
            return 0;
        }, caller.Token);

        act.Should().Throw<OperationCanceledException>().Which.Should().NotBeOfType<ContentRefusedException>();
    }

    [Fact]
    public void Run_ParserRejectsTheFormat_RefusedWithItsReason()
    {
        Action act = () => ParseBudget.Default.Run<int>("page.html", _ => throw new FormatException("it nests HTML elements more than 512 deep"));

        act.Should().Throw<ContentRefusedException>().WithMessage("Refused page.html: it nests HTML elements more than 512 deep.");
    }

    [Fact]
    public async Task RunAsync_StreamingParseOutlastsTheFetchTimeout_RefusedNamingTheSetting()
    {
        var budget = new ParseBudget(Options.Create(new FetchOptions { Timeout = TimeSpan.FromMilliseconds(20) }), TimeProvider.System);

        // A parse that writes as it reads and never finishes on its own, checking its token between writes.
        Func<Task> act = () => budget.RunAsync<int>("talk.srt", async token =>
        {
            while (true)
            {
                await Task.Yield();
                token.ThrowIfCancellationRequested();
            }
        });

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("Refused talk.srt: reading it took longer than 20 ms. Raise Fetch__Timeout*");
    }

    [Fact]
    public async Task RunAsync_ParserRejectsTheFormat_RefusedWithItsReason()
    {
        Func<Task> act = () => ParseBudget.Default.RunAsync<int>("talk.srt", _ => throw new FormatException("line 3: not a cue timing"));

        await act.Should().ThrowAsync<ContentRefusedException>().WithMessage("Refused talk.srt: line 3: not a cue timing.");
    }
}
