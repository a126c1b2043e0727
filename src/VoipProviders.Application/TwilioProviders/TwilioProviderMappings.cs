using Mapster;
using VoipProviders.Application.Providers;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Mapster configuration of the Twilio provider DTO. Values stored through value converters (ids, region, verification
/// checks) are shaped by plain members, which EF Core evaluates after reading the row.
/// </summary>
public sealed class TwilioProviderMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<TwilioProvider, TwilioProviderResponse>()
            .Map(d => d.Id, s => s.Id.Value)
            .Map(d => d.AccountSid, s => s.AccountSid.Value)
            .Map(d => d.Region, s => s.Region.Code)
            .Map(d => d.VerificationDetails, s => VerificationCheckResponses.From(s.VerificationChecks))
            .Map(d => d.OriginationUris, s => s.OriginationUrls.Select(u => new OriginationUriResponse
            {
                Sid = u.Sid,
                SipUrl = u.SipUrl,
                Priority = u.Priority,
                Weight = u.Weight,
                Enabled = u.Enabled,
            }).ToList())
            .Map(d => d.AuthTokenRotationPolicy, s => new AuthTokenRotationPolicyResponse
            {
                Enabled = s.AuthTokenRotationEnabled,
                IntervalDays = s.AuthTokenRotationIntervalDays,
                PropagationDelaySeconds = s.AuthTokenRotationPropagationDelaySeconds,
                NextRotationAt = s.NextAuthTokenRotationAt,
            })
            // Counted from the imported numbers by whoever answers with a provider (the read model's query, or the
            // repository's FindWithPhoneNumberCountAsync in commands).
            .Map(d => d.PhoneNumberCount, _ => 0);
    }
}
