using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Storage;

/// <summary>Settings for <see cref="FileArtifactStore"/> (configuration section "FileArtifactStore").</summary>
public sealed class FileArtifactStoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "FileArtifactStore";

    /// <summary>The folder every artifact lives under; created on first write.</summary>
    [Required]
    public string RootPath { get; set; } = string.Empty;
}
