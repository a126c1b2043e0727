using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Twilio.Constant;
using Twilio.Http;
using HttpClient = System.Net.Http.HttpClient;
using HttpMethod = Twilio.Http.HttpMethod;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// The SDK's transport, sending through the <see cref="IHttpClientFactory"/> client exactly as the SDK's
/// <see cref="SystemNetHttpClient"/> does (method, URL, Basic auth, Accept headers, user agent, form or JSON body), but
/// keeping nothing: the SDK's transport stores every request (with the account's SID and Auth Token, and a SIP
/// password) and response in <c>LastRequest</c>/<c>LastResponse</c> on an object shared by all tenants. Here both stay
/// null, so nothing reachable from the process-wide transport holds a secret after a call.
/// </summary>
internal sealed class TwilioHttpTransport(HttpClient httpClient) : global::Twilio.Http.HttpClient
{
    private static readonly string UserAgent = BuildUserAgent();

    /// <summary>The SDK's synchronous path (unused by the adapter, which calls Twilio asynchronously only).</summary>
    public override Response MakeRequest(Request request) => MakeRequestAsync(request).GetAwaiter().GetResult();

    public override async Task<Response> MakeRequestAsync(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var httpRequest = BuildHttpRequest(request);
        using var httpResponse = await httpClient.SendAsync(httpRequest);
        using var reader = new StreamReader(await httpResponse.Content.ReadAsStreamAsync());
        var content = await reader.ReadToEndAsync();
        return new Response(httpResponse.StatusCode, content, httpResponse.Headers);
    }

    private static HttpRequestMessage BuildHttpRequest(Request request)
    {
        var httpRequest = new HttpRequestMessage(new System.Net.Http.HttpMethod(request.Method.ToString()), request.ConstructUrl());
        if (!Equals(request.Method, HttpMethod.Get))
        {
            // The SDK defaults a missing content type to a form (and records that on the request).
            request.ContentType ??= EnumConstants.ContentTypeEnum.FORM_URLENCODED;
            if (Equals(request.ContentType, EnumConstants.ContentTypeEnum.JSON))
            {
                httpRequest.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            }
            else if (Equals(request.ContentType, EnumConstants.ContentTypeEnum.FORM_URLENCODED))
            {
                httpRequest.Content = new FormUrlEncodedContent(request.PostParams);
            }
        }

        if (request.Username is not null && request.Password is not null)
        {
            httpRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{request.Username}:{request.Password}")));
        }
        else if (request.AuthStrategy is { } authStrategy && authStrategy.RequiresAuthentication())
        {
            httpRequest.Headers.Add("Authorization", authStrategy.GetAuthString());
        }

        httpRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        httpRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("utf-8"));
        var userAgent = request.UserAgentExtensions is { Length: > 0 } extensions ? $"{UserAgent} {string.Join(' ', extensions)}" : UserAgent;
        httpRequest.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        foreach (var (name, value) in request.HeaderParams)
        {
            httpRequest.Headers.TryAddWithoutValidation(name, value);
        }

        return httpRequest;
    }

    /// <summary>The SDK's own user agent: <c>twilio-csharp/8.2.0 (Unix X64) .NET/10.0.x</c>.</summary>
    private static string BuildUserAgent()
    {
        var sdkVersion = typeof(Request).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(Request).Assembly.GetName().Version?.ToString(3)
            ?? "unknown";
        var framework = new StringBuilder(RuntimeInformation.FrameworkDescription);
        var lastSpace = RuntimeInformation.FrameworkDescription.LastIndexOf(' ');
        if (lastSpace >= 0)
        {
            framework[lastSpace] = '/';
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"twilio-csharp/{sdkVersion} ({Environment.OSVersion.Platform} {RuntimeInformation.OSArchitecture}) {framework}");
    }
}
