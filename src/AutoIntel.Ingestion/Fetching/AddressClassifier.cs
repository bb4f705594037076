using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>Tells public internet addresses from loopback, private, link-local, metadata and other special-purpose ones.</summary>
public static class AddressClassifier
{
    private const string Metadata = "a cloud metadata endpoint";
    private const string Private = "a private address";
    private const string Documentation = "a documentation address";
    private const string Reserved = "a reserved address";

    // Most specific first: the first match names the reason.
    private static readonly (uint Network, int Bits, string Reason)[] V4Ranges =
    [
        (V4(169, 254, 169, 254), 32, Metadata),
        (V4(100, 100, 100, 200), 32, Metadata),
        (V4(255, 255, 255, 255), 32, "the broadcast address"),
        (V4(0, 0, 0, 0), 8, "an unspecified address"),
        (V4(10, 0, 0, 0), 8, Private),
        (V4(100, 64, 0, 0), 10, "a carrier-grade NAT address"),
        (V4(127, 0, 0, 0), 8, "a loopback address"),
        (V4(169, 254, 0, 0), 16, "a link-local address"),
        (V4(172, 16, 0, 0), 12, Private),
        (V4(192, 0, 0, 0), 24, "an IETF protocol address"),
        (V4(192, 0, 2, 0), 24, Documentation),
        (V4(192, 88, 99, 0), 24, Reserved),
        (V4(192, 168, 0, 0), 16, Private),
        (V4(198, 18, 0, 0), 15, "a benchmarking address"),
        (V4(198, 51, 100, 0), 24, Documentation),
        (V4(203, 0, 113, 0), 24, Documentation),
        (V4(224, 0, 0, 0), 4, "a multicast address"),
        (V4(240, 0, 0, 0), 4, Reserved),
    ];

    private static readonly (UInt128 Network, int Bits, string Reason)[] V6Ranges =
    [
        (V6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254), 128, Metadata),
        (V6(0, 0, 0, 0, 0, 0, 0, 0), 128, "an unspecified address"),
        (V6(0, 0, 0, 0, 0, 0, 0, 1), 128, "a loopback address"),
        (V6(0x0064, 0xff9b, 0x0001, 0, 0, 0, 0, 0), 48, "a local-use NAT64 address"),
        (V6(0x0100, 0, 0, 0, 0, 0, 0, 0), 64, "a discard-only address"),
        (V6(0x2001, 0x0000, 0, 0, 0, 0, 0, 0), 32, "a Teredo tunnel address"),
        (V6(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0), 32, Documentation),
        (V6(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, Documentation),
        (V6(0x2001, 0x0000, 0, 0, 0, 0, 0, 0), 23, "an IETF protocol address"),
        (V6(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "a unique-local address"),
        (V6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "a link-local address"),
        (V6(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, "a site-local address"),
        (V6(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "a multicast address"),
    ];

    private static readonly UInt128 MappedPrefix = V6(0, 0, 0, 0, 0, 0xffff, 0, 0);
    private static readonly UInt128 Nat64Prefix = V6(0x0064, 0xff9b, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 SixToFourPrefix = V6(0x2002, 0, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 GlobalUnicastPrefix = V6(0x2000, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>True when <paramref name="address"/> is a public internet address.</summary>
    public static bool IsPublic(IPAddress address) => GetNonPublicReason(address) is null;

    /// <summary>Why <paramref name="address"/> is not public (e.g. "a private address"), or null when it is public.</summary>
    public static string? GetNonPublicReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
            AddressFamily.InterNetworkV6 => ClassifyV6(BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes())),
            _ => "not an IP address",
        };
    }

    private static string? ClassifyV4(uint value)
    {
        foreach ((uint network, int bits, string reason) in V4Ranges)
        {
            uint mask = bits == 0 ? 0 : uint.MaxValue << (32 - bits);
            if ((value & mask) == network)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? ClassifyV6(UInt128 value)
    {
        foreach ((UInt128 network, int bits, string reason) in V6Ranges)
        {
            if (InPrefix(value, network, bits))
            {
                return reason;
            }
        }

        // Forms that carry an IPv4 address are as private as the address they carry.
        if (InPrefix(value, MappedPrefix, 96) || InPrefix(value, Nat64Prefix, 96) || InPrefix(value, UInt128.Zero, 96))
        {
            return Embedded((uint)(value & uint.MaxValue));
        }

        if (InPrefix(value, SixToFourPrefix, 16))
        {
            return Embedded((uint)((value >> 80) & uint.MaxValue));
        }

        return InPrefix(value, GlobalUnicastPrefix, 3) ? null : Reserved;
    }

    private static string? Embedded(uint v4)
    {
        string? reason = ClassifyV4(v4);
        if (reason is null)
        {
            return null;
        }

        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, v4);
        return $"{reason} (it embeds {new IPAddress(bytes)})";
    }

    private static bool InPrefix(UInt128 value, UInt128 network, int bits)
    {
        UInt128 mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        return (value & mask) == network;
    }

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static UInt128 V6(ushort a, ushort b, ushort c, ushort d, ushort e, ushort f, ushort g, ushort h) =>
        new(((ulong)a << 48) | ((ulong)b << 32) | ((ulong)c << 16) | d, ((ulong)e << 48) | ((ulong)f << 32) | ((ulong)g << 16) | h);
}
