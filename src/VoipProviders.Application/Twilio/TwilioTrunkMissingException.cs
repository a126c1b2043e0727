using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>The provider's Elastic SIP trunk no longer exists in the tenant's Twilio account (deleted there by hand).</summary>
public sealed class TwilioTrunkMissingException(string trunkSid, Exception? innerException = null)
    : TwilioGatewayException($"Trunk {trunkSid} no longer exists in the Twilio account.", null, 404, innerException)
{
    public string TrunkSid { get; } = trunkSid;

    public override FailureKind Kind => FailureKind.Unprocessable;

    public override string Code => "twilio_trunk_missing";

    public override string Title => "The provider's trunk is gone from Twilio";

    public override string Detail =>
        $"The Elastic SIP trunk {TrunkSid} no longer exists in the Twilio account, so it cannot be changed. "
        + "Delete the provider and connect the account again.";

    public override IReadOnlyDictionary<string, object> Facts =>
        new Dictionary<string, object>(StringComparer.Ordinal) { ["trunkSid"] = TrunkSid };
}
