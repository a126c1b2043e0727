using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// A verification run holding a provider until <see cref="LeaseUntil"/>: while it does, no other run of that provider
/// starts, on any replica. Kept apart from the provider's row so that starting and ending runs never write the row
/// itself — a run that stores nothing leaves the provider exactly as it was.
/// </summary>
internal sealed class VerificationLease
{
    public ProviderId ProviderId { get; init; }

    /// <summary>The run holding the lease: only it ends the lease (an expired lease may have passed to another run).</summary>
    public Guid RunId { get; init; }

    public DateTimeOffset LeaseUntil { get; init; }
}
