using System.Net;
using System.Text.Json;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Auditing;

/// <summary>
/// Issue 19 §2: <c>GET /api/v1/audit-events</c> and <c>GET /api/v1/providers/twilio/{id}/audit-events</c> — organization-scoped,
/// newest first, filtered and paged like the other lists, 400 naming a bad parameter, 404 for another organization's
/// provider, and a deleted provider's records still answered to its organization.
/// </summary>
public sealed class AuditEventsApiTests(IntegrationFixture fixture) : AuditTest(fixture)
{
    [Fact]
    public async Task A_record_has_the_documented_shape()
    {
        var id = await ConnectAsync();

        var page = await PageAsync($"{AuditEventsPath}?action={AuditActions.ProviderConnected}");

        page.EnumerateObject().Select(p => p.Name).Should().Equal("items", "totalCount", "skip", "take");
        var record = page.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        record.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "occurredAt", "organizationId", "providerId", "action", "outcome", "actor", "traceId", "details");
        record.GetProperty("id").GetGuid().Should().NotBeEmpty();
        record.GetProperty("occurredAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        record.GetProperty("occurredAt").GetString().Should().EndWith("Z");
        record.GetProperty("providerId").GetGuid().Should().Be(id);
        record.GetProperty("actor").EnumerateObject().Select(p => p.Name).Should().Contain(["type", "id"]);
        record.GetProperty("details").ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public async Task Lists_are_newest_first_and_filter_by_provider_action_and_outcome()
    {
        var first = NewProvider();
        var firstId = await first.ConnectAsync();
        var secondId = await ConnectAsync();
        using (var rotated = await RotateAsync(firstId, new { authToken = first.Account.AuthToken }))
        {
            rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var refused = await RotateAsync(firstId, new { authToken = NewToken() }))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        var all = await PageAsync($"{AuditEventsPath}?take=1000");
        var items = all.GetProperty("items").EnumerateArray().ToList();
        all.GetProperty("totalCount").GetInt32().Should().Be(items.Count);
        items.Select(r => (r.GetProperty("occurredAt").GetDateTimeOffset(), r.GetProperty("id").GetGuid()))
            .Should().BeInDescendingOrder(Comparer<(DateTimeOffset At, Guid Id)>.Create((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id.CompareTo(b.Id)));
        items.Select(r => r.GetProperty("action").GetString()).Should().Contain(
            [AuditActions.ProviderConnected, AuditActions.AuthTokenRotated]);

        var ofSecond = (await PageAsync($"{AuditEventsPath}?providerId={secondId}&take=1000")).GetProperty("items").EnumerateArray().ToList();
        ofSecond.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("providerId").GetGuid() == secondId);

        var rotations = await RecordsAsync(AuditActions.AuthTokenRotated);
        rotations.Should().HaveCount(2).And.OnlyContain(r => r.GetProperty("providerId").GetGuid() == firstId);
        rotations[0].GetProperty("outcome").GetString().Should().Be("rejected", "the refusal came last");

        var rejected = (await PageAsync($"{AuditEventsPath}?outcome=rejected")).GetProperty("items").EnumerateArray().ToList();
        rejected.Should().ContainSingle().Which.GetProperty("action").GetString().Should().Be(AuditActions.AuthTokenRotated);
        var succeededRotations = await PageAsync($"{AuditEventsPath}?action={AuditActions.AuthTokenRotated}&outcome=succeeded&providerId={firstId}");
        succeededRotations.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task From_and_to_bound_the_window_inclusively()
    {
        var firstId = await ConnectAsync();
        var secondId = await ConnectAsync();
        var connects = await RecordsAsync(AuditActions.ProviderConnected);
        var firstAt = connects.Single(r => r.GetProperty("providerId").GetGuid() == firstId).GetProperty("occurredAt").GetString()!;
        var secondAt = connects.Single(r => r.GetProperty("providerId").GetGuid() == secondId).GetProperty("occurredAt").GetString()!;

        async Task<IEnumerable<Guid>> ProvidersConnectedAsync(string window) =>
            (await PageAsync($"{AuditEventsPath}?action={AuditActions.ProviderConnected}{window}"))
                .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("providerId").GetGuid()).ToList();

        (await ProvidersConnectedAsync($"&from={Uri.EscapeDataString(secondAt)}")).Should().Equal(secondId);
        (await ProvidersConnectedAsync($"&to={Uri.EscapeDataString(firstAt)}")).Should().Equal(firstId);
        (await ProvidersConnectedAsync($"&from={Uri.EscapeDataString(firstAt)}&to={Uri.EscapeDataString(secondAt)}")).Should().Equal(secondId, firstId);
        (await ProvidersConnectedAsync($"&from={Uri.EscapeDataString(firstAt)}&to={Uri.EscapeDataString(firstAt)}")).Should().Equal(firstId);
        (await ProvidersConnectedAsync("&to=2000-01-01T00:00:00Z")).Should().BeEmpty();
    }

    [Fact]
    public async Task Skip_and_take_page_the_list_and_are_echoed()
    {
        var firstId = await ConnectAsync();
        var secondId = await ConnectAsync();
        var thirdId = await ConnectAsync();

        var page = await PageAsync($"{AuditEventsPath}?action={AuditActions.ProviderConnected}&skip=1&take=1");

        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("skip").GetInt32().Should().Be(1);
        page.GetProperty("take").GetInt32().Should().Be(1);
        page.GetProperty("items").EnumerateArray().Should().ContainSingle().Which.GetProperty("providerId").GetGuid().Should().Be(secondId);
        var past = await PageAsync($"{AuditEventsPath}?action={AuditActions.ProviderConnected}&skip=3");
        past.GetProperty("items").GetArrayLength().Should().Be(0);
        past.GetProperty("totalCount").GetInt32().Should().Be(3);
        var defaults = await PageAsync($"{AuditEventsPath}");
        defaults.GetProperty("skip").GetInt32().Should().Be(0);
        defaults.GetProperty("take").GetInt32().Should().Be(20);
        (await PageAsync($"{ProviderAuditEventsPath(thirdId)}?take=1")).GetProperty("items").EnumerateArray()
            .Should().ContainSingle().Which.GetProperty("providerId").GetGuid().Should().Be(thirdId);
        firstId.Should().NotBe(thirdId);
    }

    [Theory]
    [InlineData(AuditEventsPath + "?action=provider.exploded", "action")]
    [InlineData(AuditEventsPath + "?action=PROVIDER.CONNECTED", "action")]
    [InlineData(AuditEventsPath + "?outcome=failed", "outcome")]
    [InlineData(AuditEventsPath + "?from=yesterday", "from")]
    [InlineData(AuditEventsPath + "?to=2026-13-01T00:00:00Z", "to")]
    [InlineData(AuditEventsPath + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from")]
    [InlineData(AuditEventsPath + "?providerId=nope", "providerId")]
    [InlineData(AuditEventsPath + "?skip=-1", "skip")]
    [InlineData(AuditEventsPath + "?take=0", "take")]
    [InlineData(AuditEventsPath + "?take=1001", "take")]
    [InlineData(AuditEventsPath + "?take=many", "take")]
    [InlineData(TwilioProvidersPath + "/not-a-uuid/audit-events", "id")]
    [InlineData(TwilioProvidersPath + "/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/audit-events?outcome=maybe", "outcome")]
    [InlineData(TwilioProvidersPath + "/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/audit-events?action=provider.exploded", "action")]
    [InlineData(TwilioProvidersPath + "/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/audit-events?take=0", "take")]
    public async Task Bad_parameters_answer_400_naming_them(string path, string parameter)
    {
        using var response = await ClientFor().GetAsync(path);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
    }

    [Fact]
    public async Task Another_organization_sees_none_of_the_records_and_its_provider_route_answers_404()
    {
        var providerA = NewProvider(OrgA);
        var idA = await providerA.ConnectAsync();
        using (var rejected = await RotateAsync(idA, new { authToken = NewToken() }))
        {
            rejected.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        var idB = await ConnectAsync(OrgB);

        var seenByB = (await PageAsync($"{AuditEventsPath}?take=1000", OrgB)).GetProperty("items").EnumerateArray().ToList();
        seenByB.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("organizationId").GetString() == OrgB && r.GetProperty("providerId").GetGuid() == idB);
        (await PageAsync($"{AuditEventsPath}?providerId={idA}", OrgB)).GetProperty("totalCount").GetInt32().Should().Be(0);
        (await PageAsync($"{AuditEventsPath}?outcome=rejected", OrgB)).GetProperty("totalCount").GetInt32().Should().Be(0);
        using (var providerRoute = await ClientFor(OrgB).GetAsync(ProviderAuditEventsPath(idA)))
        {
            await providerRoute.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        var seenByA = (await PageAsync($"{AuditEventsPath}?take=1000")).GetProperty("items").EnumerateArray().ToList();
        seenByA.Should().OnlyContain(r => r.GetProperty("organizationId").GetString() == OrgA)
            .And.NotContain(r => r.GetProperty("providerId").ValueKind == JsonValueKind.String && r.GetProperty("providerId").GetGuid() == idB);
        (await PageAsync(ProviderAuditEventsPath(idA))).GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        using (var bsFromA = await ClientFor(OrgA).GetAsync(ProviderAuditEventsPath(idB)))
        {
            await bsFromA.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
    }

    [Fact]
    public async Task A_provider_neither_existing_nor_named_by_a_record_answers_404()
    {
        using var response = await ClientFor().GetAsync(ProviderAuditEventsPath(Guid.CreateVersion7()));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_deleted_provider_still_answers_its_records_to_its_organization_only()
    {
        var id = await ConnectAsync();
        using (var deleted = await DeleteAsync(id))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var page = await PageAsync(ProviderAuditEventsPath(id));

        var actions = page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ToList();
        actions.Should().Contain([AuditActions.ProviderConnected, AuditActions.ProviderDeleted]);
        actions[0].Should().Be(AuditActions.ProviderDeleted, "newest first");
        (await PageAsync($"{ProviderAuditEventsPath(id)}?action={AuditActions.ProviderDeleted}")).GetProperty("totalCount").GetInt32().Should().Be(1);
        using var other = await ClientFor(OrgB).GetAsync(ProviderAuditEventsPath(id));
        await other.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_provider_of_the_organization_with_no_record_left_answers_an_empty_page()
    {
        var id = await ConnectAsync();
        await new AuditRows(Fixture.ConnectionString).ExecuteAsync($"DELETE FROM {AuditRows.Table}"); // as retention would

        var page = await PageAsync(ProviderAuditEventsPath(id));

        page.GetProperty("totalCount").GetInt32().Should().Be(0);
        using var other = await ClientFor(OrgB).GetAsync(ProviderAuditEventsPath(id));
        await other.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_endpoints_their_filters_and_an_example()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");

        var list = paths.GetProperty("/api/v1/audit-events").GetProperty("get");
        list.GetProperty("operationId").GetString().Should().Be("ListAuditEvents");
        list.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("Audit trail");
        list.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace();
        list.GetProperty("description").GetString().Should().Contain("Newest first");
        list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().BeEquivalentTo("providerId", "action", "outcome", "from", "to", "skip", "take", "If-None-Match");
        list.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "401", "403"]);

        var ofProvider = paths.GetProperty("/api/v1/providers/twilio/{id}/audit-events").GetProperty("get");
        ofProvider.GetProperty("operationId").GetString().Should().Be("ListProviderAuditEvents");
        ofProvider.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().BeEquivalentTo("id", "action", "outcome", "from", "to", "skip", "take", "If-None-Match");
        ofProvider.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "404"]);

        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("AuditEventResponse");
        var example = schema.GetProperty("examples").EnumerateArray().Should().ContainSingle().Subject;
        example.GetProperty("action").GetString().Should().Be(AuditActions.AuthTokenRotated);
        example.GetProperty("actor").GetProperty("type").GetString().Should().Be("user");
    }
}
