using VoipProviders.Application.PhoneNumbers;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Records the providers whose cached number listings a command asked to drop.</summary>
public sealed class RecordingAvailablePhoneNumberListInvalidation : IAvailablePhoneNumberListInvalidation
{
    private readonly List<ProviderId> _providers = [];

    public IReadOnlyList<ProviderId> Providers => _providers;

    public void InvalidateWhenSettled(ProviderId providerId) => _providers.Add(providerId);
}
