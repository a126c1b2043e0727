namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>The actions a repair plan is made of (the API's <c>action</c> values), in the order a plan applies them.</summary>
public static class RepairActionNames
{
    /// <summary>The trunk is gone from the account: a new one is created (new SID and domain: the termination URI changes).</summary>
    public const string RecreateTrunk = "recreate_trunk";

    /// <summary>The trunk's termination domain was changed: it is set back to the one calls are sent to.</summary>
    public const string SetDomainName = "set_domain_name";

    public const string SetTransferMode = "set_transfer_mode";

    public const string SetSecure = "set_secure";

    public const string CreateCredentialList = "create_credential_list";

    public const string AssociateCredentialList = "associate_credential_list";

    /// <summary>The SIP credential is gone: a new one (new username and password) replaces it, so the dial-out route changes.</summary>
    public const string CreateSipCredential = "create_sip_credential";

    public const string CreateOriginationUrl = "create_origination_url";

    public const string UpdateOriginationUrl = "update_origination_url";

    public const string ReattachPhoneNumber = "reattach_phone_number";

    /// <summary>Found, but never repaired by the module: the tenant decides (a number moved or released, a suspended account).</summary>
    public const string Manual = "manual";
}
