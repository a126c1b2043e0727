using Microsoft.Extensions.Logging;
using Twilio.Base;
using Twilio.Clients;
using Twilio.Http;
using HttpMethod = Twilio.Http.HttpMethod;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Trunking.V1;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Twilio;
using SipCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using SipCredentialResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialList.CredentialResource;
using IncomingPhoneNumberResource = Twilio.Rest.Api.V2010.Account.IncomingPhoneNumberResource;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;
using TrunkPhoneNumberResource = Twilio.Rest.Trunking.V1.Trunk.PhoneNumberResource;
using OriginationUrlResource = Twilio.Rest.Trunking.V1.Trunk.OriginationUrlResource;
using Twilio.Rest.Accounts.V1;
using TwilioDomain = Twilio.Rest.Domain;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// <see cref="ITwilioGateway"/> on the Twilio 8.2.0 SDK, async calls only, every call through the executor. Lists are
/// read page by page up to <c>Twilio:MaxListPages</c>, following a next-page link only to the first page's scheme,
/// host and port: the request carries the tenant's credentials.
/// </summary>
internal sealed class TwilioGateway(
    TwilioCallExecutor executor,
    Microsoft.Extensions.Options.IOptions<TwilioOptions> options,
    ILogger<TwilioGateway> logger) : ITwilioGateway
{
    private const int ListPageSize = 1000;
    private readonly int _maxListPages = options.Value.MaxListPages;

    public async Task<TwilioAccount> GetActiveAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        AccountResource account;
        try
        {
            account = await executor.ExecuteAsync(
                credentials,
                TwilioDomain.Api,
                "FetchAccount",
                TwilioOperationKind.Read,
                client => AccountResource.FetchAsync(pathSid: credentials.AccountSid.Value, client: client),
                cancellationToken);
        }
        catch (TwilioResourceNotFoundException notFound)
        {
            // The SID is not an account these credentials can see: for validation that is a rejection.
            throw new TwilioCredentialsRejectedException(notFound.TwilioErrorCode, notFound.HttpStatus, notFound);
        }

        var result = new TwilioAccount(account.Sid, account.FriendlyName ?? string.Empty, account.Status?.ToString() ?? "unknown");
        return result.IsActive ? result : throw new TwilioAccountNotActiveException(result.Status);
    }

    public async Task<TwilioTrunk> CreateTrunkAsync(
        TwilioCredentials credentials,
        CreateTwilioTrunkRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trunk = await executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "CreateTrunk",
            TwilioOperationKind.Create,
            client => TrunkResource.CreateAsync(
                friendlyName: request.FriendlyName,
                domainName: request.DomainName,
                transferMode: TransferMode(request.TransferEnabled),
                secure: request.Secure,
                client: client),
            cancellationToken);
        return new TwilioTrunk(trunk.Sid, trunk.DomainName);
    }

    public async Task<TwilioTrunk?> FindTrunkByDomainNameAsync(
        TwilioCredentials credentials,
        string domainName,
        CancellationToken cancellationToken)
    {
        var trunk = await FindAsync<TrunkResource>(
            credentials,
            "ListTrunks",
            new Request(HttpMethod.Get, TwilioDomain.Trunking, "/v1/Trunks", queryParams: PageSizeQuery()),
            TwilioDomain.Trunking,
            "trunks",
            t => string.Equals(t.DomainName, domainName, StringComparison.OrdinalIgnoreCase),
            cancellationToken);
        return trunk is null ? null : new TwilioTrunk(trunk.Sid, trunk.DomainName);
    }

    public Task UpdateTrunkTransferModeAsync(
        TwilioCredentials credentials,
        string trunkSid,
        bool transferEnabled,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "UpdateTrunk",
            TwilioOperationKind.Update,
            client => TrunkResource.UpdateAsync(
                pathSid: trunkSid,
                transferMode: TransferMode(transferEnabled),
                client: client),
            cancellationToken);
    }

    public Task UpdateTrunkSecureAsync(TwilioCredentials credentials, string trunkSid, bool secure, CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "UpdateTrunk",
            TwilioOperationKind.Update,
            client => TrunkResource.UpdateAsync(pathSid: trunkSid, secure: secure, client: client),
            cancellationToken);
    }

    public Task UpdateTrunkDomainNameAsync(TwilioCredentials credentials, string trunkSid, string domainName, CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(domainName);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "UpdateTrunk",
            TwilioOperationKind.Update,
            client => TrunkResource.UpdateAsync(pathSid: trunkSid, domainName: domainName, client: client),
            cancellationToken);
    }

    public async Task<IReadOnlyList<TwilioOriginationUrl>?> ListOriginationUrlsAsync(
        TwilioCredentials credentials,
        string trunkSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        var urls = new List<TwilioOriginationUrl>();
        try
        {
            await WalkAsync<OriginationUrlResource>(
                credentials,
                "ListOriginationUrls",
                new Request(HttpMethod.Get, TwilioDomain.Trunking, $"/v1/Trunks/{trunkSid}/OriginationUrls", queryParams: PageSizeQuery()),
                TwilioDomain.Trunking,
                "origination_urls",
                page =>
                {
                    urls.AddRange(page.Select(ToOriginationUrl));
                    return true;
                },
                cancellationToken);
        }
        catch (TwilioResourceNotFoundException)
        {
            return null;
        }

        return urls;
    }

    public async Task<TwilioOriginationUrl> CreateOriginationUrlAsync(
        TwilioCredentials credentials,
        string trunkSid,
        TwilioOriginationUrlSpec spec,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        ArgumentNullException.ThrowIfNull(spec);
        var url = await executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "CreateOriginationUrl",
            TwilioOperationKind.Create,
            client => OriginationUrlResource.CreateAsync(
                pathTrunkSid: trunkSid,
                weight: spec.Weight,
                priority: spec.Priority,
                enabled: spec.Enabled,
                friendlyName: spec.FriendlyName,
                sipUrl: SipUri(spec.SipUrl),
                client: client),
            cancellationToken);
        return ToOriginationUrl(url);
    }

    public Task UpdateOriginationUrlAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string originationUrlSid,
        TwilioOriginationUrlSpec spec,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("OU", originationUrlSid);
        ArgumentNullException.ThrowIfNull(spec);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "UpdateOriginationUrl",
            TwilioOperationKind.Update,
            client => OriginationUrlResource.UpdateAsync(
                pathTrunkSid: trunkSid,
                pathSid: originationUrlSid,
                weight: spec.Weight,
                priority: spec.Priority,
                enabled: spec.Enabled,
                friendlyName: spec.FriendlyName,
                sipUrl: SipUri(spec.SipUrl),
                client: client),
            cancellationToken);
    }

    public Task DeleteOriginationUrlAsync(TwilioCredentials credentials, string trunkSid, string originationUrlSid, CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("OU", originationUrlSid);
        return DeleteAsync(
            credentials,
            TwilioDomain.Trunking,
            "DeleteOriginationUrl",
            client => OriginationUrlResource.DeleteAsync(pathTrunkSid: trunkSid, pathSid: originationUrlSid, client: client),
            cancellationToken);
    }

    public Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersAsync(
        TwilioCredentials credentials,
        CancellationToken cancellationToken) =>
        ListIncomingPhoneNumbersMatchingAsync(credentials, phoneNumberFilter: null, cancellationToken);

    public async Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersMatchingAsync(
        TwilioCredentials credentials,
        string? phoneNumberFilter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var query = PageSizeQuery();
        if (phoneNumberFilter is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberFilter);
            query.Add(new("PhoneNumber", phoneNumberFilter));
        }

        var numbers = new List<TwilioIncomingNumber>();
        await WalkAsync<IncomingPhoneNumberResource>(
            credentials,
            "ListIncomingPhoneNumbers",
            new Request(
                HttpMethod.Get,
                TwilioDomain.Api,
                $"/2010-04-01/Accounts/{credentials.AccountSid}/IncomingPhoneNumbers.json",
                queryParams: query),
            TwilioDomain.Api,
            "incoming_phone_numbers",
            page =>
            {
                numbers.AddRange(page.Select(ToIncomingNumber));
                return true;
            },
            cancellationToken);
        return numbers;
    }

    public async Task<TwilioIncomingNumber?> FindIncomingPhoneNumberAsync(
        TwilioCredentials credentials,
        string phoneNumberSid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        RequireSid("PN", phoneNumberSid);
        var number = await NullWhenNotFoundAsync(executor.ExecuteAsync(
            credentials,
            TwilioDomain.Api,
            "FetchIncomingPhoneNumber",
            TwilioOperationKind.Read,
            client => IncomingPhoneNumberResource.FetchAsync(pathSid: phoneNumberSid, pathAccountSid: credentials.AccountSid.Value, client: client),
            cancellationToken));
        return number is null ? null : ToIncomingNumber(number);
    }

    public Task AttachPhoneNumberAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string phoneNumberSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("PN", phoneNumberSid);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "AttachPhoneNumber",
            TwilioOperationKind.Create,
            client => TrunkPhoneNumberResource.CreateAsync(pathTrunkSid: trunkSid, phoneNumberSid: phoneNumberSid, client: client),
            cancellationToken);
    }

    public Task DetachPhoneNumberAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string phoneNumberSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("PN", phoneNumberSid);
        return DeleteAsync(
            credentials,
            TwilioDomain.Trunking,
            "DetachPhoneNumber",
            client => TrunkPhoneNumberResource.DeleteAsync(pathTrunkSid: trunkSid, pathSid: phoneNumberSid, client: client),
            cancellationToken);
    }

    public async Task<TwilioTrunkConfiguration?> FetchTrunkAsync(
        TwilioCredentials credentials,
        string trunkSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        var trunk = await NullWhenNotFoundAsync(executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "FetchTrunk",
            TwilioOperationKind.Read,
            client => TrunkResource.FetchAsync(pathSid: trunkSid, client: client),
            cancellationToken));

        // TransferSettingEnum is a StringEnum: ToString() is Twilio's own value ("enable-all", also unknown future ones);
        // it is null only when Twilio left transfer_mode out.
        return trunk is null
            ? null
            : new TwilioTrunkConfiguration(trunk.Sid, trunk.DomainName ?? string.Empty, trunk.TransferMode?.ToString() ?? string.Empty, trunk.Secure ?? false);
    }

    public async Task<bool> IsCredentialListAssociatedAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("CL", credentialListSid);

        // No such association, trunk or list: Twilio answers 404 for each.
        return await NullWhenNotFoundAsync(executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "FetchTrunkCredentialList",
            TwilioOperationKind.Read,
            client => TrunkCredentialListResource.FetchAsync(pathTrunkSid: trunkSid, pathSid: credentialListSid, client: client),
            cancellationToken)) is not null;
    }

    public async Task<IReadOnlyList<string>?> ListSipCredentialUsernamesAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        CancellationToken cancellationToken) =>
        (await ListSipCredentialsAsync(credentials, credentialListSid, cancellationToken))?.Select(c => c.Username).ToList();

    public async Task<IReadOnlyList<TwilioSipCredential>?> ListSipCredentialsAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        RequireSid("CL", credentialListSid);
        var found = new List<TwilioSipCredential>();
        try
        {
            await WalkAsync<SipCredentialResource>(
                credentials,
                "ListSipCredentials",
                new Request(
                    HttpMethod.Get,
                    TwilioDomain.Api,
                    $"/2010-04-01/Accounts/{credentials.AccountSid}/SIP/CredentialLists/{credentialListSid}/Credentials.json",
                    queryParams: PageSizeQuery()),
                TwilioDomain.Api,
                "credentials",
                page =>
                {
                    found.AddRange(page.Select(c => new TwilioSipCredential(c.Sid, c.Username ?? string.Empty)));
                    return true;
                },
                cancellationToken);
        }
        catch (TwilioResourceNotFoundException)
        {
            return null;
        }

        return found;
    }

    public Task DeleteSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string sipCredentialSid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        RequireSid("CL", credentialListSid);
        RequireSid("CR", sipCredentialSid);
        return DeleteAsync(
            credentials,
            TwilioDomain.Api,
            "DeleteSipCredential",
            client => SipCredentialResource.DeleteAsync(
                pathCredentialListSid: credentialListSid,
                pathSid: sipCredentialSid,
                pathAccountSid: credentials.AccountSid.Value,
                client: client),
            cancellationToken,
            TwilioCircuitUse.Bypass);
    }

    public async Task<IReadOnlyList<string>> ListTrunkPhoneNumberSidsAsync(
        TwilioCredentials credentials,
        string trunkSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        var sids = new List<string>();
        try
        {
            await WalkAsync<TrunkPhoneNumberResource>(
                credentials,
                "ListTrunkPhoneNumbers",
                new Request(HttpMethod.Get, TwilioDomain.Trunking, $"/v1/Trunks/{trunkSid}/PhoneNumbers", queryParams: PageSizeQuery()),
                TwilioDomain.Trunking,
                "phone_numbers",
                page =>
                {
                    sids.AddRange(page.Select(n => n.Sid));
                    return true;
                },
                cancellationToken);
        }
        catch (TwilioResourceNotFoundException)
        {
            return [];
        }

        return sids;
    }

    public Task DeleteTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        return DeleteAsync(
            credentials,
            TwilioDomain.Trunking,
            "DeleteTrunk",
            client => TrunkResource.DeleteAsync(pathSid: trunkSid, client: client),
            cancellationToken,
            TwilioCircuitUse.Bypass);
    }

    public async Task<string> CreateCredentialListAsync(
        TwilioCredentials credentials,
        string friendlyName,
        CancellationToken cancellationToken)
    {
        var list = await executor.ExecuteAsync(
            credentials,
            TwilioDomain.Api,
            "CreateCredentialList",
            TwilioOperationKind.Create,
            client => SipCredentialListResource.CreateAsync(friendlyName: friendlyName, pathAccountSid: credentials.AccountSid.Value, client: client),
            cancellationToken);
        return list.Sid;
    }

    public async Task<string?> FindCredentialListByFriendlyNameAsync(
        TwilioCredentials credentials,
        string friendlyName,
        CancellationToken cancellationToken)
    {
        var list = await FindAsync<SipCredentialListResource>(
            credentials,
            "ListCredentialLists",
            new Request(
                HttpMethod.Get,
                TwilioDomain.Api,
                $"/2010-04-01/Accounts/{credentials.AccountSid}/SIP/CredentialLists.json",
                queryParams: PageSizeQuery()),
            TwilioDomain.Api,
            "credential_lists",
            l => string.Equals(l.FriendlyName, friendlyName, StringComparison.Ordinal),
            cancellationToken);
        return list?.Sid;
    }

    public Task DeleteCredentialListAsync(TwilioCredentials credentials, string credentialListSid, CancellationToken cancellationToken)
    {
        RequireSid("CL", credentialListSid);
        return DeleteAsync(
            credentials,
            TwilioDomain.Api,
            "DeleteCredentialList",
            client => SipCredentialListResource.DeleteAsync(pathSid: credentialListSid, pathAccountSid: credentials.AccountSid.Value, client: client),
            cancellationToken,
            TwilioCircuitUse.Bypass);
    }

    public async Task<string> CreateSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        string password,
        CancellationToken cancellationToken)
    {
        RequireSid("CL", credentialListSid);
        var credential = await executor.ExecuteAsync(
            credentials,
            TwilioDomain.Api,
            "CreateSipCredential",
            TwilioOperationKind.Create,
            client => SipCredentialResource.CreateAsync(
                pathCredentialListSid: credentialListSid,
                username: username,
                password: password,
                pathAccountSid: credentials.AccountSid.Value,
                client: client),
            cancellationToken);
        return credential.Sid;
    }

    public Task AssociateCredentialListAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken)
    {
        RequireSid("TK", trunkSid);
        RequireSid("CL", credentialListSid);
        return executor.ExecuteAsync(
            credentials,
            TwilioDomain.Trunking,
            "AssociateCredentialList",
            TwilioOperationKind.Create,
            client => TrunkCredentialListResource.CreateAsync(pathTrunkSid: trunkSid, credentialListSid: credentialListSid, client: client),
            cancellationToken);
    }

    /// <summary>The call's result, or null when Twilio answered 404 (the resource does not exist).</summary>
    private static async Task<T?> NullWhenNotFoundAsync<T>(Task<T> call)
        where T : class
    {
        try
        {
            return await call;
        }
        catch (TwilioResourceNotFoundException)
        {
            return null;
        }
    }

    public async Task<TwilioAuthToken> CreateSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        SecondaryAuthTokenResource created;
        try
        {
            created = await executor.ExecuteAsync(
                credentials,
                TwilioDomain.Accounts,
                "CreateSecondaryAuthToken",
                TwilioOperationKind.Create,
                client => SecondaryAuthTokenResource.CreateAsync(client: client),
                cancellationToken);
        }
        catch (TwilioRequestRejectedException rejected) when (rejected.HttpStatus == 409)
        {
            throw new TwilioSecondaryAuthTokenExistsException("The Twilio account already has a secondary Auth Token.", rejected.TwilioErrorCode, rejected);
        }

        return TwilioAuthToken.IsWellFormed(created.SecondaryAuthToken)
            ? TwilioAuthToken.From(created.SecondaryAuthToken)
            : throw new TwilioUnavailableException("Twilio answered the secondary Auth Token's creation without a well-formed token.", outcomeUnknown: true);
    }

    public Task DeleteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        DeleteAsync(
            credentials,
            TwilioDomain.Accounts,
            "DeleteSecondaryAuthToken",
            client => SecondaryAuthTokenResource.DeleteAsync(client: client),
            cancellationToken,
            TwilioCircuitUse.Bypass);

    public Task PromoteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        // Not idempotent as far as the caller can tell (a repeat without a secondary answers 404): retried only on 429.
        executor.ExecuteAsync(
            credentials,
            TwilioDomain.Accounts,
            "PromoteAuthToken",
            TwilioOperationKind.Create,
            client => AuthTokenPromotionResource.UpdateAsync(client: client),
            cancellationToken);

    private async Task DeleteAsync(
        TwilioCredentials credentials,
        TwilioDomain product,
        string operation,
        Func<ITwilioRestClient, Task<bool>> delete,
        CancellationToken cancellationToken,
        TwilioCircuitUse circuit = TwilioCircuitUse.Breaker)
    {
        try
        {
            await executor.ExecuteAsync(credentials, product, operation, TwilioOperationKind.Delete, delete, cancellationToken, circuit);
        }
        catch (TwilioResourceNotFoundException)
        {
            // Already gone — possibly by an earlier attempt of this very delete.
        }
    }

    /// <summary>
    /// Walks a list page by page with async requests (the SDK's ResourceSet would fetch later pages synchronously)
    /// and returns the first record that matches.
    /// </summary>
    private async Task<T?> FindAsync<T>(
        TwilioCredentials credentials,
        string operation,
        Request firstPage,
        TwilioDomain domain,
        string recordKey,
        Func<T, bool> predicate,
        CancellationToken cancellationToken)
        where T : Resource
    {
        T? match = null;
        await WalkAsync<T>(
            credentials,
            operation,
            firstPage,
            domain,
            recordKey,
            page =>
            {
                match = page.FirstOrDefault(predicate);
                return match is null;
            },
            cancellationToken);
        return match;
    }

    /// <summary>
    /// Reads a list one page at a time, asynchronously, handing each page over until told to stop or none is left. At
    /// most <see cref="TwilioOptions.MaxListPages"/> pages are read, and a next page only where the first one was.
    /// </summary>
    private async Task WalkAsync<T>(
        TwilioCredentials credentials,
        string operation,
        Request firstPage,
        TwilioDomain domain,
        string recordKey,
        Func<IReadOnlyList<T>, bool> readOn,
        CancellationToken cancellationToken)
        where T : Resource
    {
        Uri? origin = null;
        var request = firstPage;
        for (var pagesRead = 1; ; pagesRead++)
        {
            var pageRequest = request;
            var page = await executor.ExecuteAsync(
                credentials,
                domain,
                operation,
                TwilioOperationKind.Read,
                async client => ParsePage<T>(recordKey, (await client.RequestAsync(pageRequest)).Content),
                cancellationToken);

            // Where the first page went, as sent: the SDK puts a client's region and edge into the host.
            origin ??= firstPage.ConstructUrl();
            if (!readOn(page.Records) || !page.HasNextPage())
            {
                return;
            }

            if (pagesRead >= _maxListPages)
            {
                logger.ListTooLong(operation, credentials.AccountSid.Value, _maxListPages);
                throw new TwilioListTooLongException(operation, _maxListPages, ListPageSize);
            }

            request = new Request(HttpMethod.Get, NextPageUrl(page.GetNextPageUrl(domain), origin, operation, credentials));
        }
    }

    /// <summary>
    /// The next page's URL, if it has the first page's scheme, host and port and carries no user information. Twilio
    /// sends it in the answer's body; anywhere else, the tenant's credentials would go with it.
    /// </summary>
    private string NextPageUrl(string next, Uri origin, string operation, TwilioCredentials credentials)
    {
        if (Uri.TryCreate(next, UriKind.Absolute, out var url)
            && string.Equals(url.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.Port == origin.Port
            && url.UserInfo.Length == 0)
        {
            return url.AbsoluteUri;
        }

        var elsewhere = url is null ? "an unreadable URL" : $"{url.Scheme}://{url.IdnHost}:{url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        logger.NextPageRefused(operation, credentials.AccountSid.Value, $"{origin.Scheme}://{origin.IdnHost}:{origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", elsewhere);
        throw new TwilioUnavailableException($"Twilio's {operation} answer linked its next page to {elsewhere}, not to the first page's host; it was not followed.");
    }

    private static TwilioIncomingNumber ToIncomingNumber(IncomingPhoneNumberResource number) =>
        new(
            number.Sid,
            number.PhoneNumber?.ToString() ?? string.Empty,
            number.FriendlyName ?? string.Empty,
            new PhoneNumberCapabilities(
                number.Capabilities?.Voice ?? false,
                number.Capabilities?.Sms ?? false,
                number.Capabilities?.Mms ?? false),
            string.IsNullOrEmpty(number.TrunkSid) ? null : number.TrunkSid);

    private static TwilioOriginationUrl ToOriginationUrl(OriginationUrlResource url) =>
        new(
            url.Sid,
            url.FriendlyName ?? string.Empty,
            url.SipUrl?.OriginalString ?? string.Empty,
            url.Priority ?? 0,
            url.Weight ?? 0,
            url.Enabled ?? false);

    /// <summary>A SIP URI as the SDK wants it (a <see cref="Uri"/>); its original text is what goes on the wire.</summary>
    private static Uri SipUri(string sipUrl) => new(sipUrl, UriKind.Absolute);

    private static Page<T> ParsePage<T>(string recordKey, string json)
        where T : Resource
    {
        try
        {
            return Page<T>.FromJson(recordKey, json);
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or ArgumentException or NullReferenceException or InvalidCastException)
        {
            // Page<T> parsing throws raw exceptions on unexpected shapes; treat them like any unreadable answer.
            throw new TwilioUnavailableException("Twilio sent a list page that could not be read.", innerException: exception);
        }
    }

    private static TrunkResource.TransferSettingEnum TransferMode(bool enabled) =>
        enabled ? TrunkResource.TransferSettingEnum.EnableAll : TrunkResource.TransferSettingEnum.DisableAll;

    private static List<KeyValuePair<string, string>> PageSizeQuery() => [new("PageSize", ListPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The SDK splices SIDs into request paths unescaped; anything else must never get that far.</summary>
    private static void RequireSid(string prefix, string sid)
    {
        if (!TwilioSid.Is(prefix, sid))
        {
            throw new ArgumentException($"Not a Twilio {prefix} SID.", nameof(sid));
        }
    }
}
