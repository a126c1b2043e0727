using Mediator;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Queries.GetProviderSettings;

public sealed class GetProviderSettingsQueryHandler(IOrganizationProviderSettingsRepository settings)
    : IQueryHandler<GetProviderSettingsQuery, ProviderSettingsResponse>
{
    public async ValueTask<ProviderSettingsResponse> Handle(GetProviderSettingsQuery query, CancellationToken cancellationToken) =>
        await settings.FindAsync(query.OrganizationId, cancellationToken) is { } stored
            ? new ProviderSettingsResponse { DefaultAutoRepair = stored.DefaultAutoRepair, UpdatedAt = stored.UpdatedAt }
            : new ProviderSettingsResponse { DefaultAutoRepair = AutoRepairMode.Off };
}
