namespace VoipProviders.Application.Twilio;

/// <summary>
/// The Twilio operations the module needs, each made with the tenant's own credentials. Implementations retry only
/// what is safe to retry and report failures as <see cref="TwilioGatewayException"/> subtypes.
/// </summary>
public interface ITwilioGateway
{
    /// <summary>Fetches the account the credentials belong to; this is how credentials are validated.</summary>
    /// <exception cref="TwilioCredentialsRejectedException">Twilio refused the credentials.</exception>
    Task<TwilioAccount> FetchAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    Task<TwilioTrunk> CreateTrunkAsync(TwilioCredentials credentials, CreateTwilioTrunkRequest request, CancellationToken cancellationToken);

    Task<TwilioTrunk?> FindTrunkByDomainNameAsync(TwilioCredentials credentials, string domainName, CancellationToken cancellationToken);

    /// <summary>Deletes a trunk; a trunk that is already gone counts as deleted.</summary>
    Task DeleteTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken);

    /// <returns>The SID (CL…) of the new credential list.</returns>
    Task<string> CreateCredentialListAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken);

    Task<string?> FindCredentialListByFriendlyNameAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken);

    /// <summary>Deletes a credential list with its credentials; a list that is already gone counts as deleted.</summary>
    Task DeleteCredentialListAsync(TwilioCredentials credentials, string credentialListSid, CancellationToken cancellationToken);

    /// <returns>The SID (CR…) of the new SIP credential.</returns>
    Task<string> CreateSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        string password,
        CancellationToken cancellationToken);

    Task AssociateCredentialListAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken);
}
