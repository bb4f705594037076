using AutoIntel.Core;

namespace AutoIntel.Ingestion;

/// <summary>A link or file that AutoIntel will not fetch or read (SSRF guard, size, type, time or redirect limits).</summary>
/// <remarks>The message is one line for users: "Refused {what}: {why}. {fix}".</remarks>
public sealed class ContentRefusedException : PermanentFailureException
{
    public ContentRefusedException()
    {
    }

    public ContentRefusedException(string message)
        : base(message)
    {
    }

    public ContentRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a refusal of <paramref name="subject"/> for <paramref name="reason"/>, with an optional fix hint.</summary>
    public ContentRefusedException(string subject, string reason, string? fix, Exception? innerException = null)
        : base(Format(subject, reason, fix), innerException!)
    {
        Subject = subject;
        Reason = reason;
        Fix = fix;
    }

    /// <summary>What was refused (a link, a host, a file).</summary>
    public string? Subject { get; }

    /// <summary>Why, as a phrase without a final full stop.</summary>
    public string? Reason { get; }

    /// <summary>What the user can do about it, when anything.</summary>
    public string? Fix { get; }

    /// <summary>The same refusal told about another subject (e.g. the link instead of the host it resolved to).</summary>
    public ContentRefusedException WithSubject(string subject) =>
        Reason is null ? new ContentRefusedException(Message, this) : new ContentRefusedException(subject, Reason, Fix, this);

    private static string Format(string subject, string reason, string? fix) =>
        fix is null ? $"Refused {subject}: {reason}." : $"Refused {subject}: {reason}. {fix}";
}
