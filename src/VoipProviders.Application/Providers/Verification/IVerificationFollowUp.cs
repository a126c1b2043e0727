using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// What a provider type does once a verification of one of its providers has an outcome: called before the outcome is
/// stored, so whatever it queues (a background job) commits with the outcome or not at all.
/// </summary>
public interface IVerificationFollowUp
{
    ProviderType Type { get; }

    void Verified(IVerifiableProvider provider, VerificationTrigger trigger);
}
