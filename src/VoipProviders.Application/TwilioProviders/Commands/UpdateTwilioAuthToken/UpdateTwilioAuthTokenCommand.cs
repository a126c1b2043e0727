using System.Text;
using Mediator;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

/// <summary>
/// Rotates a provider's Auth Token. Twilio must accept the new token for the provider's Account SID before anything is
/// stored; otherwise nothing changes. <see cref="ToString"/> redacts the token.
/// </summary>
public sealed record UpdateTwilioAuthTokenCommand(string OrganizationId, Guid ProviderId, string AuthToken)
    : ICommand<TwilioProviderResponse>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"OrganizationId = {OrganizationId}, ProviderId = {ProviderId}, AuthToken = [redacted]");
        return true;
    }
}
