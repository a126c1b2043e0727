using VoipProviders.Domain.Twilio;

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

    /// <summary>Sets the trunk's Secure flag (TLS signalling, SRTP media); nothing else about the trunk changes.</summary>
    /// <exception cref="TwilioResourceNotFoundException">The trunk does not exist (any more).</exception>
    Task UpdateTrunkSecureAsync(TwilioCredentials credentials, string trunkSid, bool secure, CancellationToken cancellationToken);

    /// <summary>Sets the trunk's DomainName (its termination domain); nothing else about the trunk changes.</summary>
    /// <exception cref="TwilioResourceNotFoundException">The trunk does not exist (any more).</exception>
    /// <exception cref="TwilioRequestRejectedException">Twilio refused the name (taken by another trunk: 21248).</exception>
    Task UpdateTrunkDomainNameAsync(TwilioCredentials credentials, string trunkSid, string domainName, CancellationToken cancellationToken);

    /// <summary>The trunk's origination URLs (all pages), the tenant's own included; null when the trunk does not exist.</summary>
    Task<IReadOnlyList<TwilioOriginationUrl>?> ListOriginationUrlsAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken);

    /// <summary>Creates an origination URL on the trunk. Not idempotent in Twilio: not retried on 5xx.</summary>
    Task<TwilioOriginationUrl> CreateOriginationUrlAsync(
        TwilioCredentials credentials,
        string trunkSid,
        TwilioOriginationUrlSpec spec,
        CancellationToken cancellationToken);

    /// <summary>Sets every field of an origination URL (an idempotent update).</summary>
    /// <exception cref="TwilioResourceNotFoundException">The URL (or the trunk) does not exist (any more).</exception>
    Task UpdateOriginationUrlAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string originationUrlSid,
        TwilioOriginationUrlSpec spec,
        CancellationToken cancellationToken);

    /// <summary>Deletes an origination URL; one that is already gone counts as deleted.</summary>
    Task DeleteOriginationUrlAsync(TwilioCredentials credentials, string trunkSid, string originationUrlSid, CancellationToken cancellationToken);

    /// <summary>Every number of the account, all pages read (1000 per page), in Twilio's order.</summary>
    /// <exception cref="TwilioListTooLongException">The account has more pages than the gateway reads (<c>Twilio:MaxListPages</c>).</exception>
    Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    /// <summary>
    /// The account's numbers that Twilio's own <c>PhoneNumber</c> filter matches (a part of the number; <c>*</c> stands
    /// for any digit), all pages read, in Twilio's order. A null filter lists every number.
    /// </summary>
    /// <exception cref="TwilioListTooLongException">More pages than the gateway reads (<c>Twilio:MaxListPages</c>).</exception>
    Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersMatchingAsync(
        TwilioCredentials credentials,
        string? phoneNumberFilter,
        CancellationToken cancellationToken);

    /// <summary>One number of the account, or null when the account has no such number.</summary>
    Task<TwilioIncomingNumber?> FindIncomingPhoneNumberAsync(TwilioCredentials credentials, string phoneNumberSid, CancellationToken cancellationToken);

    /// <summary>Attaches a number to a trunk (POST /v1/Trunks/{TK}/PhoneNumbers). Not idempotent in Twilio: not retried on 5xx.</summary>
    Task AttachPhoneNumberAsync(TwilioCredentials credentials, string trunkSid, string phoneNumberSid, CancellationToken cancellationToken);

    /// <summary>Detaches a number from a trunk; a number that is not attached (any more) counts as detached.</summary>
    Task DetachPhoneNumberAsync(TwilioCredentials credentials, string trunkSid, string phoneNumberSid, CancellationToken cancellationToken);

    /// <summary>The trunk as Twilio has it configured now, or null when the account has no such trunk.</summary>
    Task<TwilioTrunkConfiguration?> FetchTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the credential list is associated with the trunk (GET /v1/Trunks/{TK}/CredentialLists/{CL}); false when
    /// the association, the trunk or the list does not exist.
    /// </summary>
    Task<bool> IsCredentialListAssociatedAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken);

    /// <summary>
    /// The usernames of the SIP credentials in a credential list (all pages), or null when the list does not exist —
    /// one request answers both whether the list is there and what it holds.
    /// </summary>
    Task<IReadOnlyList<string>?> ListSipCredentialUsernamesAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        CancellationToken cancellationToken);

    /// <summary>The SIDs (PN…) of the numbers attached to the trunk (all pages); empty when the trunk does not exist.</summary>
    Task<IReadOnlyList<string>> ListTrunkPhoneNumberSidsAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a trunk; a trunk that is already gone counts as deleted. Only ever clean-up (compensation, clean-up jobs,
    /// reconciliation), so an open circuit does not stop it: it is tried, with the usual retries and time limits.
    /// </summary>
    Task DeleteTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken);

    /// <returns>The SID (CL…) of the new credential list.</returns>
    Task<string> CreateCredentialListAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken);

    Task<string?> FindCredentialListByFriendlyNameAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a credential list with its credentials; a list that is already gone counts as deleted. Like
    /// <see cref="DeleteTrunkAsync"/>, not stopped by an open circuit.
    /// </summary>
    Task DeleteCredentialListAsync(TwilioCredentials credentials, string credentialListSid, CancellationToken cancellationToken);

    /// <returns>The SID (CR…) of the new SIP credential.</returns>
    Task<string> CreateSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        string password,
        CancellationToken cancellationToken);

    /// <summary>The SIP credentials of a credential list (all pages), or null when the list does not exist.</summary>
    Task<IReadOnlyList<TwilioSipCredential>?> ListSipCredentialsAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        CancellationToken cancellationToken);

    /// <summary>Deletes a SIP credential; one that (or whose list) is already gone counts as deleted.</summary>
    Task DeleteSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string sipCredentialSid,
        CancellationToken cancellationToken);

    Task AssociateCredentialListAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account's secondary Auth Token (POST accounts.twilio.com/v1/AuthTokens/Secondary) and returns it —
    /// Twilio shows it this once. Not idempotent: never retried after the request may have reached Twilio (5xx,
    /// timeout); a rotation resumes it by deleting the secondary and creating again.
    /// </summary>
    /// <exception cref="TwilioSecondaryAuthTokenExistsException">The account already has a secondary token.</exception>
    Task<TwilioAuthToken> CreateSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Deletes the account's secondary Auth Token; none there (404) counts as deleted. Idempotent, retried.</summary>
    Task DeleteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken);

    /// <summary>
    /// Promotes the secondary Auth Token to primary (POST accounts.twilio.com/v1/AuthTokens/Promote): the old primary
    /// stops working at once. Not retried after the request may have reached Twilio; the caller finds out whether it
    /// happened from which token Twilio accepts.
    /// </summary>
    /// <exception cref="TwilioResourceNotFoundException">The account has no secondary token to promote.</exception>
    Task PromoteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken);
}
