using AutoIntel.DurableEngines;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// The functions the host will index, read from the build's own <c>functions.metadata</c>: Durable Functions finds
/// orchestrators and activities by function name, so a registered name without its function would fail only in Azure.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly WorkflowRegistry Registry = new WorkflowRegistry().AddAutoIntel().AddQualityReport().AddMemoryUpkeep();

    [Fact]
    public void Metadata_Orchestrators_AreExactlyTheRegisteredWorkflows()
    {
        var orchestrators = FunctionsMetadata.All.Where(f => f.Trigger == "orchestrationTrigger").ToList();

        orchestrators.Select(f => f.Name).Should().BeEquivalentTo(Registry.Workflows.Keys).And.BeEquivalentTo(WorkflowNames.AutoIntel, WorkflowNames.Watch, QualityNames.WeeklyReport, UpkeepNames.MemoryUpkeep);
        orchestrators.Should().OnlyContain(f => f.Bindings.SequenceEqual(new[] { "orchestrationTrigger" }));
    }

    [Fact]
    public void Metadata_Activities_AreExactlyOnePerRegisteredActivity()
    {
        var activities = FunctionsMetadata.All.Where(f => f.Trigger == "activityTrigger").ToList();

        activities.Select(f => f.Name).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(Registry.Activities.Keys, "each registered activity needs exactly one [Function(ActivityNames.X)], and no function may be left over");
        activities.Where(f => f.Name != QualityNames.PostWeeklyReport).Should().OnlyContain(f => f.Bindings.SequenceEqual(new[] { "activityTrigger" }));

        // The weekly report lists the task hub's runs, so its activity also binds the Durable client.
        activities.Single(f => f.Name == QualityNames.PostWeeklyReport).Bindings.Should().BeEquivalentTo("activityTrigger", "durableClient");
    }

    [Theory]
    [InlineData("Interactions", "post", true)]
    [InlineData("RunStatus", "get", true)]
    [InlineData("Health", "get", false)]
    public void Metadata_HttpFunctions_HaveAnHttpTriggerAndOutput(string name, string method, bool durableClient)
    {
        FunctionEntry function = FunctionsMetadata.All.Single(f => f.Name == name);

        function.Trigger.Should().Be("httpTrigger");
        function.Bindings.Should().Contain("http");
        function.Bindings.Contains("durableClient").Should().Be(durableClient);
        function.Method().Should().NotBeNull(method);
    }

    [Theory]
    [InlineData("WeeklyReportSchedule")]
    [InlineData("MemoryUpkeepSchedule")]
    public void Metadata_Schedule_IsAnHourlyTimerWithTheDurableClient(string name)
    {
        FunctionEntry function = FunctionsMetadata.All.Single(f => f.Name == name);

        function.Trigger.Should().Be("timerTrigger");
        function.Bindings.Should().BeEquivalentTo("timerTrigger", "durableClient");
        function.Method().Should().NotBeNull();
    }

    [Fact]
    public void Metadata_EveryFunction_IsAnHttpDurableOrActivityFunctionWithAMethod()
    {
        FunctionsMetadata.All.Select(f => f.Name).Should().OnlyHaveUniqueItems();
        FunctionsMetadata.All.Should().HaveCount(Registry.Workflows.Count + Registry.Activities.Count + 5);
        FunctionsMetadata.All.Should().OnlyContain(f => f.Method() != null);
    }
}
