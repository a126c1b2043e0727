using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>
/// Stuck background work made visible (ADR-021): every replica counts it for its gauges, and readiness judges this
/// replica's job engine and the outbox. The categories are the <c>IBackgroundWorkSource</c>s the building blocks and
/// features register.
/// </summary>
public static class BackgroundWorkRegistration
{
    /// <summary>The readiness checks of background work, tagged <paramref name="tag"/>: <c>jobEngine</c> and <c>outbox</c>.</summary>
    public static IHealthChecksBuilder AddBackgroundWorkChecks(this IHealthChecksBuilder builder, string tag)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCheck<JobEngineHealthCheck>(JobEngineHealthCheck.Name, tags: [tag])
            .AddCheck<OutboxAgeHealthCheck>(OutboxAgeHealthCheck.Name, tags: [tag]);
    }

    internal static IServiceCollection AddBackgroundWorkObservation(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BackgroundWorkSnapshot>();
        services.AddSingleton<BackgroundWorkMetrics>();
        services.AddHostedService<BackgroundWorkRefresher>();
        return services;
    }
}
