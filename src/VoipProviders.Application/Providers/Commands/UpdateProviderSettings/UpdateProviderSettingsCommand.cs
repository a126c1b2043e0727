using Mediator;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Commands.UpdateProviderSettings;

/// <summary>Sets the organization's provider defaults; <see cref="DefaultAutoRepair"/> is off, safe or all.</summary>
public sealed record UpdateProviderSettingsCommand(OrganizationId OrganizationId, string? DefaultAutoRepair) : ICommand<ProviderSettingsResponse>;
