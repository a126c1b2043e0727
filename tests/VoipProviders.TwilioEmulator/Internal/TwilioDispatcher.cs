namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Operation → handler.</summary>
internal static class TwilioDispatcher
{
    public static TwilioResult Dispatch(TwilioOperation operation, TwilioCall call, EmulatorStore store) => operation switch
    {
        TwilioOperation.FetchAccount => ApiV2010Handlers.FetchAccount(call, store),
        TwilioOperation.CreateCredentialList => ApiV2010Handlers.CreateCredentialList(call, store),
        TwilioOperation.ListCredentialLists => ApiV2010Handlers.ListCredentialLists(call, store),
        TwilioOperation.FetchCredentialList => ApiV2010Handlers.FetchCredentialList(call, store),
        TwilioOperation.UpdateCredentialList => ApiV2010Handlers.UpdateCredentialList(call, store),
        TwilioOperation.DeleteCredentialList => ApiV2010Handlers.DeleteCredentialList(call, store),
        TwilioOperation.CreateCredential => ApiV2010Handlers.CreateCredential(call, store),
        TwilioOperation.ListCredentials => ApiV2010Handlers.ListCredentials(call, store),
        TwilioOperation.FetchCredential => ApiV2010Handlers.FetchCredential(call, store),
        TwilioOperation.UpdateCredential => ApiV2010Handlers.UpdateCredential(call, store),
        TwilioOperation.DeleteCredential => ApiV2010Handlers.DeleteCredential(call, store),
        TwilioOperation.ListIncomingPhoneNumbers => ApiV2010Handlers.ListIncomingPhoneNumbers(call, store),
        TwilioOperation.FetchIncomingPhoneNumber => ApiV2010Handlers.FetchIncomingPhoneNumber(call, store),
        TwilioOperation.UpdateIncomingPhoneNumber => ApiV2010Handlers.UpdateIncomingPhoneNumber(call, store),
        TwilioOperation.DeleteIncomingPhoneNumber => ApiV2010Handlers.DeleteIncomingPhoneNumber(call, store),
        TwilioOperation.CreateTrunk => TrunkingHandlers.CreateTrunk(call, store),
        TwilioOperation.ListTrunks => TrunkingHandlers.ListTrunks(call, store),
        TwilioOperation.FetchTrunk => TrunkingHandlers.FetchTrunk(call, store),
        TwilioOperation.UpdateTrunk => TrunkingHandlers.UpdateTrunk(call, store),
        TwilioOperation.DeleteTrunk => TrunkingHandlers.DeleteTrunk(call, store),
        TwilioOperation.AssociateCredentialList => TrunkingHandlers.AssociateCredentialList(call, store),
        TwilioOperation.ListTrunkCredentialLists => TrunkingHandlers.ListTrunkCredentialLists(call, store),
        TwilioOperation.FetchTrunkCredentialList => TrunkingHandlers.FetchTrunkCredentialList(call, store),
        TwilioOperation.DisassociateCredentialList => TrunkingHandlers.DisassociateCredentialList(call, store),
        TwilioOperation.AttachPhoneNumber => TrunkingHandlers.AttachPhoneNumber(call, store),
        TwilioOperation.ListTrunkPhoneNumbers => TrunkingHandlers.ListTrunkPhoneNumbers(call, store),
        TwilioOperation.FetchTrunkPhoneNumber => TrunkingHandlers.FetchTrunkPhoneNumber(call, store),
        TwilioOperation.DetachPhoneNumber => TrunkingHandlers.DetachPhoneNumber(call, store),
        TwilioOperation.CreateOriginationUrl => TrunkingHandlers.CreateOriginationUrl(call, store),
        TwilioOperation.ListOriginationUrls => TrunkingHandlers.ListOriginationUrls(call, store),
        TwilioOperation.FetchOriginationUrl => TrunkingHandlers.FetchOriginationUrl(call, store),
        TwilioOperation.UpdateOriginationUrl => TrunkingHandlers.UpdateOriginationUrl(call, store),
        TwilioOperation.DeleteOriginationUrl => TrunkingHandlers.DeleteOriginationUrl(call, store),
        TwilioOperation.CreateSecondaryAuthToken => AccountsV1Handlers.CreateSecondaryAuthToken(call, store),
        TwilioOperation.DeleteSecondaryAuthToken => AccountsV1Handlers.DeleteSecondaryAuthToken(call, store),
        TwilioOperation.PromoteAuthToken => AccountsV1Handlers.PromoteAuthToken(call, store),
        _ => TwilioResult.NotFound(call.Path),
    };
}
