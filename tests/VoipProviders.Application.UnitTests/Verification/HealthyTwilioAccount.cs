using System.Globalization;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Verification;

/// <summary>Seeds <see cref="FakeTwilioGateway"/> with everything a provider's verification looks for, as provisioned.</summary>
internal static class HealthyTwilioAccount
{
    /// <summary>The SIP password <see cref="TestValues.ConnectedProvider"/> protects.</summary>
    public const string SipPassword = "Sip-Password-0123456789-abcdefghijklmn";

    /// <summary>
    /// The provider's trunk (domain name, TransferMode, Secure), credential list, SIP credential, their association and
    /// the trunk's origination URLs (<see cref="SeedOrigination"/>). Seed it before handing the provider to a store that
    /// copies it, so the copy holds the origination URLs too.
    /// </summary>
    public static void Seed(FakeTwilioGateway twilio, TwilioProvider provider)
    {
        twilio.Trunks[provider.TrunkSid] = provider.TrunkDomainName;
        if (provider.SupportsCallTransfer)
        {
            twilio.TransferEnabledTrunks.Add(provider.TrunkSid);
        }

        if (provider.SecureTrunking)
        {
            twilio.SecureTrunks.Add(provider.TrunkSid);
        }

        twilio.CredentialLists[provider.CredentialListSid] = $"VoipProviders {provider.Id.Value:N}";
        twilio.SipCredentials[provider.SipCredentialSid] = (provider.CredentialListSid, provider.SipUsername);
        twilio.Associations.Add((provider.TrunkSid, provider.CredentialListSid));
        SeedOrigination(twilio, provider);
    }

    /// <summary>
    /// The origination URLs a connect under <see cref="TestValues.Origination"/> gives the provider's trunk: put on the
    /// trunk in the fake account (once, whoever else shares the trunk) and stored on the provider with their revision.
    /// </summary>
    public static IReadOnlyList<OriginationUrl> SeedOrigination(FakeTwilioGateway twilio, TwilioProvider provider)
    {
        var plan = TestValues.Origination();
        var urls = plan.DesiredFor(provider.InboundRoutingKey, provider.SecureTrunking)
            .Select((spec, index) => new OriginationUrl(OriginationUrlSid(index), spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled))
            .ToList();
        foreach (var url in urls)
        {
            if (!twilio.OriginationUrls.Any(o => o.TrunkSid == provider.TrunkSid && o.Url.Sid == url.Sid))
            {
                twilio.OriginationUrls.Add((provider.TrunkSid, new TwilioOriginationUrl(url.Sid, url.FriendlyName, url.SipUrl, url.Priority, url.Weight, url.Enabled)));
            }
        }

        provider.RecordOrigination(urls, plan.RevisionFor(provider.SecureTrunking));
        return urls;
    }

    /// <summary>The SID of the <paramref name="index"/>th seeded origination URL (never one the fake hands out when creating).</summary>
    public static string OriginationUrlSid(int index) => "OU5eed" + (index + 1).ToString("x28", CultureInfo.InvariantCulture);

    /// <summary>Imports the <paramref name="numbers"/>th sample numbers for the provider, each attached to its trunk in Twilio.</summary>
    public static void ImportOnTrunk(FakeTwilioGateway twilio, FakeImportedPhoneNumberRepository phoneNumbers, TwilioProvider provider, params int[] numbers)
    {
        foreach (var n in numbers)
        {
            phoneNumbers.Seed(TestValues.ImportedNumber(provider, n));
            twilio.PhoneNumbers[TestValues.PhoneNumberSid(n)] = TestValues.IncomingNumber(n, provider.TrunkSid);
        }
    }
}
