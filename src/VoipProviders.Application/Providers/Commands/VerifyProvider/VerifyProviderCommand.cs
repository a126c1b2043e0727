using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Commands.VerifyProvider;

/// <summary>
/// Checks the provider's integration now (its type's checks, in order) and stores the outcome. When the upstream service
/// is unavailable the run is inconclusive: it answers 502/503 and the stored status stays as it was.
/// </summary>
public sealed record VerifyProviderCommand(OrganizationId OrganizationId, ProviderId ProviderId) : ICommand<ProviderVerificationResponse>;
