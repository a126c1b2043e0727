namespace VoipProviders.Contracts.Providers;

/// <summary>
/// The module repaired drift in the tenant's Twilio account: <see cref="Actions"/> are the changes this commit made
/// (one per action of the plan, each committed with its record). <see cref="Trigger"/> is <c>manual</c> (the tenant
/// applied a plan) or <c>automatic</c> (auto-repair after a verification). When <see cref="DialOutRouteChanged"/>
/// (a recreated trunk: new termination URI; a new SIP credential), fetch the dial-out route again. Carries no secret.
/// </summary>
public sealed record ProviderRepaired(
    Guid PlanId,
    string Trigger,
    IReadOnlyList<RepairedAction> Actions,
    bool DialOutRouteChanged,
    string TerminationUri,
    int SipCredentialVersion) : IntegrationEvent;
