namespace VoipProviders.Application.Twilio;

/// <summary>
/// The Twilio operations the module needs, each made with the tenant's own credentials. Implementations retry only
/// what is safe to retry and report failures as <see cref="TwilioGatewayException"/> subtypes.
/// </summary>
public interface ITwilioGateway
{
    /// <summary>
    /// The one credentials check: fetches the account the credentials belong to and returns it only if it is active.
    /// Connecting, rotating, updating and verifying all go through it.
    /// </summary>
    /// <exception cref="TwilioCredentialsRejectedException">Twilio refused the credentials.</exception>
    /// <exception cref="TwilioAccountNotActiveException">The credentials work but the account is suspended or closed.</exception>
    Task<TwilioAccount> GetActiveAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    Task<TwilioTrunk> CreateTrunkAsync(TwilioCredentials credentials, CreateTwilioTrunkRequest request, CancellationToken cancellationToken);

    Task<TwilioTrunk?> FindTrunkByDomainNameAsync(TwilioCredentials credentials, string domainName, CancellationToken cancellationToken);

    /// <summary>Sets the trunk's TransferMode (enable-all / disable-all); nothing else about the trunk changes.</summary>
    /// <exception cref="TwilioResourceNotFoundException">The trunk does not exist (any more).</exception>
    Task UpdateTrunkTransferModeAsync(TwilioCredentials credentials, string trunkSid, bool transferEnabled, CancellationToken cancellationToken);

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
