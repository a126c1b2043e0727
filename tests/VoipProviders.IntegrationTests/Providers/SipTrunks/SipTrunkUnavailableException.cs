using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>The SIP host could not be asked: a verification of it is inconclusive.</summary>
public sealed class SipTrunkUnavailableException(Exception? innerException = null)
    : UpstreamFailureException("The SIP host did not answer.", innerException)
{
    public override FailureKind Kind => FailureKind.UpstreamFailed;

    public override string Code => "sip_trunk_unavailable";

    public override string Title => "The SIP host is unavailable";
}
