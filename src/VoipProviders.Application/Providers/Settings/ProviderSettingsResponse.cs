using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Settings;

/// <summary>The organization's defaults for the providers it connects.</summary>
public sealed record ProviderSettingsResponse : IHasExample
{
    /// <summary>The autoRepair a newly connected provider starts with (off, safe, all); existing providers keep their own.</summary>
    public required AutoRepairMode DefaultAutoRepair { get; init; }

    /// <summary>When the settings last changed; null while every default is the module's own.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["defaultAutoRepair"] = "safe",
        ["updatedAt"] = "2026-12-06T10:00:00Z",
    };
}
