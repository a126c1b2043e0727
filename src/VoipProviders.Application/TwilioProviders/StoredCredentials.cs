using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Turns the credentials a provider stores (the Auth Token protected) back into usable ones, at the moment of a call.</summary>
internal static class StoredCredentials
{
    public static TwilioCredentials CredentialsOf(this ISecretProtector protector, TwilioProvider provider) =>
        protector.Credentials(provider.Id.Value, provider.AccountSid, provider.AuthToken);

    /// <summary>The deleted provider's credentials; the token is still bound to that provider's id.</summary>
    public static TwilioCredentials CredentialsOf(this ISecretProtector protector, TwilioResourceCleanup cleanup) =>
        protector.Credentials(
            cleanup.ProviderId.Value,
            cleanup.AccountSid,
            cleanup.AuthToken ?? throw new InvalidOperationException($"Clean-up {cleanup.Id} no longer holds credentials."));

    /// <summary>The would-be provider's credentials; the token is bound to the id the provider would have had.</summary>
    public static TwilioCredentials CredentialsOf(this ISecretProtector protector, ProvisioningIntent intent) =>
        protector.Credentials(
            intent.Id.Value,
            intent.AccountSid,
            intent.AuthToken ?? throw new InvalidOperationException($"Provisioning intent {intent.Id} no longer holds credentials."));

    private static TwilioCredentials Credentials(this ISecretProtector protector, Guid ownerId, AccountSid accountSid, ProtectedSecret authToken) =>
        new(accountSid, TwilioAuthToken.From(protector.Unprotect(TwilioSecrets.AuthToken, ownerId, authToken)));
}
