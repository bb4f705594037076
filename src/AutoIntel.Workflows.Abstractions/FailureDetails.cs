using AutoIntel.Core;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>A serializable description of a failure, as stored in history and shown in status.</summary>
/// <param name="ErrorType">The exception's type name.</param>
/// <param name="Message">One line, shown to users.</param>
/// <param name="IsPermanent">True for <see cref="PermanentFailureException"/>s: bad input, never retried.</param>
public sealed record FailureDetails(string ErrorType, string Message, bool IsPermanent, string? StackTrace = null)
{
    /// <summary>Describes an exception, unwrapping activity failures to the original cause.</summary>
    public static FailureDetails From(Exception exception) => exception switch
    {
        ActivityFailedException failed => failed.Failure,
        SubWorkflowFailedException failed => failed.Failure,
        AggregateException { InnerExceptions.Count: 1 } aggregate => From(aggregate.InnerExceptions[0]),
        _ => new(exception.GetType().Name, exception.Message, exception is PermanentFailureException, exception.StackTrace),
    };
}
