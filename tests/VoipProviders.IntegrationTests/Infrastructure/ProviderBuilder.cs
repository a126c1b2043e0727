using System.Net;
using System.Net.Http.Json;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// Connects a Twilio provider the way a tenant does — through the API, against an emulated account — with only the
/// details a test cares about spelled out: <c>await NewProvider().InRegion("ie1").ConnectAsync()</c>.
/// </summary>
public sealed class ProviderBuilder(IntegrationFixture fixture, string organizationId)
{
    private string? _name;
    private string? _region;
    private bool? _supportsCallTransfer;

    /// <summary>The emulated Twilio account the provider connects (a fresh one unless <see cref="ForAccount"/> says otherwise).</summary>
    public EmulatedAccount Account { get; private set; } = fixture.Twilio.AddAccount("Acme Voice");

    public string OrganizationId => organizationId;

    public ProviderBuilder ForAccount(EmulatedAccount account)
    {
        Account = account;
        return this;
    }

    public ProviderBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public ProviderBuilder InRegion(string region)
    {
        _region = region;
        return this;
    }

    public ProviderBuilder WithCallTransfer(bool enabled = true)
    {
        _supportsCallTransfer = enabled;
        return this;
    }

    /// <summary>The create request's body.</summary>
    public Dictionary<string, object?> Body()
    {
        var body = new Dictionary<string, object?> { ["accountSid"] = Account.Sid, ["authToken"] = Account.AuthToken };
        if (_name is not null)
        {
            body["name"] = _name;
        }

        if (_region is not null)
        {
            body["region"] = _region;
        }

        if (_supportsCallTransfer is not null)
        {
            body["supportsCallTransfer"] = _supportsCallTransfer;
        }

        return body;
    }

    /// <summary>
    /// Creates the provider (it must answer 201) and returns its id. The emulator's request log and the host's log
    /// are cleared afterwards, so the test sees only what it does next.
    /// </summary>
    public async Task<Guid> ConnectAsync()
    {
        using var client = fixture.ClientFor(organizationId);
        using var response = await client.PostAsJsonAsync(IntegrationTest.TwilioProvidersPath, Body());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<CreatedProvider>())!.Id;
        fixture.Twilio.ClearRequests();
        fixture.Logs.Clear();
        return id;
    }

    private sealed record CreatedProvider(Guid Id);
}
