using Twilio.Clients;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Builds a <see cref="TwilioRestClient"/> per credential pair, all over one shared transport from
/// <see cref="IHttpClientFactory"/> that keeps nothing of a request once it is sent (<see cref="TwilioHttpTransport"/>).
/// The process-global <c>TwilioClient.Init</c> is never used: it would leak one tenant's credentials into another
/// tenant's calls.
/// </summary>
internal sealed class TwilioRestClientFactory(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "Twilio";

    private readonly TwilioHttpTransport _transport = new(httpClientFactory.CreateClient(HttpClientName));

    /// <summary>The transport shared by every client.</summary>
    internal global::Twilio.Http.HttpClient Transport => _transport;

    public ITwilioRestClient Create(TwilioCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new TwilioRestClient(credentials.AccountSid.Value, credentials.AuthToken.Reveal(), httpClient: _transport);
    }
}
