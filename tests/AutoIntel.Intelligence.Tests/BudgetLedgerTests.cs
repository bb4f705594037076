using AutoIntel.Intelligence.Budgets;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Intelligence.Tests;

public sealed class BudgetLedgerTests
{
    // Run and call caps far above the tenant cap, so only the tenant-day cap can be what stops a call.
    private static BudgetOptions TenantCapOnly(decimal perTenantDay) => new() { PerRunUsd = 100m, PerCallUsd = 100m, PerTenantDailyUsd = perTenantDay };

    [Fact]
    public async Task RemainingForCall_TenantSpentItsDailyCapAcrossRuns_ZeroForThatTenantOnly()
    {
        var ledger = new BudgetLedger(TenantCapOnly(1.00m), new FakeTimeProvider());
        await ledger.RecordAsync("run-1", "guild-a", 0.60m);
        await ledger.RecordAsync("run-2", "guild-a", 0.40m);

        var freshRun = ledger.RemainingForCall("run-3", "guild-a");

        freshRun.Should().Be(0m);
        ledger.RemainingForRun("run-3").Should().Be(100m, "the run cap is not what stopped it");
        ledger.RemainingForCall("run-3", "guild-b").Should().Be(1.00m);
    }

    [Fact]
    public async Task RemainingForCall_PartlySpentTenant_CapsCallAtTenantRemainder()
    {
        var ledger = new BudgetLedger(TenantCapOnly(1.00m), new FakeTimeProvider());

        await ledger.RecordAsync("run-1", "guild-a", 0.75m);

        ledger.RemainingForCall("run-2", "guild-a").Should().Be(0.25m);
    }

    [Fact]
    public async Task SpentToday_UtcMidnightPasses_ResetsTenantSpend()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero));
        var ledger = new BudgetLedger(TenantCapOnly(1.00m), time);
        await ledger.RecordAsync("run-1", "guild-a", 1.00m);
        ledger.RemainingForCall("run-2", "guild-a").Should().Be(0m);

        time.Advance(TimeSpan.FromMinutes(2));

        ledger.SpentToday("guild-a").Should().Be(0m);
        ledger.RemainingForCall("run-2", "guild-a").Should().Be(1.00m);
    }

    [Fact]
    public async Task SpentToday_MidnightInAnotherTimeZone_DoesNotReset()
    {
        // 23:30 UTC is already the next day in Berlin; the cap follows the UTC day only.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.Zero));
        var ledger = new BudgetLedger(TenantCapOnly(1.00m), time);
        await ledger.RecordAsync("run-1", "guild-a", 0.50m);

        time.Advance(TimeSpan.FromHours(1));

        ledger.SpentToday("guild-a").Should().Be(0.50m);
    }

    [Fact]
    public async Task SpentToday_RestartedProcessSameStore_SeesEarlierSpend()
    {
        var store = new TestArtifactStore();
        var time = new FakeTimeProvider();
        await new BudgetLedger(TenantCapOnly(1.00m), time, store).RecordAsync("run-1", "guild-a", 0.70m);

        var restarted = new BudgetLedger(TenantCapOnly(1.00m), time, store);
        await restarted.RefreshAsync("guild-a");

        restarted.SpentToday("guild-a").Should().Be(0.70m);
        restarted.RemainingForCall("run-2", "guild-a").Should().Be(0.30m);
    }

    [Fact]
    public async Task SpentToday_TwoProcessesSameStore_AddUpAfterRefresh()
    {
        var store = new TestArtifactStore();
        var time = new FakeTimeProvider();
        var first = new BudgetLedger(TenantCapOnly(1.00m), time, store);
        var second = new BudgetLedger(TenantCapOnly(1.00m), time, store);
        await first.RefreshAsync("guild-a");
        await second.RefreshAsync("guild-a");

        await first.RecordAsync("run-1", "guild-a", 0.40m);
        await second.RecordAsync("run-2", "guild-a", 0.35m);
        await second.RecordAsync("run-2", "guild-a", 0.05m);
        time.Advance(TimeSpan.FromSeconds(6));
        await first.RefreshAsync("guild-a");
        await second.RefreshAsync("guild-a");

        first.SpentToday("guild-a").Should().Be(0.80m);
        second.SpentToday("guild-a").Should().Be(0.80m);
        first.RemainingForCall("run-3", "guild-a").Should().Be(0.20m);
    }

    [Fact]
    public async Task SpentToday_NextUtcDay_IgnoresYesterdaysPersistedSpend()
    {
        var store = new TestArtifactStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero));
        await new BudgetLedger(TenantCapOnly(1.00m), time, store).RecordAsync("run-1", "guild-a", 1.00m);
        time.Advance(TimeSpan.FromHours(2));

        var restarted = new BudgetLedger(TenantCapOnly(1.00m), time, store);
        await restarted.RefreshAsync("guild-a");

        restarted.SpentToday("guild-a").Should().Be(0m);
    }
}
