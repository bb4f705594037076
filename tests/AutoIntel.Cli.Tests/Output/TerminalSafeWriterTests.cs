using AutoIntel.Cli.Output;

namespace AutoIntel.Cli.Tests.Output;

public sealed class TerminalSafeWriterTests
{
    [Fact]
    public void Write_EveryOverload_DropsControlCharactersAndKeepsLayout()
    {
        using var inner = new StringWriter { NewLine = "\n" };
        using var writer = new TerminalSafeWriter(inner);

        writer.WriteLine("title \u001b(0qq\u001b(B\tcol");
        writer.Write("bell\u0007 ");
        writer.Write('\u001b');
        writer.Write("c1\u009b2J".ToCharArray(), 0, 5);
        writer.Write(" span\u001b8".AsSpan());
        writer.WriteLine();

        inner.ToString().Should().Be("title (0qq(B\tcol\nbell c12J span8\n");
    }

    [Fact]
    public void Write_CleanText_PassesUnchanged()
    {
        using var inner = new StringWriter();
        using var writer = new TerminalSafeWriter(inner);

        writer.Write("Plain “text”, ümlauts and 🙂\r\n");

        inner.ToString().Should().Be("Plain “text”, ümlauts and 🙂\r\n");
    }
}
