namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Names of the <see cref="Twilio.ITwilioGateway"/> operations, as <see cref="FakeTwilioGateway"/> records them.</summary>
public static class GatewayOperation
{
    public const string FetchAccount = nameof(FetchAccount);
    public const string CreateTrunk = nameof(CreateTrunk);
    public const string FindTrunkByDomainName = nameof(FindTrunkByDomainName);
    public const string UpdateTrunkTransferMode = nameof(UpdateTrunkTransferMode);
    public const string DeleteTrunk = nameof(DeleteTrunk);
    public const string ListIncomingPhoneNumbers = nameof(ListIncomingPhoneNumbers);
    public const string FindIncomingPhoneNumber = nameof(FindIncomingPhoneNumber);
    public const string AttachPhoneNumber = nameof(AttachPhoneNumber);
    public const string DetachPhoneNumber = nameof(DetachPhoneNumber);
    public const string FetchTrunk = nameof(FetchTrunk);
    public const string IsCredentialListAssociated = nameof(IsCredentialListAssociated);
    public const string ListSipCredentialUsernames = nameof(ListSipCredentialUsernames);
    public const string ListTrunkPhoneNumberSids = nameof(ListTrunkPhoneNumberSids);
    public const string CreateCredentialList = nameof(CreateCredentialList);
    public const string FindCredentialListByFriendlyName = nameof(FindCredentialListByFriendlyName);
    public const string DeleteCredentialList = nameof(DeleteCredentialList);
    public const string CreateSecondaryAuthToken = nameof(CreateSecondaryAuthToken);
    public const string DeleteSecondaryAuthToken = nameof(DeleteSecondaryAuthToken);
    public const string PromoteSecondaryAuthToken = nameof(PromoteSecondaryAuthToken);
    public const string CreateSipCredential = nameof(CreateSipCredential);
    public const string AssociateCredentialList = nameof(AssociateCredentialList);
    public const string UpdateTrunkSecure = nameof(UpdateTrunkSecure);
    public const string UpdateTrunkDomainName = nameof(UpdateTrunkDomainName);
    public const string ListOriginationUrls = nameof(ListOriginationUrls);
    public const string CreateOriginationUrl = nameof(CreateOriginationUrl);
    public const string UpdateOriginationUrl = nameof(UpdateOriginationUrl);
    public const string DeleteOriginationUrl = nameof(DeleteOriginationUrl);
    public const string ListSipCredentials = nameof(ListSipCredentials);
    public const string DeleteSipCredential = nameof(DeleteSipCredential);
}
