namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>What one rollout pass did: providers brought in line (or found up to date), and providers left for a later pass.</summary>
public sealed record OriginationRolloutResult(int Aligned, int Failed);
