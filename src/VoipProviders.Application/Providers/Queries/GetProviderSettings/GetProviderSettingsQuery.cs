using Mediator;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Queries.GetProviderSettings;

public sealed record GetProviderSettingsQuery(OrganizationId OrganizationId) : IQuery<ProviderSettingsResponse>;
