using System.Security.Cryptography;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>Names of the resources the module creates in a tenant's Twilio account, so they can be recognised later.</summary>
internal static class TwilioResourceNames
{
    /// <summary>A fresh, globally unique-enough trunk domain such as <c>vp-3f9a…e1.pstn.twilio.com</c>.</summary>
    public static string NewTrunkDomainName() =>
        "vp-" + RandomNumberGenerator.GetHexString(16, lowercase: true) + TwilioProvider.TrunkDomainSuffix;

    /// <summary>Twilio friendly names are at most 64 characters; this one is 46.</summary>
    public static string FriendlyName(Guid providerId) => $"VoipProviders {providerId:N}";
}
