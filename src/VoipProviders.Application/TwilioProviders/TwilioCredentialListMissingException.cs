using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The provider's credential list no longer exists in the tenant's Twilio account (deleted there by hand).</summary>
public sealed class TwilioCredentialListMissingException(string credentialListSid, Exception? innerException = null)
    : TwilioGatewayException($"Credential list {credentialListSid} no longer exists in the Twilio account.", null, 404, innerException)
{
    public string CredentialListSid { get; } = credentialListSid;

    public override FailureKind Kind => FailureKind.Unprocessable;

    public override string Code => "twilio_credential_list_missing";

    public override string Title => "The provider's credential list is gone from Twilio";

    public override string Detail =>
        $"The SIP credential list {CredentialListSid} no longer exists in the Twilio account, so no credential can be added to it. "
        + "Delete the provider and connect the account again.";

    public override IReadOnlyDictionary<string, object> Facts =>
        new Dictionary<string, object>(StringComparer.Ordinal) { ["credentialListSid"] = CredentialListSid };
}
