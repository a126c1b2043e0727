using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;

public sealed class UpdateTwilioProviderCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IUnitOfWork unitOfWork,
    VerificationAfterChange verification,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<UpdateTwilioProviderCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(UpdateTwilioProviderCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        command.IfMatch?.Check(provider.Version);

        // Twilio first: if it refuses, the exception leaves every field of the row as it was.
        if (command.SupportsCallTransfer is { } transfer && transfer != provider.SupportsCallTransfer)
        {
            await ApplyTransferModeAsync(provider, transfer, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        var trunkChanged = command.SupportsCallTransfer is { } supportsCallTransfer && provider.SetCallTransfer(supportsCallTransfer, now);

        if (command.Name is { } name)
        {
            provider.Rename(name, now);
        }

        if (command.Region is { } region)
        {
            provider.MoveToRegion(TwilioRegion.FromCode(region), now);
        }

        if (trunkChanged)
        {
            // The trunk in Twilio changed: check it again once this commits. A rename or a new edge changes nothing there.
            verification.Schedule(provider);
        }

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }

    private async Task ApplyTransferModeAsync(TwilioProvider provider, bool transfer, CancellationToken cancellationToken)
    {
        var credentials = secretProtector.CredentialsOf(provider);
        await twilio.GetActiveAccountAsync(credentials, cancellationToken);
        var trunkSid = provider.TrunkSid;
        try
        {
            await twilio.UpdateTrunkTransferModeAsync(credentials, trunkSid, transfer, cancellationToken);
        }
        catch (TwilioResourceNotFoundException notFound)
        {
            throw new TwilioTrunkMissingException(trunkSid, notFound);
        }

        // Twilio has the new mode. If the row then cannot be saved (another request changed the provider first), make
        // the trunk match what is stored — not blindly the old value, which the winner may have changed as well.
        var (organizationId, providerId) = (provider.OrganizationId, provider.Id);
        unitOfWork.RegisterCompensation(
            $"bring TransferMode of trunk {trunkSid} back in line with the stored provider",
            async compensationToken =>
            {
                if (await providers.FindCommittedAsync(organizationId, providerId, compensationToken) is { } stored)
                {
                    await twilio.UpdateTrunkTransferModeAsync(credentials, trunkSid, stored.SupportsCallTransfer, compensationToken);
                }
            });
    }
}
