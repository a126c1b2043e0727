using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// Issue 18 §2: tenant-facing responses, logs, problem details and the database never hold a SIP password in plain — the
/// internal dial-out route, for the platform's SIP service alone, is the one place it is given out.
/// </summary>
public sealed class SipPasswordSecrecyTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Number = "+14155550188";

    [Fact]
    public async Task No_SIP_password_appears_in_any_tenant_response_problem_or_log_across_the_providers_life()
    {
        var builder = NewProvider();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, Number);
        using var client = ClientFor();
        var bodies = new List<string>();

        async Task<string> CollectAsync(Task<HttpResponseMessage> request, HttpStatusCode expected)
        {
            using var response = await request;
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(expected, body);
            bodies.Add(body);
            return body;
        }

        var created = await CollectAsync(client.PostAsJsonAsync(TwilioProvidersPath, builder.Body()), HttpStatusCode.Created);
        var id = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("id").GetGuid();
        await CollectAsync(client.GetAsync($"{TwilioProvidersPath}/{id}"), HttpStatusCode.OK);
        await CollectAsync(client.GetAsync($"{ProvidersPath}/{id}"), HttpStatusCode.OK);
        await CollectAsync(client.GetAsync(ProvidersPath), HttpStatusCode.OK);
        await CollectAsync(client.PostAsJsonAsync($"{TwilioProvidersPath}/{id}/import-numbers", new { phoneNumberSids = new[] { number.Sid } }), HttpStatusCode.OK);
        await CollectAsync(client.GetAsync($"{TwilioProvidersPath}/{id}/phone-numbers"), HttpStatusCode.OK);
        await CollectAsync(client.GetAsync($"{TwilioProvidersPath}/{id}/available-numbers"), HttpStatusCode.OK);
        await CollectAsync(client.UpdateTwilioProviderAsync(id, new { name = "Front desk", supportsCallTransfer = true, secureTrunking = true }), HttpStatusCode.OK);
        var staleETag = await ETagOfAsync(id);
        await CollectAsync(client.RotateSipCredentialAsync(id), HttpStatusCode.OK);
        await CollectAsync(client.RotateSipCredentialAsync(id, ifMatch: staleETag), HttpStatusCode.PreconditionFailed);
        await CollectAsync(ClientFor(OrgB).RotateSipCredentialAsync(id), HttpStatusCode.NotFound);
        Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.AppliedThenFailed(500));
        var failed = await CollectAsync(client.RotateSipCredentialAsync(id), HttpStatusCode.BadGateway);
        await CollectAsync(client.PostAsync($"{TwilioProvidersPath}/{id}/verify", null), HttpStatusCode.OK);
        await CollectAsync(client.GetAsync($"{TwilioProvidersPath}/{id}"), HttpStatusCode.OK);
        using (var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken()))
        {
            // The SIP service's read is logged too: the log must not carry what the response does.
            (await sip.DialOutRouteAsync(id, OrgA)).GetProperty("sipPassword").GetString().Should().NotBeNullOrEmpty();
        }

        var passwords = Twilio.RequestsFor(TwilioOperation.CreateCredential).Select(r => r.Form["Password"]).ToList();
        passwords.Should().HaveCount(3, "the connect's credential, the rotation's, and the one of the rotation that failed");
        passwords.Should().OnlyHaveUniqueItems();
        System.Text.Json.JsonDocument.Parse(failed).RootElement.GetProperty("code").GetString().Should().Be("twilio_unavailable");
        bodies.Should().AllSatisfy(b => b.Should().NotContainAny(["sipPassword", "\"password\""], "no tenant response has a password field"));
        await AssertSecretsNotLeakedAsync([.. passwords, builder.Account.AuthToken], builder.Account.Sid, [.. bodies]);
    }
}
