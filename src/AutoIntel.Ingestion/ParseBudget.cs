using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion;

/// <summary>Bounds the time spent parsing fetched or read content by the fetch timeout, so a hostile page or file is refused instead of
/// keeping a core busy.</summary>
/// <remarks>The parsers check the token as they go (per HTML token, per subtitle or text line).</remarks>
public sealed class ParseBudget(IOptions<FetchOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _limit = options.Value.Timeout;

    /// <summary>A budget of the default fetch timeout on the system clock.</summary>
    public static ParseBudget Default { get; } = new(Options.Create(new FetchOptions()), TimeProvider.System);

    /// <summary>Runs <paramref name="parse"/> with a token cancelled after the fetch timeout; running out of time, or a
    /// <see cref="FormatException"/> from the parser (e.g. HTML nested too deep), throws <see cref="ContentRefusedException"/> about <paramref name="subject"/>.</summary>
    public T Run<T>(string subject, Func<CancellationToken, T> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        using var timeout = new CancellationTokenSource(_limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return parse(linked.Token);
        }
        catch (Exception ex) when (Refusal(subject, ex, timeout, cancellationToken) is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>As <see cref="Run{T}"/>, for a parse that writes what it reads as it goes (a transcript streamed to the artifact store):
    /// the budget then bounds the reading and the writing together.</summary>
    public async Task<T> RunAsync<T>(string subject, Func<CancellationToken, Task<T>> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        using var timeout = new CancellationTokenSource(_limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await parse(linked.Token);
        }
        catch (Exception ex) when (Refusal(subject, ex, timeout, cancellationToken) is { } refused)
        {
            throw refused;
        }
    }

    // Running out of time, or a FormatException from the parser, as a refusal of the content; null for anything else.
    private ContentRefusedException? Refusal(string subject, Exception ex, CancellationTokenSource timeout, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested =>
            new ContentRefusedException(subject, $"reading it took longer than {SafeHttpFetcher.DescribeTime(_limit)}", "Raise Fetch__Timeout to allow more time.", ex),
        FormatException => new ContentRefusedException(subject, ex.Message, null, ex),
        _ => null,
    };
}
