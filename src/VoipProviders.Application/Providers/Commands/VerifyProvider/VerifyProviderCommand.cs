using Mediator;

namespace VoipProviders.Application.Providers.Commands.VerifyProvider;

/// <summary>
/// Checks the provider's integration now (credentials, trunk, credential list, phone numbers) and stores the outcome.
/// When Twilio is unavailable the run is inconclusive: it answers 502/503 and the stored status stays as it was.
/// </summary>
public sealed record VerifyProviderCommand(string OrganizationId, Guid ProviderId) : ICommand<ProviderVerificationResponse>;
