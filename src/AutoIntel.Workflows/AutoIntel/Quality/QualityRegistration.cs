using AutoIntel.Intelligence;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Registers the quality loop: feedback, reports and the weekly report's workflow and activity.</summary>
public static class QualityRegistration
{
    /// <summary>Adds the weekly report orchestration and its activity to <paramref name="registry"/>.</summary>
    public static WorkflowRegistry AddQualityReport(this WorkflowRegistry registry) => registry
        .AddWorkflow<WeeklyReportWorkflow, WeeklyReportInput, bool>()
        .AddActivity<PostWeeklyReport, PostWeeklyReportInput, bool>();

    /// <summary>Adds the feedback store and recorder (teaching the LLM gateway when <c>Llm</c> is configured).</summary>
    /// <remarks>A host that reports also registers <see cref="RunReportBuilder"/> with its own <see cref="IRunLister"/>.</remarks>
    public static IServiceCollection AddQualityLoop(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(sp => new FeedbackStore(sp.GetRequiredService<IArtifactStore>()));
        services.TryAddSingleton(sp => new FeedbackRecorder(
            sp.GetRequiredService<FeedbackStore>(),
            sp.GetRequiredService<IArtifactStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FeedbackRecorder>>(),
            IntelligenceServiceCollectionExtensions.LlmConfigured(configuration) ? sp.GetRequiredService<LlmGateway>() : null));
        return services;
    }
}
