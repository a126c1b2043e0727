using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

public sealed class CreateTwilioProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Create_returns_201_with_the_provider_and_builds_the_trunk_in_the_tenants_account()
    {
        var account = Twilio.AddAccount("Acme Voice");

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var provider = JsonDocument.Parse(body).RootElement;
        var id = provider.GetProperty("id").GetGuid();
        response.Headers.Location!.OriginalString.Should().Be($"{TwilioProvidersPath}/{id}");
        provider.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "name", "providerType", "accountSid", "verificationStatus", "lastVerifiedAt", "phoneNumberCount",
            "verificationDetails", "trunkSid", "terminationUri", "region", "supportsCallTransfer", "secureTrunking", "inboundRoutingKey",
            "originationUris", "sipCredentialVersion", "sipCredentialUpdatedAt", "authTokenRotationPolicy", "activeAuthTokenRotationId",
            "autoRepair", "autoRepairPausedUntil", "createdAt", "updatedAt");
        provider.GetProperty("createdAt").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$", "timestamps are ISO 8601 in UTC");
        provider.GetProperty("updatedAt").GetString().Should().Be(provider.GetProperty("createdAt").GetString());
        response.Headers.ETag.Should().NotBeNull("the created version can be sent back in If-Match");
        provider.GetProperty("name").GetString().Should().Be("Acme Voice", "the default name is the account's friendly name");
        provider.GetProperty("providerType").GetString().Should().Be("twilio");
        provider.GetProperty("accountSid").GetString().Should().Be(account.Sid);
        provider.GetProperty("verificationStatus").GetString().Should().Be("pending");
        provider.GetProperty("lastVerifiedAt").ValueKind.Should().Be(JsonValueKind.Null);
        provider.GetProperty("verificationDetails").ValueKind.Should().Be(JsonValueKind.Null);
        provider.GetProperty("phoneNumberCount").GetInt32().Should().Be(0);
        provider.GetProperty("region").GetString().Should().Be("us1");
        provider.GetProperty("supportsCallTransfer").GetBoolean().Should().BeFalse();
        provider.GetProperty("secureTrunking").GetBoolean().Should().BeFalse();
        provider.GetProperty("sipCredentialVersion").GetInt32().Should().Be(1);
        provider.GetProperty("authTokenRotationPolicy").ToString().Should().Be(
            """{"enabled":false,"intervalDays":90,"propagationDelaySeconds":60,"nextRotationAt":null}""", "managed rotation is off until the tenant turns it on");
        provider.GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(JsonValueKind.Null);
        provider.GetProperty("autoRepair").GetString().Should().Be("off", "auto-repair is off until the tenant or the organization's default turns it on");
        provider.GetProperty("autoRepairPausedUntil").ValueKind.Should().Be(JsonValueKind.Null);
        var routingKey = provider.GetProperty("inboundRoutingKey").GetString();
        routingKey.Should().MatchRegex("^[a-z0-9]{24}$", "a random DNS-label-safe routing key");

        var trunk = Twilio.Trunks.Should().ContainSingle().Subject;
        trunk.Secure.Should().BeFalse();
        var originationUrl = trunk.OriginationUrls.Should().ContainSingle("one per Sip:Origination:Uris entry").Subject;
        originationUrl.SipUrl.Should().Be($"sip:{routingKey}.in1.voice.example.com:5061;transport=tls");
        originationUrl.FriendlyName.Should().Be("VoipProviders origination 1");
        (originationUrl.Priority, originationUrl.Weight, originationUrl.Enabled).Should().Be((10, 10, true));
        var shownUrl = provider.GetProperty("originationUris").EnumerateArray().Should().ContainSingle().Subject;
        shownUrl.GetProperty("sid").GetString().Should().Be(originationUrl.Sid);
        shownUrl.GetProperty("sipUrl").GetString().Should().Be(originationUrl.SipUrl);
        provider.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid).And.MatchRegex("^TK[0-9a-f]{32}$");
        trunk.AccountSid.Should().Be(account.Sid);
        trunk.DomainName.Should().MatchRegex(@"^vp-[0-9a-f]{16}\.pstn\.twilio\.com$");
        trunk.TransferMode.Should().Be("disable-all");
        var label = trunk.DomainName![..^".pstn.twilio.com".Length];
        provider.GetProperty("terminationUri").GetString().Should().Be($"sip:{label}.pstn.ashburn.twilio.com");

        var credentialList = Twilio.CredentialLists.Should().ContainSingle().Subject;
        credentialList.TrunkSids.Should().Equal(trunk.Sid);
        var credential = credentialList.Credentials.Should().ContainSingle().Subject;
        credential.Username.Length.Should().BeLessThanOrEqualTo(32);
        credential.Password.Length.Should().BeGreaterThanOrEqualTo(32);
        credential.Password.Should().MatchRegex("[A-Z]").And.MatchRegex("[a-z]").And.MatchRegex("[0-9]");

        Twilio.Requests.Select(r => r.Operation).Should().Equal(
            TwilioOperation.FetchAccount,
            TwilioOperation.CreateTrunk,
            TwilioOperation.CreateCredentialList,
            TwilioOperation.CreateCredential,
            TwilioOperation.AssociateCredentialList,
            TwilioOperation.CreateOriginationUrl);
        Twilio.Requests.Should().OnlyContain(r => r.AuthUser == account.Sid && r.Authenticated);
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Single().Form.Should().Equal(new Dictionary<string, string>
        {
            ["FriendlyName"] = "VoipProviders origination 1",
            ["SipUrl"] = $"sip:{routingKey}.in1.voice.example.com:5061;transport=tls",
            ["Priority"] = "10",
            ["Weight"] = "10",
            ["Enabled"] = "true",
        });
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Single().Form.Should().Contain(new Dictionary<string, string>
        {
            ["DomainName"] = trunk.DomainName,
            ["TransferMode"] = "disable-all",
            ["FriendlyName"] = $"VoipProviders {id:N}",
        });
        Twilio.RequestsFor(TwilioOperation.AssociateCredentialList).Single().Form
            .Should().Contain("CredentialListSid", credentialList.Sid);

        (await Database.CountProvidersAsync()).Should().Be(1);
        (await Database.ColumnAsync(id, "organization_id")).Should().Be(OrgA);
        (await Database.ColumnAsync(id, "trunk_sid")).Should().Be(trunk.Sid);
        (await Database.ColumnAsync(id, "inbound_routing_key")).Should().Be(routingKey);
        var storedToken = await Database.ColumnAsync(id, "auth_token_protected");
        UnprotectAuthToken(id, storedToken!).Should().Be(account.AuthToken);
        var storedPassword = await Database.ColumnAsync(id, "sip_password_protected");
        UnprotectSipPassword(id, storedPassword!).Should().Be(credential.Password);

        await AssertSecretsNotLeakedAsync([account.AuthToken, credential.Password], account.Sid, body);
    }

    [Fact]
    public async Task Create_uses_the_given_name_region_and_call_transfer()
    {
        var account = Twilio.AddAccount("Ignored Friendly Name");

        using var response = await CreateProviderAsync(new
        {
            accountSid = account.Sid,
            authToken = account.AuthToken,
            name = "Dublin trunk",
            region = "ie1",
            supportsCallTransfer = true,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var provider = await ReadJsonAsync(response);
        provider.GetProperty("name").GetString().Should().Be("Dublin trunk");
        provider.GetProperty("region").GetString().Should().Be("ie1");
        provider.GetProperty("supportsCallTransfer").GetBoolean().Should().BeTrue();
        provider.GetProperty("terminationUri").GetString().Should().MatchRegex(@"^sip:vp-[0-9a-f]{16}\.pstn\.dublin\.twilio\.com$");
        Twilio.Trunks.Single().TransferMode.Should().Be("enable-all");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Single().Form.Should().Contain("TransferMode", "enable-all");
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"accountSid":"AC123","authToken":"0123456789abcdef0123456789abcdef"}""", "accountSid", "AC" },
        { """{"accountSid":"AC0123456789ABCDEF0123456789ABCDEF","authToken":"0123456789abcdef0123456789abcdef"}""", "accountSid", "lowercase" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789ABCDEF0123456789ABCDEF"}""", "authToken", "32 lowercase" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef"}""", "authToken", "required" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","region":"eu1"}""", "region", "us1, us2, ie1" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","name":"   "}""", "name", "blank" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","name":"NAME_TOO_LONG"}""", "name", "100" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":12345}""", "authToken", "JSON type" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","supportsCallTransfer":"yes"}""", "supportsCallTransfer", "JSON type" },
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef",""", "body", "not valid JSON" },
        { "", "body", "missing" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_with_bad_input_answers_400_naming_the_field_and_changes_nothing(string json, string field, string messagePart)
    {
        json = json.Replace("NAME_TOO_LONG", new string('n', 101), StringComparison.Ordinal);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await ClientFor().PostAsync(TwilioProvidersPath, content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("code").GetString().Should().Be("validation_failed");
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        messages.Should().ContainSingle(m => m!.Contains(messagePart, StringComparison.Ordinal));
        messages.Should().NotContain(m => m!.Contains("0123456789ABCDEF", StringComparison.Ordinal), "a rejected value is never echoed");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Create_with_credentials_Twilio_rejects_answers_422_with_the_Twilio_code_after_exactly_one_call()
    {
        var account = Twilio.AddAccount("Acme Voice");
        var wrongToken = NewToken();

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = wrongToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("twilio_credentials_rejected");
        problem.GetProperty("twilioErrorCode").GetInt32().Should().Be(20003);
        Twilio.Requests.Should().ContainSingle().Which.Operation.Should().Be(TwilioOperation.FetchAccount);
        Twilio.Trunks.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
        await AssertSecretsNotLeakedAsync([wrongToken], account.Sid, body);
    }

    [Theory]
    [InlineData(EmulatedAccountStatus.Suspended, "suspended")]
    [InlineData(EmulatedAccountStatus.Closed, "closed")]
    public async Task Create_for_an_inactive_account_answers_422_and_builds_nothing(EmulatedAccountStatus status, string expected)
    {
        var account = Twilio.AddAccount("Dormant", status);

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("twilio_account_not_active");
        problem.GetProperty("accountStatus").GetString().Should().Be(expected);
        Twilio.Requests.Select(r => r.Operation).Should().Equal(TwilioOperation.FetchAccount);
        Twilio.Trunks.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Create_for_an_account_already_connected_in_the_organization_answers_409_without_calling_Twilio()
    {
        var connected = NewProvider();
        var firstId = await connected.ConnectAsync();
        var account = connected.Account;
        var firstRow = await Database.ProviderRowSnapshotAsync(firstId);

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken, name = "Second try" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("provider_already_exists");
        Twilio.Requests.Should().BeEmpty();
        Twilio.Trunks.Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
        (await Database.ProviderRowSnapshotAsync(firstId)).Should().Be(firstRow, "the provider already connected is not touched, not even rewritten");
    }

    [Fact]
    public async Task The_same_account_may_be_connected_by_another_organization()
    {
        var connected = NewProvider(OrgA);
        await connected.ConnectAsync();
        var account = connected.Account;

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken }, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        Twilio.Trunks.Should().HaveCount(2);
        (await Database.CountProvidersAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_failed_step_after_the_trunk_deletes_what_was_created_in_Twilio_and_stores_nothing()
    {
        var account = Twilio.AddAccount("Acme Voice");
        Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.Http(500));

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("twilio_unavailable");
        Twilio.RequestsFor(TwilioOperation.CreateCredential).Should().ContainSingle("a create is never blindly retried");
        Twilio.Requests.Select(r => r.Operation).Should().Equal(
            TwilioOperation.FetchAccount,
            TwilioOperation.CreateTrunk,
            TwilioOperation.CreateCredentialList,
            TwilioOperation.CreateCredential,
            TwilioOperation.DeleteCredentialList,
            TwilioOperation.DeleteTrunk);
        Twilio.Trunks.Should().BeEmpty();
        Twilio.CredentialLists.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_trunk_create_with_unknown_outcome_is_found_and_deleted()
    {
        var account = Twilio.AddAccount("Acme Voice");
        Twilio.EnqueueFaults(TwilioOperation.CreateTrunk, EmulatedFault.AppliedThenFailed(500));

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        Twilio.Requests.Select(r => r.Operation).Should().Equal(
            TwilioOperation.FetchAccount,
            TwilioOperation.CreateTrunk,
            TwilioOperation.ListTrunks,
            TwilioOperation.DeleteTrunk);
        Twilio.Trunks.Should().BeEmpty("the trunk Twilio created despite the 500 was cleaned up");
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_taken_trunk_domain_is_retried_with_a_new_name()
    {
        var account = Twilio.AddAccount("Acme Voice");
        Twilio.EnqueueFaults(TwilioOperation.CreateTrunk, EmulatedFault.Http(400, 21248, "Trunk Domain already taken"));

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var domains = Twilio.RequestsFor(TwilioOperation.CreateTrunk).Select(r => r.Form["DomainName"]).ToList();
        domains.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        Twilio.Trunks.Single().DomainName.Should().Be(domains[1]);
    }

    [Fact]
    public async Task Two_simultaneous_connects_of_one_account_store_one_provider_and_the_loser_builds_nothing()
    {
        var account = Twilio.AddAccount("Acme Voice");
        Twilio.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromMilliseconds(300));
        var body = new { accountSid = account.Sid, authToken = account.AuthToken };

        var responses = await Task.WhenAll(CreateProviderAsync(body), CreateProviderAsync(body));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var winner = await ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        (await ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict)))
            .GetProperty("code").GetString().Should().BeOneOf("provider_connect_in_progress", "provider_already_exists");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle("the loser is refused before any Twilio call");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle();
        Twilio.Trunks.Should().ContainSingle().Which.Sid.Should().Be(winner.GetProperty("trunkSid").GetString());
        Twilio.CredentialLists.Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Create_when_Twilio_keeps_rate_limiting_answers_503_with_Retry_After()
    {
        var account = Twilio.AddAccount("Acme Voice");
        Twilio.EnqueueFaults(
            TwilioOperation.FetchAccount,
            [.. Enumerable.Repeat(EmulatedFault.RateLimited(retryAfter: "1"), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("twilio_rate_limited");
        problem.GetProperty("twilioErrorCode").GetInt32().Should().Be(20429);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(VoipProvidersApiFactory.MaxRetryAttempts + 1);
        Twilio.Trunks.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }
}
