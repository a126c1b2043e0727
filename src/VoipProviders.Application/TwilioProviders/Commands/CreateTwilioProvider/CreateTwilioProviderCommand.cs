using System.Text;
using Mediator;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

/// <summary>
/// Connects a Twilio account to an organization: validates the credentials with Twilio, builds the SIP trunk in that
/// account and stores the provider. <see cref="ToString"/> redacts the Auth Token.
/// </summary>
public sealed record CreateTwilioProviderCommand(
    string OrganizationId,
    string AccountSid,
    string AuthToken,
    string? Name = null,
    string? Region = null,
    bool? SupportsCallTransfer = null) : ICommand<TwilioProviderResponse>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"OrganizationId = {OrganizationId}, AccountSid = {AccountSid}, AuthToken = [redacted], ");
        builder.Append($"Name = {Name}, Region = {Region}, SupportsCallTransfer = {SupportsCallTransfer}");
        return true;
    }
}
