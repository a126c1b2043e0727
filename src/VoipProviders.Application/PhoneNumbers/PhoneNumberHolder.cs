using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The provider a number belongs to: imported by it (<paramref name="Committed"/>), or being imported by it right now.</summary>
public sealed record PhoneNumberHolder(ProviderId ProviderId, bool Committed);
