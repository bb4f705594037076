using System.Buffers;
using Microsoft.ML.Tokenizers;

namespace AutoIntel.Core.Text;

/// <summary>Counts tokens exactly as OpenAI models do, with the tiktoken encoding of the model's family (Microsoft.ML.Tokenizers).</summary>
/// <remarks>
/// Family rule (<see cref="ForModel"/>): gpt-4o, chatgpt-4o, gpt-4.1, gpt-4.5, gpt-5, gpt-oss and the o-series (o1, o3, o4…)
/// use o200k_base; gpt-4, gpt-3.5 and every other name (local Ollama/vLLM models, whose tokenizers we cannot know) use cl100k_base.
/// Where no model is known yet (chunking, the prompt estimate before routing) <see cref="Default"/> is cl100k_base: for English
/// it gives as many or slightly more tokens than o200k_base, so a budget computed with it holds for either family.
/// </remarks>
public sealed class TokenCounter
{
    private static readonly Lazy<TokenCounter> O200k = new(() => new TokenCounter("o200k_base"));
    private static readonly Lazy<TokenCounter> Cl100k = new(() => new TokenCounter("cl100k_base"));
    private readonly TiktokenTokenizer _tokenizer;

    private TokenCounter(string encoding)
    {
        Encoding = encoding;
        _tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
    }

    /// <summary>Tokens a chat message adds besides its text (role and separators), per OpenAI's counting guide.</summary>
    public const int PerMessageOverhead = 3;

    /// <summary>Tokens that prime every reply.</summary>
    public const int ReplyPriming = 3;

    /// <summary>The counter used when no model is known: cl100k_base.</summary>
    public static TokenCounter Default => Cl100k.Value;

    /// <summary>The o200k_base counter (gpt-4o and later).</summary>
    public static TokenCounter O200kBase => O200k.Value;

    /// <summary>The cl100k_base counter (gpt-4, gpt-3.5, unknown models).</summary>
    public static TokenCounter Cl100kBase => Cl100k.Value;

    /// <summary>The tiktoken encoding name, e.g. <c>o200k_base</c>.</summary>
    public string Encoding { get; }

    /// <summary>The counter of a model's family (see the remarks for the rule); cl100k_base for null or unknown names.</summary>
    public static TokenCounter ForModel(string? model) => UsesO200k(model) ? O200kBase : Cl100kBase;

    /// <summary>Whether a model name belongs to a family the rule knows (o200k_base or cl100k_base by name, not by default).</summary>
    public static bool IsKnownFamily(string? model) => UsesO200k(model) || Name(model) is { } m && (m.StartsWith("gpt-4", StringComparison.Ordinal) || m.StartsWith("gpt-3.5", StringComparison.Ordinal));

    /// <summary>Tokens of a text.</summary>
    public int Count(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Tokens a text adds when appended after a single space, i.e. <c>Count(a + " " + text) - Count(a)</c> for any
    /// <c>a</c> that ends in a non-space character (tiktoken's pre-tokenizer never merges across that space).</summary>
    public int CountAfterSpace(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            buffer[0] = ' ';
            text.CopyTo(buffer.AsSpan(1));
            return _tokenizer.CountTokens(buffer.AsSpan(0, text.Length + 1));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The length of the longest prefix of <paramref name="text"/> that takes at most <paramref name="maxTokens"/> tokens
    /// (at least one character, so that a caller cutting a text into pieces always moves on).</summary>
    public int PrefixLength(ReadOnlySpan<char> text, int maxTokens)
    {
        var length = _tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        while (length > 0 && Count(text[..length]) > maxTokens)
        {
            length--;
        }

        if (length == 0)
        {
            length = char.IsHighSurrogate(text[0]) && text.Length > 1 ? 2 : 1;
        }

        return Math.Min(length, text.Length);
    }

    /// <summary>Prompt tokens of a chat request with the given message texts.</summary>
    public int CountChat(IEnumerable<string> messages) =>
        messages.Sum(m => Count(m) + PerMessageOverhead) + ReplyPriming;

    private static bool UsesO200k(string? model) => Name(model) is { } m && (
        m.StartsWith("gpt-4o", StringComparison.Ordinal)
        || m.StartsWith("chatgpt-4o", StringComparison.Ordinal)
        || m.StartsWith("gpt-4.1", StringComparison.Ordinal)
        || m.StartsWith("gpt-4.5", StringComparison.Ordinal)
        || m.StartsWith("gpt-5", StringComparison.Ordinal)
        || m.StartsWith("gpt-oss", StringComparison.Ordinal)
        || (m.Length > 1 && m[0] == 'o' && char.IsAsciiDigit(m[1])));

    // "openai/gpt-4o" (router prefixes) and " GPT-4o " name the same family as "gpt-4o".
    private static string? Name(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var m = model.Trim().ToLowerInvariant();
        return m[(m.LastIndexOf('/') + 1)..];
    }
}
