using System.Text;
using AutoIntel.Core.Text;

namespace AutoIntel.Cli.Output;

/// <summary>
/// Wraps the process's stdout or stderr so no control character from content (an ESC sequence, BEL, NUL, C1) reaches the
/// terminal or a log, whichever command or logger writes it; tabs and line breaks pass.
/// </summary>
/// <remarks>
/// The live progress display (Spectre) writes its own escape sequences, so it keeps the raw stdout and escapes what it shows
/// itself (<see cref="LiveProgressSink"/>). JSON output is unaffected: the serializer already writes control characters as <c>\u001b</c>.
/// </remarks>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc/>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <summary>Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> with safe writers.</summary>
    public static void InstallOnConsole()
    {
        Console.SetOut(Synchronized(new TerminalSafeWriter(Console.Out)));
        Console.SetError(Synchronized(new TerminalSafeWriter(Console.Error)));
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\r' || !ControlCharacters.IsUnsafe(value))
        {
            inner.Write(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value) => inner.Write(value is null ? null : Clean(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new ReadOnlySpan<char>(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (!ControlCharacters.Contains(buffer))
        {
            inner.Write(buffer);
            return;
        }

        foreach (var c in buffer)
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    /// <inheritdoc/>
    public override Task FlushAsync() => inner.FlushAsync();

    // Carriage returns are kept here (a Windows newline is "\r\n"); content has them normalised when it is acquired.
    private static string Clean(string value) =>
        ControlCharacters.Contains(value) ? string.Concat(value.Where(c => c == '\r' || !ControlCharacters.IsUnsafe(c))) : value;
}
