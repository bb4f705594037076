namespace AutoIntel.Storage;

/// <summary>Validates artifact paths and prefixes so that every store accepts exactly the same names.</summary>
public static class ArtifactPath
{
    /// <summary>The longest path accepted, well inside file-system and blob-name limits.</summary>
    public const int MaxLength = 512;

    // Characters Windows or blob names reject, plus the path separators we do not use.
    private static readonly char[] ForbiddenChars = ['\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> names an artifact.</summary>
    /// <remarks>A path is relative, uses forward slashes, and has non-empty segments that do not start with '.' (which also rules out "." and "..").</remarks>
    public static void Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException("Artifact path is empty.", nameof(path));
        }

        ValidateText(path, nameof(path), allowTrailingSlash: false);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="prefix"/> is empty or a valid path start (it may end with '/').</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            ValidateText(prefix, nameof(prefix), allowTrailingSlash: true);
        }
    }

    private static void ValidateText(string path, string parameterName, bool allowTrailingSlash)
    {
        if (path.Length > MaxLength)
        {
            throw new ArgumentException($"Artifact path '{Shorten(path)}' is longer than {MaxLength} characters.", parameterName);
        }

        if (path[0] == '/')
        {
            throw new ArgumentException($"Artifact path '{path}' must be relative (no leading '/').", parameterName);
        }

        foreach (char c in path)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Artifact path '{Shorten(path)}' contains a control character.", parameterName);
            }

            if (Array.IndexOf(ForbiddenChars, c) >= 0)
            {
                string hint = c == '\\' ? " (use '/' as the separator)" : c == ':' ? " (drive and scheme prefixes are not allowed)" : string.Empty;
                throw new ArgumentException($"Artifact path '{path}' contains '{c}'{hint}.", parameterName);
            }
        }

        string[] segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (segment.Length == 0)
            {
                if (allowTrailingSlash && i == segments.Length - 1)
                {
                    continue;
                }

                throw new ArgumentException($"Artifact path '{path}' has an empty segment ('//' or a trailing '/').", parameterName);
            }

            if (segment[0] == '.')
            {
                // Rules out "." and ".." traversal and keeps the store's own ".name.tmp" staging files unaddressable.
                throw new ArgumentException($"Artifact path '{path}' has a segment starting with '.' ('{segment}'); '.', '..' and hidden names are not allowed.", parameterName);
            }

            if (segment[^1] == ' ')
            {
                throw new ArgumentException($"Artifact path '{path}' has a segment ending with a space.", parameterName);
            }
        }
    }

    private static string Shorten(string path) => path.Length <= 64 ? path : string.Concat(path.AsSpan(0, 64), "…");
}
