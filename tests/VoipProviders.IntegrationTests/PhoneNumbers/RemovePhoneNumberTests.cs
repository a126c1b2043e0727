using System.Net;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

public sealed class RemovePhoneNumberTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_number_nobody_uses_is_detached_from_the_trunk_and_its_record_deleted_but_stays_in_the_account()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        var trunkSid = Twilio.Trunks.Single().Sid;

        using var response = await RemoveNumberAsync(id, numberId);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        var detach = Twilio.Requests.Should().ContainSingle().Subject;
        detach.Operation.Should().Be(TwilioOperation.DetachPhoneNumber);
        detach.Path.Should().Be($"/v1/Trunks/{trunkSid}/PhoneNumbers/{number.Sid}");
        detach.AuthUser.Should().Be(provider.Account.Sid);
        Twilio.PhoneNumbers.Should().ContainSingle(n => n.Sid == number.Sid && n.TrunkSid == null, "the number stays in the account");
        Agents.Released.Should().BeEmpty();
        var removed = (await Agents.WaitForEventAsync<PhoneNumberRemoved>()).Should().ContainSingle().Subject;
        removed.WithProvider.Should().BeFalse();
        removed.Forced.Should().BeFalse();
        removed.PhoneNumber.Should().Be(new PhoneNumberReference(OrgA, numberId, id, number.Sid, "+14155550101"));
        using var get = await ClientFor().GetAsync($"/api/v1/phone-numbers/{numberId}");
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_number_in_use_answers_409_with_the_affected_agents_and_nothing_changes()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        Agents.Uses("+14155550101", "agent-1", "Front desk", PhoneNumberUser.Inbound);
        Agents.Uses("+14155550101", "agent-2", "Collections", PhoneNumberUser.Outbound);

        using var response = await RemoveNumberAsync(id, numberId);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("phone_number_in_use");
        var agents = problem.GetProperty("affectedAgents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("agentId").GetString()).Should().Equal("agent-1", "agent-2");
        agents[0].GetProperty("agentName").GetString().Should().Be("Front desk");
        agents[0].GetProperty("uses").EnumerateArray().Select(u => u.GetString()).Should().Equal("inbound");
        agents[1].GetProperty("uses").EnumerateArray().Select(u => u.GetString()).Should().Equal("outbound");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
        Agents.Released.Should().BeEmpty();
        (await Database.CountIntegrationEventsAsync(nameof(PhoneNumberRemoved))).Should().Be(0, "nothing was removed, so nothing is announced");
        Agents.Events.OfType<PhoneNumberRemoved>().Should().BeEmpty("nothing was removed, so nothing is announced");
    }

    [Fact]
    public async Task With_force_the_users_let_go_and_the_number_is_removed()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        Agents.Uses("+14155550101", "agent-1", "Front desk", PhoneNumberUser.Inbound, PhoneNumberUser.Outbound);

        using var response = await RemoveNumberAsync(id, numberId, force: true);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Agents.Released.Should().ContainSingle().Which.PhoneNumberId.Should().Be(numberId);
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Should().ContainSingle();
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        (await Agents.WaitForEventAsync<PhoneNumberRemoved>()).Should().ContainSingle().Which.Forced.Should().BeTrue();
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid);
    }

    [Fact]
    public async Task When_a_forced_removal_does_not_commit_the_number_is_attached_again_and_the_users_keep_it()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        Agents.Uses("+14155550101", "agent-1", "Front desk", PhoneNumberUser.Inbound);
        await Database.ExecuteAsync("""
            CREATE FUNCTION voip_providers.test_refuse_removals() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'test: the database refuses the commit'; END $$;
            CREATE TRIGGER test_refuse_removals BEFORE DELETE ON voip_providers.imported_phone_numbers
            FOR EACH ROW EXECUTE FUNCTION voip_providers.test_refuse_removals();
            """);
        try
        {
            using var response = await RemoveNumberAsync(id, numberId, force: true);

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }
        finally
        {
            await Database.ExecuteAsync("""
                DROP TRIGGER IF EXISTS test_refuse_removals ON voip_providers.imported_phone_numbers;
                DROP FUNCTION IF EXISTS voip_providers.test_refuse_removals();
                """);
        }

        Agents.Released.Should().BeEmpty("the users are told to let go only once the removal is committed");
        Twilio.Requests.Select(r => (r.Operation, r.Path, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.DetachPhoneNumber, $"/v1/Trunks/{trunkSid}/PhoneNumbers/{number.Sid}", 204),
            (TwilioOperation.FetchIncomingPhoneNumber, $"/2010-04-01/Accounts/{provider.Account.Sid}/IncomingPhoneNumbers/{number.Sid}.json", 200),
            (TwilioOperation.AttachPhoneNumber, $"/v1/Trunks/{trunkSid}/PhoneNumbers", 201));
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Single().Form["PhoneNumberSid"].Should().Be(number.Sid);
        Twilio.PhoneNumbers.Single().TrunkSid.Should().Be(trunkSid, "the compensation put the number back on the trunk");
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
        using (var get = await ClientFor().GetAsync($"/api/v1/phone-numbers/{numberId}"))
        {
            get.StatusCode.Should().Be(HttpStatusCode.OK, "the record is unchanged");
        }

        (await Database.CountIntegrationEventsAsync(nameof(PhoneNumberRemoved))).Should().Be(0, "nothing was removed, so nothing is announced");
    }

    [Fact]
    public async Task When_Twilio_is_unavailable_nothing_changes_not_even_for_the_users()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        Agents.Uses("+14155550101", "agent-1", "Front desk", PhoneNumberUser.Inbound);
        Twilio.EnqueueFaults(TwilioOperation.DetachPhoneNumber, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await RemoveNumberAsync(id, numberId, force: true);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("twilio_unavailable");
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
        Twilio.PhoneNumbers.Single().TrunkSid.Should().Be(Twilio.Trunks.Single().Sid);
        Agents.Released.Should().BeEmpty("Twilio is asked first, so a failure leaves the agents' links alone");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().BeEmpty("the number never left the trunk, so nothing is re-attached");
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid);
    }

    [Fact]
    public async Task A_number_already_detached_in_Twilio_is_removed_all_the_same()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        await DeleteInTwilioConsoleAsync(provider.Account, $"/v1/Trunks/{Twilio.Trunks.Single().Sid}/PhoneNumbers/{number.Sid}");

        using var response = await RemoveNumberAsync(id, numberId);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Single().ResponseStatus.Should().Be(404);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Another_organization_or_another_providers_number_answers_404_and_nothing_is_removed()
    {
        var provider = NewProvider(OrgA);
        var id = await provider.ConnectAsync();
        var otherProvider = await ConnectAsync(OrgA);
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();

        using var otherOrganization = await RemoveNumberAsync(id, numberId, organizationId: OrgB);
        using var wrongProvider = await RemoveNumberAsync(otherProvider, numberId);
        using var unknown = await RemoveNumberAsync(id, Guid.NewGuid());

        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound);
        wrongProvider.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_malformed_number_id_answers_400_naming_it()
    {
        var id = await ConnectAsync();

        using var response = await ClientFor().DeleteAsync($"{TwilioProvidersPath}/{id}/phone-numbers/not-a-uuid");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("phoneNumberId", out _).Should().BeTrue();
    }
}
