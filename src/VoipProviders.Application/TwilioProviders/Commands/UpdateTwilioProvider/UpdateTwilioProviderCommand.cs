using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;

/// <summary>
/// Changes what is given and nothing else. <see cref="Name"/> and <see cref="Region"/> are ours alone (no Twilio call);
/// <see cref="SupportsCallTransfer"/> and <see cref="SecureTrunking"/> are first set on the trunk in the tenant's Twilio
/// account, and the provider only changes if Twilio accepted them. <see cref="AutoRepair"/> (off, safe, all) is ours alone. A value equal to the current one changes nothing and calls nobody.
/// </summary>
public sealed record UpdateTwilioProviderCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    string? Name = null,
    string? Region = null,
    bool? SupportsCallTransfer = null,
    VersionPrecondition? IfMatch = null,
    bool? SecureTrunking = null,
    string? AutoRepair = null) : ICommand<TwilioProviderResponse>
{
    public const string UpdatableFields = "name, region, supportsCallTransfer, secureTrunking, autoRepair";

    public bool ChangesNothing => Name is null && Region is null && SupportsCallTransfer is null && SecureTrunking is null && AutoRepair is null;
}
