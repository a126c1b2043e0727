using System.Net;
using System.Reflection;
using Twilio.Clients;
using Twilio.Constant;
using Twilio.Http;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;
using HttpClient = System.Net.Http.HttpClient;
using HttpMethod = Twilio.Http.HttpMethod;
using TwilioDomain = Twilio.Rest.Domain;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// The shared transport sends what the SDK's <see cref="SystemNetHttpClient"/> sends, and keeps nothing afterwards —
/// the SDK's keeps the last request (SID, Auth Token, SIP password) on an object every tenant's calls go through.
/// </summary>
public sealed class TwilioHttpTransportTests
{
    private const string SipPassword = "Sip-Password-0123456789abcdef";
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";

    public static TheoryData<string> Requests => ["get", "form-post", "delete", "json-post", "extras"];

    [Fact]
    public async Task After_a_create_with_a_SIP_password_nothing_reachable_from_the_shared_transport_holds_a_secret()
    {
        var credentials = TwilioAdapter.Account(7);
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(ScriptedTwilioHandler.Json(
            HttpStatusCode.Created, """{"sid":"CR0123456789abcdef0123456789abcdef","username":"vp-user"}""")));
        var twilio = new TwilioAdapter(handler);

        await twilio.Gateway.CreateSipCredentialAsync(credentials, CredentialListSid, "vp-user", SipPassword, CancellationToken.None);

        var transport = twilio.Clients.Transport;
        transport.Should().BeOfType<TwilioHttpTransport>();
        transport.LastRequest.Should().BeNull();
        transport.LastResponse.Should().BeNull();
        SecretsReachableFrom(transport, credentials.AuthToken.Reveal(), SipPassword).Should().BeEmpty();
    }

    [Fact]
    public async Task The_check_would_catch_the_SDKs_own_transport()
    {
        var credentials = TwilioAdapter.Account(7);
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(ScriptedTwilioHandler.Json(HttpStatusCode.Created, """{"sid":"CR0123456789abcdef0123456789abcdef"}""")));
        var sdkTransport = new SystemNetHttpClient(new HttpClient(handler));
        var client = new TwilioRestClient(credentials.AccountSid.Value, credentials.AuthToken.Reveal(), httpClient: sdkTransport);

        await global::Twilio.Rest.Api.V2010.Account.Sip.CredentialList.CredentialResource.CreateAsync(
            pathCredentialListSid: CredentialListSid, username: "vp-user", password: SipPassword, pathAccountSid: credentials.AccountSid.Value, client: client);

        SecretsReachableFrom(sdkTransport, credentials.AuthToken.Reveal(), SipPassword).Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Sends_exactly_what_the_SDKs_transport_sends(string kind)
    {
        var sent = new List<string>();
        var handler = new ProbeTwilioHandler(async (request, cancellationToken) =>
        {
            sent.Add(await DescribeAsync(request, cancellationToken));
            return ScriptedTwilioHandler.Json(HttpStatusCode.OK, "{}");
        });
        var http = new HttpClient(handler);

        var ours = await new TwilioHttpTransport(http).MakeRequestAsync(NewRequest(kind));
        var sdks = await new SystemNetHttpClient(http).MakeRequestAsync(NewRequest(kind));

        sent.Should().HaveCount(2);
        sent[0].Should().Be(sent[1]);
        sent[0].Should().Contain("User-Agent: twilio-csharp/8.2.0 (");
        ours.StatusCode.Should().Be(sdks.StatusCode);
        ours.Content.Should().Be(sdks.Content);
    }

    [Fact]
    public async Task Answers_carry_Twilios_status_content_and_headers()
    {
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(
            ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "7")));

        var response = await new TwilioHttpTransport(new HttpClient(handler)).MakeRequestAsync(NewRequest("get"));

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Content.Should().Contain("\"code\":20429");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
    }

    private static Request NewRequest(string kind)
    {
        var accountSid = TwilioAdapter.Account(7).AccountSid.Value;
        var path = $"/2010-04-01/Accounts/{accountSid}/SIP/CredentialLists.json";
        var request = kind switch
        {
            "get" => new Request(HttpMethod.Get, TwilioDomain.Api, path, queryParams: [new("PageSize", "1000")]),
            "form-post" => new Request(HttpMethod.Post, TwilioDomain.Api, path, postParams: [new("FriendlyName", "Ä b&c=d+e"), new("Password", SipPassword)]),
            "delete" => new Request(HttpMethod.Delete, TwilioDomain.Trunking, "/v1/Trunks/TK0123456789abcdef0123456789abcdef"),
            "json-post" => new Request(HttpMethod.Post, TwilioDomain.Api, path, contentType: EnumConstants.ContentTypeEnum.JSON, body: """{"a":"ü"}"""),
            _ => new Request(
                HttpMethod.Post,
                TwilioDomain.Trunking,
                "/v1/Trunks",
                region: "ie1",
                edge: "dublin",
                postParams: [new("DomainName", "vp-1.pstn.twilio.com")],
                headerParams: [new("X-Twilio-Webhook-Enabled", "true")]),
        };
        request.SetAuth(accountSid, TwilioAdapter.Account(7).AuthToken.Reveal());
        if (kind == "extras")
        {
            request.UserAgentExtensions = ["voip-providers/1.0", "test/2"];
        }

        return request;
    }

    private static async Task<string> DescribeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lines = new List<string> { $"{request.Method} {request.RequestUri} HTTP/{request.Version}" };
        lines.AddRange(request.Headers.NonValidated.Select(header => $"{header.Key}: {header.Value}"));
        if (request.Content is { } content)
        {
            lines.AddRange(content.Headers.NonValidated.Select(header => $"{header.Key}: {header.Value}"));
            lines.Add(Convert.ToHexString(await content.ReadAsByteArrayAsync(cancellationToken)));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Walks every object reachable from <paramref name="root"/> through instance fields, except the injected
    /// System.Net.Http client (owned by IHttpClientFactory, which keeps no request), and names the paths of strings
    /// holding one of <paramref name="secrets"/>.
    /// </summary>
    private static List<string> SecretsReachableFrom(object root, params string[] secrets)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (!seen.Add(value) || value is HttpMessageInvoker or Type or Delegate or Pointer)
            {
                continue;
            }

            if (value is string text)
            {
                if (secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)))
                {
                    found.Add(path);
                }

                continue;
            }

            if (value is Array array && !array.GetType().GetElementType()!.IsPrimitive)
            {
                var index = 0;
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{index}]"));
                    }

                    index++;
                }
            }

            for (var type = value.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPrimitive && field.GetValue(value) is { } child)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return found;
    }
}
