using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>The API's names of <see cref="AutoRepairMode"/>: off, safe, all.</summary>
public static class AutoRepairModes
{
    public const string Allowed = "off, safe, all";

    /// <summary>The names in the order of <see cref="Allowed"/>: what the OpenAPI document lists.</summary>
    public static IReadOnlyList<string> Names { get; } = ["off", "safe", "all"];

    public static bool IsValid(string? value) => TryParse(value, out _);

    public static bool TryParse(string? value, out AutoRepairMode mode)
    {
        (var valid, mode) = value switch
        {
            "off" => (true, AutoRepairMode.Off),
            "safe" => (true, AutoRepairMode.Safe),
            "all" => (true, AutoRepairMode.All),
            _ => (false, AutoRepairMode.Off),
        };
        return valid;
    }

    public static AutoRepairMode Parse(string value) =>
        TryParse(value, out var mode) ? mode : throw new ArgumentException($"autoRepair must be one of: {Allowed}.", nameof(value));
}
