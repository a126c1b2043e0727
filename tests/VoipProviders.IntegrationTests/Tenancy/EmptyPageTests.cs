using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// The lists not covered by the other scope tests: a provider's Auth Token rotations and the numbers of its Twilio
/// account. A filter that matches nothing is an empty 200 page with totalCount 0; a page beyond the end is empty with
/// the right totalCount; another organization's provider is 404, and a row of another organization is never listed.
/// </summary>
public sealed class EmptyPageTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_providers_rotations_and_available_numbers_answer_empty_pages_with_the_right_totalCount()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550101");
        Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550102");
        var rotations = $"{TwilioProvidersPath}/{id}/auth-token/rotations";
        var available = $"{TwilioProvidersPath}/{id}/available-numbers";

        (string Path, int Total)[] empty =
        [
            (rotations, 0),
            ($"{rotations}?skip=5&take=1", 0),
            ($"{available}?phoneNumber=%2B1999", 0),
            ($"{available}?phoneNumber=5550101&skip=1", 1),
            ($"{available}?skip=2&take=5", 2),
            ($"{available}?skip=1000&take=1", 2),
        ];
        foreach (var (path, total) in empty)
        {
            using var response = await ClientFor(OrgA).GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path}: {body}");
            var page = JsonDocument.Parse(body).RootElement;
            page.GetProperty("items").GetArrayLength().Should().Be(0, path);
            page.GetProperty("totalCount").GetInt32().Should().Be(total, path);
        }

        foreach (var path in new[] { rotations, $"{rotations}?skip=5", available, $"{available}?phoneNumber=%2B1999" })
        {
            using var response = await ClientFor(OrgB).GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{path} of another organization's provider");
        }
    }

    [Fact]
    public async Task A_providers_rotations_are_listed_only_from_rows_of_the_callers_organization()
    {
        var id = await ConnectAsync(OrgA);
        var rows = new TenantRows(Fixture.ConnectionString);
        var start = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
        var first = await rows.CompletedRotationAsync(id, OrgA, start);
        var second = await rows.CompletedRotationAsync(id, OrgA, start.AddHours(1));
        // A row of the provider that says it belongs to another organization (it cannot be made through the API):
        // the organization filter of the rows themselves keeps it out, whatever the provider check let through.
        var foreign = await rows.CompletedRotationAsync(id, OrgB, start.AddHours(2));
        var rotations = $"{TwilioProvidersPath}/{id}/auth-token/rotations";

        var expect = new PageExpectations(ClientFor);
        expect.Page(OrgA, rotations, [second, first], 2);
        expect.Page(OrgA, $"{rotations}?take=1", [second], 2);
        expect.Page(OrgA, $"{rotations}?skip=1&take=5", [first], 2);
        expect.Page(OrgA, $"{rotations}?skip=2", [], 2);
        expect.NotFound(OrgA, $"{rotations}/{foreign}");
        expect.NotFound(OrgB, rotations);

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }
}
