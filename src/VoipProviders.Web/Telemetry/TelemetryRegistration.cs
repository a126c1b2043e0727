using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Web.Http;

namespace VoipProviders.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the host (ADR-020): traces of ASP.NET Core, outgoing HTTP (Twilio), Npgsql, the mediator, the
/// Twilio adapter, background jobs and integration events, and Quartz; metrics of ASP.NET Core (HTTP server, rate
/// limiting), HttpClient, the runtime, Npgsql and every <c>VoipProviders.*</c> meter; exported over OTLP as
/// the standard <c>OTEL_*</c> variables say. Without an OTLP endpoint (and without <c>Telemetry:Enabled</c>) nothing
/// is registered: no listener, no cost.
/// </summary>
internal static class TelemetryRegistration
{
    /// <summary>Every source and meter of the module is named <c>VoipProviders.*</c>.</summary>
    public const string ModuleSources = "VoipProviders.*";

    public const string DefaultServiceName = "voip-providers";

    private static readonly string[] OtlpEndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static IServiceCollection AddVoipProvidersTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // The module's own instruments exist either way; they cost nothing while nobody listens.
        services.AddSingleton<IdempotencyMetrics>();

        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        var exportOverOtlp = OtlpEndpointVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
        var enabled = configuration.GetValue<bool>($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Enabled)}");
        if (!exportOverOtlp && !enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read by the SDK and win over this default.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(DefaultServiceName, serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString());
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(ModuleSources)
                .AddSource(SchedulerTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes poll every few seconds; a trace each would be noise.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    // Scheme, host and path only: no query (a phone number searched for), never user info.
                    if (request.RequestUri is { IsAbsoluteUri: true } uri)
                    {
                        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                    }
                })
                .AddNpgsql()
                .AddProcessor(new UnparentedDatabaseSpanFilter()))
            .WithMetrics(metrics => metrics
                // Not Quartz's meter: it tags runs by job key, and each outbox job's key is its own id (unbounded series);
                // VoipProviders.BackgroundJobs counts runs by job name instead.
                .AddMeter(ModuleSources)
                .AddMeter("Microsoft.AspNetCore.RateLimiting")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation());

        if (exportOverOtlp)
        {
            // Every signal, each with the standard variables (endpoint, protocol, headers, signal-specific endpoints).
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
