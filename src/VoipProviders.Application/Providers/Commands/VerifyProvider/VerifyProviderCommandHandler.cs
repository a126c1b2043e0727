using Mapster;
using Mediator;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Commands.VerifyProvider;

public sealed class VerifyProviderCommandHandler(ProviderVerifier verifier, TypeAdapterConfig mappings)
    : ICommandHandler<VerifyProviderCommand, ProviderVerificationResponse>
{
    public async ValueTask<ProviderVerificationResponse> Handle(VerifyProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await verifier.VerifyNowAsync(command.OrganizationId, command.ProviderId, cancellationToken);
        return provider.Adapt<IVerifiableProvider, ProviderVerificationResponse>(mappings);
    }
}
