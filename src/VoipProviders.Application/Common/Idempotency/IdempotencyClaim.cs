namespace VoipProviders.Application.Common.Idempotency;

/// <summary>What <see cref="IIdempotencyStore.TryBeginAsync"/> found; <see cref="Response"/> for <see cref="IdempotencyOutcome.Completed"/>.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null);
