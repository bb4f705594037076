namespace AutoIntel.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The run failed (an activity failed after its retries, or it was terminated).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad usage or bad input (unknown option, missing file, refused link, unknown instance).</summary>
    public const int BadInput = 2;

    /// <summary><c>doctor</c>: a dependency is unhealthy (or the configuration does not load).</summary>
    public const int Unhealthy = 3;

    /// <summary>Interrupted with Ctrl+C; the run can be resumed.</summary>
    public const int Interrupted = 130;
}
