using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// A provider a repair test connected, with what the module built in the tenant's emulated account at connect: the
/// state drift is made from and a repair must restore.
/// </summary>
public sealed record ConnectedProvider(
    Guid Id,
    string OrganizationId,
    EmulatedAccount Account,
    EmulatedTrunk Trunk,
    EmulatedCredentialList CredentialList,
    EmulatedCredential SipCredential,
    EmulatedOriginationUrl OriginationUrl,
    IReadOnlyList<EmulatedPhoneNumber> Numbers,
    string TerminationUri)
{
    public string TrunkSid => Trunk.Sid;

    public string CredentialListSid => CredentialList.Sid;
}
