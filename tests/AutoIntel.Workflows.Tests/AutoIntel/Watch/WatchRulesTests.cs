using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.AutoIntel.Watch;

namespace AutoIntel.Workflows.Tests.AutoIntel.Watch;

/// <summary>The pure rules of watches: intervals, back-off, which items a poll analyses and what it remembers.</summary>
public sealed class WatchRulesTests
{
    private static readonly WatchItem[] Feed = [new("ep3", "Three"), new("ep2", "Two"), new("ep1", "One")];

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData(" 1H ", 3600)]
    [InlineData("7d", 604800)]
    public void Interval_Valid_Parses(string text, int seconds)
    {
        WatchIntervals.TryParse(text, out TimeSpan interval, out string? problem).Should().BeTrue(problem);

        interval.Should().Be(TimeSpan.FromSeconds(seconds));
        WatchIntervals.TryParse(WatchIntervals.Format(interval), out TimeSpan again, out _).Should().BeTrue();
        again.Should().Be(interval);
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("10", "is not a duration")]
    [InlineData("1.5h", "is not a duration")]
    [InlineData("-5m", "is not a duration")]
    [InlineData("5w", "is not a duration")]
    [InlineData("10s", "out of range")]
    [InlineData("8d", "out of range")]
    public void Interval_Invalid_OneLineReason(string text, string reason)
    {
        WatchIntervals.TryParse(text, out _, out string? problem).Should().BeFalse();

        problem.Should().Contain(reason).And.NotContain("\n");
    }

    [Fact]
    public void Delay_Failures_DoublesUpToTheCap()
    {
        TimeSpan every = TimeSpan.FromMinutes(30);

        Enumerable.Range(0, 6).Select(f => WatchSchedule.Delay(every, f)).Should().Equal(
            every, 2 * every, 4 * every, 8 * every, WatchSchedule.MaxBackoff, WatchSchedule.MaxBackoff);
        WatchSchedule.Delay(TimeSpan.FromDays(1), 3).Should().Be(TimeSpan.FromDays(1), "an interval longer than the cap is never shortened");
        WatchSchedule.Delay(TimeSpan.FromSeconds(30), 1000).Should().Be(WatchSchedule.MaxBackoff);
    }

    [Fact]
    public void Plan_FirstPoll_AnalysesOnlyTheNewestAndRemembersTheRest()
    {
        IReadOnlyList<WatchItem> analyse = WatchPlan.ToAnalyse(Feed, [], primed: false);

        analyse.Should().Equal(Feed[0]);
        WatchPlan.Remember([], Feed, analyse, primed: false).Should().BeEquivalentTo("ep1", "ep2", "ep3");
    }

    [Fact]
    public void Plan_LaterPoll_AnalysesUnseenOldestFirstAtMostMaxPerPoll()
    {
        WatchItem[] many = [.. Enumerable.Range(1, 8).Reverse().Select(n => new WatchItem($"ep{n}", $"#{n}"))];

        IReadOnlyList<WatchItem> analyse = WatchPlan.ToAnalyse(many, ["ep1"], primed: true);

        analyse.Select(i => i.Key).Should().Equal("ep2", "ep3", "ep4", "ep5", "ep6");
        WatchPlan.Remember(["ep1"], many, analyse, primed: true).Should().Equal("ep1", "ep2", "ep3", "ep4", "ep5", "ep6");
    }

    [Fact]
    public void Plan_SeenOverTheCap_DropsOldestKeysNoLongerInTheFeed()
    {
        string[] seen = [.. Enumerable.Range(0, WatchPlan.MaxSeen).Select(n => $"old{n}")];
        WatchItem[] feed = [new("new", "New"), new("old0", "Still listed")];

        IReadOnlyList<string> next = WatchPlan.Remember(seen, feed, [feed[0]], primed: true);

        next.Should().HaveCount(WatchPlan.MaxSeen).And.Contain("old0", "an item still in the feed must stay seen").And.Contain("new").And.NotContain("old1");
    }

    [Fact]
    public void RunId_SameWatchAndItem_SameValidInstanceIdEveryTime()
    {
        string id = WatchIds.RunFor("1a2b3c4d", "https://example.com/ep/1?x=y");

        id.Should().Be(WatchIds.RunFor("1a2b3c4d", "https://example.com/ep/1?x=y")).And.StartWith("watch-1a2b3c4d-");
        id.Should().NotBe(WatchIds.RunFor("1a2b3c4d", "https://example.com/ep/2?x=y")).And.NotBe(WatchIds.RunFor("9a2b3c4d", "https://example.com/ep/1?x=y"));
        global::AutoIntel.Workflows.Abstractions.InstanceIds.IsValid(id).Should().BeTrue();
        id.Should().MatchRegex("^[A-Za-z0-9_-]+$", "run ids become artifact paths, which allow no dots");
    }

    [Fact]
    public void ItemLink_FeedWithFragment_NamesTheItemEscaped()
    {
        WatchLinks.ForItem("https://example.com/feed.xml#old", "tag:x,2025:ep 1").Should().Be("https://example.com/feed.xml#tag%3Ax%2C2025%3Aep%201");
    }
}
