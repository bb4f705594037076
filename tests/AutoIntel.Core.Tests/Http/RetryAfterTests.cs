using System.Net;
using System.Net.Http.Headers;
using AutoIntel.Core.Http;

namespace AutoIntel.Core.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("Thu, 01 Jan 2026 00:00:30 GMT", 30.0)]
    [InlineData("Wed, 31 Dec 2025 23:59:00 GMT", 0.0)]
    public void Parse_SecondsOrHttpDate_IsTheWaitFromNow(string value, double seconds) =>
        RetryAfter.Parse(value, Now).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void Parse_MissingOrUnreadable_IsNull(string? value) => RetryAfter.Parse(value, Now).Should().BeNull();

    [Fact]
    public void Of_ResponseWithDeltaOrDate_IsTheWaitFromNow()
    {
        using var delta = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)) } };
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(12)) } };
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        RetryAfter.Of(delta, Now).Should().Be(TimeSpan.FromSeconds(3));
        RetryAfter.Of(date, Now).Should().Be(TimeSpan.FromSeconds(12));
        RetryAfter.Of(none, Now).Should().BeNull();
    }
}
