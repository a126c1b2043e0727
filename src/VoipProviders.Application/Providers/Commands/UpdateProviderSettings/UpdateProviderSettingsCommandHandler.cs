using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Commands.UpdateProviderSettings;

public sealed class UpdateProviderSettingsCommandHandler(
    IOrganizationProviderSettingsRepository settings,
    IAuditTrail audit,
    TimeProvider timeProvider) : ICommandHandler<UpdateProviderSettingsCommand, ProviderSettingsResponse>
{
    public async ValueTask<ProviderSettingsResponse> Handle(UpdateProviderSettingsCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = await settings.FindAsync(command.OrganizationId, cancellationToken);
        if (stored is null)
        {
            stored = OrganizationProviderSettings.DefaultsOf(command.OrganizationId, now);
            settings.Add(stored);
        }

        var previous = stored.DefaultAutoRepair;
        if (stored.SetDefaultAutoRepair(AutoRepairModes.Parse(command.DefaultAutoRepair!), now))
        {
            audit.Record(new AuditEntry(
                command.OrganizationId,
                null,
                AuditActions.ProviderSettingsUpdated,
                AuditOutcome.Succeeded,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["defaultAutoRepair"] = new { old = previous, @new = stored.DefaultAutoRepair },
                }));
        }

        return new ProviderSettingsResponse { DefaultAutoRepair = stored.DefaultAutoRepair, UpdatedAt = stored.UpdatedAt };
    }
}
