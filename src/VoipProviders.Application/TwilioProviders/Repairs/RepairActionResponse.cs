namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>One action of a plan: what it does, to which resource, why, and whether it changes the trunk's SIP address.</summary>
public sealed record RepairActionResponse
{
    /// <summary>recreate_trunk, set_domain_name, set_transfer_mode, set_secure, create_credential_list, associate_credential_list, create_sip_credential, create_origination_url, update_origination_url, reattach_phone_number, or manual (found, never repaired by the module).</summary>
    public required string Action { get; init; }

    /// <summary>The resource: a SID (TK, CL, CR, OU, PN, AC) or a SIP URL; never a SIP username.</summary>
    public required string Target { get; init; }

    public required string Reason { get; init; }

    /// <summary>True for recreate_trunk: the termination URI changes. Applying it needs allowDisruptive.</summary>
    public required bool Disruptive { get; init; }
}
