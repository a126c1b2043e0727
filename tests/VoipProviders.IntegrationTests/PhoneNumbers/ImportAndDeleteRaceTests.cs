using System.Net;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>
/// A provider's delete and an import onto it serialize on the imported numbers' reference to the provider: whichever
/// commits second fails cleanly (404 for the import, 409 for the delete), and no number is deleted without being
/// detached in Twilio and announced, or recorded for a provider that is gone.
/// </summary>
public sealed class ImportAndDeleteRaceTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private ImportRows Rows => new(Fixture.ConnectionString);

    [Fact]
    public async Task An_import_that_commits_after_the_provider_was_deleted_answers_404_and_leaves_no_number_attached()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Attached);
        var import = ImportNumbersAsync(id, [number.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Attached).WaitAsync(TimeSpan.FromSeconds(30));
        Twilio.PhoneNumbers.Single().TrunkSid.Should().Be(trunkSid, "the import attached it and has not committed");

        using (var delete = await DeleteAsync(id))
        {
            delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        Fixture.ImportGate.Release(PhoneNumberImportPoint.Attached);
        using var response = await import;

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        (await Rows.CountImportsAsync()).Should().Be(0, "the import's compensation detached its number and forgot the import");
        (await Rows.CountClaimsAsync()).Should().Be(0);
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the provider's clean-up deleted its trunk");
        Twilio.PhoneNumbers.Single().TrunkSid.Should().BeNull("the number is on no trunk, and in the account still");
        (await Database.CountIntegrationEventsAsync(nameof(PhoneNumbersImported))).Should().Be(0, "nothing was imported");
    }

    [Fact]
    public async Task A_delete_that_commits_after_an_import_it_did_not_see_answers_409_and_a_retry_detaches_and_announces_the_number()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Attached);
        var import = ImportNumbersAsync(id, [number.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Attached).WaitAsync(TimeSpan.FromSeconds(30));

        // The delete reads the provider and its (no) numbers, then the stopped rotations it would delete with it: held
        // there, after its read of the numbers and before its commit, while the import commits.
        Task<HttpResponseMessage> delete;
        await using (await Rows.HoldTableAsync("auth_token_rotations"))
        {
            delete = DeleteAsync(id);
            await EventuallyAsync(
                async () => await Rows.CountSessionsWaitingForALockOnAsync("auth_token_rotations") == 1,
                "the delete read the provider's numbers and waits to read its rotations");
            Fixture.ImportGate.Release(PhoneNumberImportPoint.Attached);
            using var imported = await import;
            imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
            (await ReadJsonAsync(imported)).GetProperty("successCount").GetInt32().Should().Be(1);
        }

        using (var response = await delete)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("concurrent_update");
        }

        (await Database.CountProvidersAsync()).Should().Be(1, "nothing was deleted");
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
        (await Database.CountCleanupsAsync()).Should().Be(0);
        Twilio.PhoneNumbers.Single().TrunkSid.Should().Be(trunkSid);
        Twilio.ClearRequests();

        using (var retry = await DeleteAsync(id))
        {
            retry.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0, "the clean-up detached the number and deleted the trunk");
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Select(r => (r.Path, r.ResponseStatus))
            .Should().Equal(($"/v1/Trunks/{trunkSid}/PhoneNumbers/{number.Sid}", 204));
        Twilio.PhoneNumbers.Single().TrunkSid.Should().BeNull();
        (await Database.CountIntegrationEventsAsync(nameof(ProviderDeleted))).Should().Be(1);
        var removed = (await Agents.WaitForEventAsync<PhoneNumberRemoved>()).Should().ContainSingle("the number is announced as removed with its provider").Subject;
        removed.WithProvider.Should().BeTrue();
        removed.PhoneNumber.PhoneNumberSid.Should().Be(number.Sid);
    }
}
