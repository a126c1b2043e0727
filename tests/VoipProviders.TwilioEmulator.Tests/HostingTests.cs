using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class HostingTests : EmulatorTestBase
{
    private const string SeedSid = "AC0123456789abcdef0123456789abcdef";
    private const string SeedToken = "00112233445566778899aabbccddeeff";
    private const string SeedSecondaryToken = "ffeeddccbbaa99887766554433221100";

    [Fact]
    public void Base_address_is_loopback_with_the_bound_port()
    {
        Emulator.BaseAddress.Host.Should().Be("127.0.0.1");
        Emulator.BaseAddress.Port.Should().BePositive();
        Emulator.BaseAddress.AbsolutePath.Should().Be("/");
    }

    [Fact]
    public async Task Options_seed_accounts_and_numbers()
    {
        var options = new TwilioEmulatorOptions();
        var seed = new EmulatedAccountSeed { Sid = SeedSid, AuthToken = SeedToken, FriendlyName = "Seeded", Status = EmulatedAccountStatus.Active };
        seed.PhoneNumbers.Add("+14155550100");
        options.Accounts.Add(seed);
        options.Accounts.Add(new EmulatedAccountSeed { Status = EmulatedAccountStatus.Suspended });
        await using var emulator = await TwilioEmulatorHost.StartAsync(options);
        using var http = new HttpClient(new RewriteHandler(emulator.BaseAddress) { InnerHandler = new SocketsHttpHandler() });
        var client = new TwilioRestClient(SeedSid, SeedToken, httpClient: new Twilio.Http.SystemNetHttpClient(http));

        var account = await AccountResource.FetchAsync(client: client);
        var numbers = await IncomingPhoneNumberResource.ReadAsync(client: client);

        account.FriendlyName.Should().Be("Seeded");
        numbers.Should().ContainSingle().Which.PhoneNumber.ToString().Should().Be("+14155550100");
        emulator.State.Accounts.Should().HaveCount(2);
        emulator.State.Accounts[1].Sid.Should().MatchRegex("^AC[0-9a-f]{32}$");
        emulator.State.Accounts[1].AuthToken.Should().MatchRegex("^[0-9a-f]{32}$");
        emulator.State.Accounts[1].Status.Should().Be(EmulatedAccountStatus.Suspended);
    }

    [Fact]
    public void Options_are_read_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulator:Accounts:0:Sid"] = SeedSid,
            ["Emulator:Accounts:0:AuthToken"] = SeedToken,
            ["Emulator:Accounts:0:SecondaryAuthToken"] = SeedSecondaryToken,
            ["Emulator:Accounts:0:FriendlyName"] = "From config",
            ["Emulator:Accounts:0:Status"] = "suspended",
            ["Emulator:Accounts:0:PhoneNumbers:0"] = "+14155550100",
            ["Emulator:Accounts:1:FriendlyName"] = "Generated",
        }).Build();

        var options = TwilioEmulatorOptions.FromConfiguration(configuration);

        options.Accounts.Should().HaveCount(2);
        options.Accounts[0].Should().BeEquivalentTo(new
        {
            Sid = SeedSid,
            AuthToken = SeedToken,
            SecondaryAuthToken = SeedSecondaryToken,
            FriendlyName = "From config",
            Status = EmulatedAccountStatus.Suspended,
            PhoneNumbers = new[] { "+14155550100" },
        });
        options.Accounts[1].Sid.Should().BeNull();
        options.Accounts[1].SecondaryAuthToken.Should().BeNull();
    }

    [Fact]
    public async Task Options_seed_a_secondary_Auth_Token_that_authenticates()
    {
        var options = new TwilioEmulatorOptions();
        options.Accounts.Add(new EmulatedAccountSeed { Sid = SeedSid, AuthToken = SeedToken, SecondaryAuthToken = SeedSecondaryToken });
        options.Accounts.Add(new EmulatedAccountSeed());
        await using var emulator = await TwilioEmulatorHost.StartAsync(options);
        using var http = new HttpClient(new RewriteHandler(emulator.BaseAddress) { InnerHandler = new SocketsHttpHandler() });

        var account = await AccountResource.FetchAsync(client: new TwilioRestClient(SeedSid, SeedSecondaryToken, httpClient: new Twilio.Http.SystemNetHttpClient(http)));

        account.Sid.Should().Be(SeedSid);
        emulator.State.GetSecondaryAuthToken(SeedSid).Should().Be(SeedSecondaryToken);
        emulator.State.Accounts[1].SecondaryAuthToken.Should().BeNull("a secondary is never generated");
    }

    [Fact]
    public async Task Admin_endpoints_seed_and_remove_a_secondary_Auth_Token()
    {
        var http = RawClient(authenticate: false);

        using var random = await http.PostAsync(new Uri($"_emulator/accounts/{Account.Sid}/secondary-auth-token", UriKind.Relative), null);
        var randomToken = (await random.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secondaryAuthToken").GetString()!;
        using var chosen = await http.PostAsync(
            new Uri($"_emulator/accounts/{Account.Sid}/secondary-auth-token?authToken={SeedSecondaryToken}", UriKind.Relative), null);
        var state = await http.GetFromJsonAsync<JsonElement>(new Uri("_emulator/state", UriKind.Relative));

        random.StatusCode.Should().Be(HttpStatusCode.OK);
        randomToken.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(Account.AuthToken);
        chosen.StatusCode.Should().Be(HttpStatusCode.OK);
        State.GetSecondaryAuthToken(Account.Sid).Should().Be(SeedSecondaryToken, "a second seed replaces the first");
        state.GetProperty("accounts")[0].GetProperty("secondaryAuthToken").GetString().Should().Be(SeedSecondaryToken);
        (await AccountResource.FetchAsync(client: Client(authToken: SeedSecondaryToken))).Sid.Should().Be(Account.Sid);

        using var removed = await http.DeleteAsync(new Uri($"_emulator/accounts/{Account.Sid}/secondary-auth-token", UriKind.Relative));
        using var removedAgain = await http.DeleteAsync(new Uri($"_emulator/accounts/{Account.Sid}/secondary-auth-token", UriKind.Relative));
        using var samePrimary = await http.PostAsync(
            new Uri($"_emulator/accounts/{Account.Sid}/secondary-auth-token?authToken={Account.AuthToken}", UriKind.Relative), null);
        using var created = await http.PostAsJsonAsync(
            new Uri("_emulator/accounts", UriKind.Relative), new { friendlyName = "With secondary", secondaryAuthToken = SeedSecondaryToken });

        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        removedAgain.StatusCode.Should().Be(HttpStatusCode.NoContent);
        samePrimary.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();
        var withRemoved = () => AccountResource.FetchAsync(client: Client(authToken: SeedSecondaryToken));
        (await withRemoved.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        var createdSid = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
        State.GetSecondaryAuthToken(createdSid).Should().Be(SeedSecondaryToken);
    }

    [Fact]
    public async Task Admin_endpoints_drive_the_emulator()
    {
        var http = RawClient(authenticate: false);

        using var created = await http.PostAsJsonAsync(new Uri("_emulator/accounts", UriKind.Relative), new { friendlyName = "Scripted" });
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        var sid = account.GetProperty("sid").GetString()!;
        var token = account.GetProperty("authToken").GetString()!;
        using var number = await http.PostAsJsonAsync(new Uri($"_emulator/accounts/{sid}/phone-numbers", UriKind.Relative), new { phoneNumber = "+14155550199" });
        using var fault = await http.PostAsJsonAsync(
            new Uri("_emulator/faults", UriKind.Relative),
            new { operation = "FetchAccount", faults = new[] { new { status = 429, retryAfter = "1" } } });
        var scripted = State.Accounts.Single(a => a.Sid == sid);
        var client = Client(scripted);

        created.StatusCode.Should().Be(HttpStatusCode.OK);
        scripted.AuthToken.Should().Be(token);
        number.StatusCode.Should().Be(HttpStatusCode.OK);
        fault.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var limited = () => AccountResource.FetchAsync(client: client);
        (await limited.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20429);
        (await AccountResource.FetchAsync(client: client)).FriendlyName.Should().Be("Scripted");

        var log = await http.GetFromJsonAsync<JsonElement>(new Uri("_emulator/requests", UriKind.Relative));
        log.GetArrayLength().Should().Be(2);
        log[0].GetProperty("operation").GetString().Should().Be("FetchAccount");
        log[0].GetProperty("responseStatus").GetInt32().Should().Be(429);

        using var reset = await http.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null);
        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        State.Accounts.Should().BeEmpty();
        State.Requests.Should().BeEmpty();
        var afterReset = () => AccountResource.FetchAsync(client: client);
        (await afterReset.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(401);
    }

    [Fact]
    public async Task Admin_rotation_of_the_Auth_Token_makes_only_the_new_token_work()
    {
        var http = RawClient(authenticate: false);
        var oldClient = Client(Account);

        using var rotated = await http.PostAsync(new Uri($"_emulator/accounts/{Account.Sid}/auth-token", UriKind.Relative), null);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var newToken = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authToken").GetString()!;
        newToken.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(Account.AuthToken);
        var withOldToken = () => AccountResource.FetchAsync(client: oldClient);
        (await withOldToken.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
        (await AccountResource.FetchAsync(client: Client(Account with { AuthToken = newToken }))).Sid.Should().Be(Account.Sid);
    }

    [Fact]
    public async Task Admin_rejects_invalid_input_with_400()
    {
        using var response = await RawClient(authenticate: false).PostAsJsonAsync(
            new Uri($"_emulator/accounts/{Account.Sid}/phone-numbers", UriKind.Relative), new { phoneNumber = "415-555-0100" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
