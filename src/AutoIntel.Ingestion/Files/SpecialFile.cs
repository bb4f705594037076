using System.Runtime.InteropServices;

namespace AutoIntel.Ingestion.Files;

/// <summary>Tells a regular file from a named pipe, socket or device without opening it: opening a FIFO blocks until a
/// writer appears, and a device such as /dev/zero never ends.</summary>
/// <remarks>.NET reports all of these as ordinary files (<see cref="FileAttributes.Normal"/>), so Linux is asked with
/// statx(2), whose buffer layout is the same on every architecture. Elsewhere only Windows device paths are recognised.</remarks>
internal static partial class SpecialFile
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeField = 0x1; // STATX_TYPE
    private const int FileTypeMask = 0xF000; // S_IFMT

    /// <summary>What <paramref name="fullPath"/> is when it is not a regular file or folder ("a named pipe (FIFO)", …), else null.</summary>
    public static string? Describe(string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            // Path.GetFullPath turns reserved names (CON, NUL, COM1) into \\.\ device paths.
            return fullPath.StartsWith(@"\\.\", StringComparison.Ordinal) ? "a device" : null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            if (Statx(CurrentDirectory, fullPath, 0, TypeField, out StatxBuffer status) != 0 || (status.Mask & TypeField) == 0)
            {
                // Missing or unreadable: the caller's own checks say so.
                return null;
            }

            return (status.Mode & FileTypeMask) switch
            {
                0x1000 => "a named pipe (FIFO)",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                _ => null,
            };
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without statx (musl before 1.2.5): fall back to reading, bounded by the size limit.
            return null;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    // struct statx is 256 bytes; only stx_mask and stx_mode are read.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
