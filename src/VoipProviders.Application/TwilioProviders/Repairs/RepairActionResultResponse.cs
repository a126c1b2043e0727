namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>What became of one action of an applied plan.</summary>
public sealed record RepairActionResultResponse
{
    public required string Action { get; init; }

    public required string Target { get; init; }

    /// <summary>applied, failed, or skipped (a manual finding, or not tried because an earlier action failed).</summary>
    public required string Outcome { get; init; }

    /// <summary>Why the action failed or was skipped; null when applied.</summary>
    public string? Error { get; init; }
}
