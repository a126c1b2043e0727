namespace VoipProviders.ArchitectureTests;

/// <summary>The layer arrows as data, checked twice: on type dependencies and on assembly references.</summary>
internal static class LayerRules
{
    /// <summary>(layer, name prefix it must not depend on).</summary>
    public static TheoryData<string, string> Forbidden => new()
    {
        { ProductionAssemblies.Domain, "VoipProviders.Application" },
        { ProductionAssemblies.Domain, "VoipProviders.Infrastructure" },
        { ProductionAssemblies.Domain, "VoipProviders.Web" },
        { ProductionAssemblies.Domain, "Microsoft.EntityFrameworkCore" },
        { ProductionAssemblies.Domain, "Npgsql" },
        { ProductionAssemblies.Domain, "Twilio" },
        { ProductionAssemblies.Domain, "Mediator" },
        { ProductionAssemblies.Domain, "Quartz" },
        { ProductionAssemblies.Application, "VoipProviders.Infrastructure" },
        { ProductionAssemblies.Application, "VoipProviders.Web" },
        { ProductionAssemblies.Application, "Twilio" },
        { ProductionAssemblies.Application, "Npgsql" },
        { ProductionAssemblies.Application, "Microsoft.AspNetCore" },
        { ProductionAssemblies.Application, "Quartz" },
        // Reads and writes go through ports the infrastructure implements (read models, repositories).
        { ProductionAssemblies.Application, "Microsoft.EntityFrameworkCore" },
        { ProductionAssemblies.Web, "Quartz" },
        // Spans and instruments are System.Diagnostics (ActivitySource, Meter); only the host knows the OpenTelemetry SDK (ADR-020).
        { ProductionAssemblies.Domain, "OpenTelemetry" },
        { ProductionAssemblies.Application, "OpenTelemetry" },
        { ProductionAssemblies.Infrastructure, "OpenTelemetry" },
        { ProductionAssemblies.Infrastructure, "VoipProviders.Web" },
    };
}
