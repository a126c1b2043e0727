using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Verification;

/// <summary>Seeds <see cref="FakeTwilioGateway"/> with everything a provider's verification looks for, as provisioned.</summary>
internal static class HealthyTwilioAccount
{
    /// <summary>The SIP password <see cref="TestValues.ConnectedProvider"/> protects.</summary>
    public const string SipPassword = "Sip-Password-0123456789-abcdefghijklmn";

    /// <summary>The provider's trunk (domain name, TransferMode), credential list, SIP credential and their association.</summary>
    public static void Seed(FakeTwilioGateway twilio, TwilioProvider provider)
    {
        twilio.Trunks[provider.TrunkSid] = provider.TrunkDomainName;
        if (provider.SupportsCallTransfer)
        {
            twilio.TransferEnabledTrunks.Add(provider.TrunkSid);
        }

        twilio.CredentialLists[provider.CredentialListSid] = $"VoipProviders {provider.Id.Value:N}";
        twilio.SipCredentials[provider.SipCredentialSid] = (provider.CredentialListSid, provider.SipUsername);
        twilio.Associations.Add((provider.TrunkSid, provider.CredentialListSid));
    }

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
