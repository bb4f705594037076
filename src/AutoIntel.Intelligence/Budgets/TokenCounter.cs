namespace AutoIntel.Intelligence.Budgets;

/// <summary>Estimates tokens the way BPE tokenizers (cl100k/o200k) split text, without their vocabularies.</summary>
/// <remarks>
/// Text is cut into the tokenizers' pre-tokens (a word with its leading space, digit groups of up to three,
/// punctuation runs, line breaks); a common-length word is one token, longer ones about one per four letters,
/// and non-Latin letters about one each. Good to a few percent on English prose, which is what budgets need.
/// </remarks>
public static class TokenCounter
{
    /// <summary>Tokens a chat message adds besides its text (role and separators), per OpenAI's counting guide.</summary>
    public const int PerMessageOverhead = 3;

    /// <summary>Tokens that prime every reply.</summary>
    public const int ReplyPriming = 3;

    /// <summary>Estimated tokens of a text.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                i++; // a single leading space belongs to the next word
                continue;
            }

            var start = i;
            if (char.IsLetter(c) && c < 0x0250)
            {
                while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '\'') && text[i] < 0x0250)
                {
                    i++;
                }

                var n = i - start;
                tokens += n <= 8 ? 1 : (n + 3) / 4;
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                tokens += (i - start + 2) / 3;
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens += text[start..i].Contains('\n') || i - start > 1 ? 1 : 0;
            }
            else if (char.IsLetter(c))
            {
                tokens++; // CJK, Cyrillic, etc.: close to one token per letter
                i++;
            }
            else
            {
                while (i < text.Length && !char.IsLetterOrDigit(text[i]) && !char.IsWhiteSpace(text[i]) && i - start < 3)
                {
                    i++;
                }

                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>Estimated prompt tokens of a chat request with the given message texts.</summary>
    public static int CountChat(IEnumerable<string> messages) =>
        messages.Sum(m => Count(m) + PerMessageOverhead) + ReplyPriming;
}
