namespace VoipProviders.TwilioEmulator;

/// <summary>The Twilio REST operations the emulator understands; used to target faults, latency and barriers and to filter the request log.</summary>
public enum TwilioOperation
{
    FetchAccount,
    CreateCredentialList,
    ListCredentialLists,
    FetchCredentialList,
    UpdateCredentialList,
    DeleteCredentialList,
    CreateCredential,
    ListCredentials,
    FetchCredential,
    UpdateCredential,
    DeleteCredential,
    CreateTrunk,
    ListTrunks,
    FetchTrunk,
    UpdateTrunk,
    DeleteTrunk,
    AssociateCredentialList,
    ListTrunkCredentialLists,
    FetchTrunkCredentialList,
    DisassociateCredentialList,
    AttachPhoneNumber,
    ListTrunkPhoneNumbers,
    FetchTrunkPhoneNumber,
    DetachPhoneNumber,
    ListIncomingPhoneNumbers,
    FetchIncomingPhoneNumber,
    UpdateIncomingPhoneNumber,
    CreateOriginationUrl,
    ListOriginationUrls,
    FetchOriginationUrl,

    /// <summary>Partial update of an origination URL (POST /v1/Trunks/{TK}/OriginationUrls/{OU}); same field rules as create.</summary>
    UpdateOriginationUrl,
    DeleteOriginationUrl,

    /// <summary>Releases a number from the account (DELETE …/IncomingPhoneNumbers/{PN}.json); it leaves any trunk with it.</summary>
    DeleteIncomingPhoneNumber,

    /// <summary>Creates the account's secondary Auth Token (POST accounts.twilio.com/v1/AuthTokens/Secondary); 409/20409 when it has one.</summary>
    CreateSecondaryAuthToken,

    /// <summary>Deletes the account's secondary Auth Token (DELETE /v1/AuthTokens/Secondary); 404/20404 when it has none.</summary>
    DeleteSecondaryAuthToken,

    /// <summary>
    /// Promotes the secondary Auth Token to primary (POST /v1/AuthTokens/Promote): the old primary fails from then on;
    /// 404/20404 without a secondary.
    /// </summary>
    PromoteAuthToken,

    /// <summary>Any request that matches no emulated route (answered 404/20404, or 401/20003 when unauthenticated).</summary>
    Unknown,
}
