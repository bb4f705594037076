using System.Net;
using AutoIntel.Ingestion.Fetching;

namespace AutoIntel.Ingestion.Tests.Fetching;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("100.100.100.200", "metadata")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("198.51.100.10", "documentation")]
    [InlineData("203.0.113.10", "documentation")]
    [InlineData("192.0.0.8", "IETF")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("::ffff:127.0.0.1", "loopback address (it embeds 127.0.0.1)")]
    [InlineData("::ffff:10.1.2.3", "private address (it embeds 10.1.2.3)")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("::127.0.0.1", "loopback address (it embeds 127.0.0.1)")]
    [InlineData("64:ff9b::a00:1", "private address (it embeds 10.0.0.1)")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("64:ff9b:1::1", "NAT64")]
    [InlineData("2002:a00:1::1", "private address (it embeds 10.0.0.1)")]
    [InlineData("2002:7f00:1::", "loopback address (it embeds 127.0.0.1)")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("100::1", "discard")]
    [InlineData("4000::1", "reserved")]
    public void GetNonPublicReason_NonPublicAddress_NamesWhy(string address, string expectedReason)
    {
        string? reason = AddressClassifier.GetNonPublicReason(IPAddress.Parse(address));

        reason.Should().Contain(expectedReason);
        AddressClassifier.IsPublic(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.216.34")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void GetNonPublicReason_PublicAddress_ReturnsNull(string address)
    {
        AddressClassifier.GetNonPublicReason(IPAddress.Parse(address)).Should().BeNull();
        AddressClassifier.IsPublic(IPAddress.Parse(address)).Should().BeTrue();
    }
}
