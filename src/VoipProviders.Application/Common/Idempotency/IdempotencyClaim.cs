namespace VoipProviders.Application.Common.Idempotency;

/// <summary>
/// What <see cref="IIdempotencyStore.TryBeginAsync"/> found: <see cref="Claimed"/> for <see cref="IdempotencyOutcome.Started"/>,
/// <see cref="Response"/> for <see cref="IdempotencyOutcome.Completed"/>.
/// </summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, ClaimedIdempotencyKey? Claimed = null, StoredResponse? Response = null);
