using Twilio.Clients;
using Twilio.Http;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Builds a <see cref="TwilioRestClient"/> per credential pair, all over one shared transport from
/// <see cref="IHttpClientFactory"/>. The process-global <c>TwilioClient.Init</c> is never used: it would leak one
/// tenant's credentials into another tenant's calls.
/// </summary>
internal sealed class TwilioRestClientFactory(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "Twilio";

    private readonly SystemNetHttpClient _transport = new(httpClientFactory.CreateClient(HttpClientName));

    public ITwilioRestClient Create(TwilioCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new TwilioRestClient(credentials.AccountSid, credentials.AuthToken.Reveal(), httpClient: _transport);
    }
}
