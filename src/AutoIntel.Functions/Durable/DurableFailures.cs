using System.Reflection;
using AutoIntel.Core;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Durable;

/// <summary>Turns Durable's <see cref="TaskFailureDetails"/> into our <see cref="FailureDetails"/>, the shape the local runtime records.</summary>
internal static class DurableFailures
{
    /// <summary>Our failure record: the exception's short type name (as the local runtime writes it), message, permanence, stack.</summary>
    public static FailureDetails From(TaskFailureDetails failure) =>
        new(ShortTypeName(failure.ErrorType), failure.ErrorMessage, IsPermanent(failure), failure.StackTrace);

    /// <summary>True when the failure, or an inner failure, is a <see cref="PermanentFailureException"/> (bad input: never retried).</summary>
    /// <remarks>
    /// Relies on Durable recording the activity exception's type name in <see cref="TaskFailureDetails.ErrorType"/>, which the
    /// isolated worker does since Microsoft.Azure.Functions.Worker.Extensions.DurableTask 1.3.0 (older versions wrote "(unknown)",
    /// in which case a permanent failure is retried like any other).
    /// </remarks>
    public static bool IsPermanent(TaskFailureDetails? failure)
    {
        for (TaskFailureDetails? f = failure; f is not null; f = f.InnerFailure)
        {
            try
            {
                if (f.IsCausedBy<PermanentFailureException>())
                {
                    return true;
                }
            }
            catch (AmbiguousMatchException)
            {
                // Two loaded types with that name: not ours to guess; treat as transient.
            }
        }

        return false;
    }

    private static string ShortTypeName(string errorType)
    {
        int cut = errorType.LastIndexOfAny(['.', '+']);
        return cut < 0 ? errorType : errorType[(cut + 1)..];
    }
}
