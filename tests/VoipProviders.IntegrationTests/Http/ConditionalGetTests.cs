using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Http;

/// <summary>
/// A GET whose If-None-Match names what the caller already has is answered 304 without a body (weak comparison, RFC
/// 9110 §13.1.2); anything else the caller does not have is answered in full with its new tag (ADR-019).
/// </summary>
public sealed class ConditionalGetTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_provider_the_caller_has_is_answered_304_with_its_tag_and_no_body_whichever_way_the_tag_is_sent()
    {
        var id = await NewProvider().ConnectAsync();
        using var first = await GetTwilioProviderAsync(id);
        var etag = first.Headers.ETag!.ToString();

        etag.Should().MatchRegex($"^\"{id:N}-1-[A-Za-z0-9_-]{{12}}\"$", "strong: the id, the version, the body's digest");
        foreach (var ifNoneMatch in new[] { etag, "W/" + etag, $"\"other\", {etag}", "*" })
        {
            using var again = await GetAsync($"{TwilioProvidersPath}/{id}", ifNoneMatch);
            again.StatusCode.Should().Be(HttpStatusCode.NotModified, ifNoneMatch);
            again.Headers.ETag!.ToString().Should().Be(etag, ifNoneMatch);
            (await again.Content.ReadAsByteArrayAsync()).Should().BeEmpty(ifNoneMatch);
        }

        using var other = await GetAsync($"{TwilioProvidersPath}/{id}", $"\"{id:N}-0-AAAAAAAAAAAA\"");
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        other.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
    }

    [Fact]
    public async Task A_verification_changes_the_tag_without_moving_the_version_so_a_cached_copy_is_refreshed_and_If_Match_still_holds()
    {
        var id = await NewProvider().ConnectAsync();
        var before = await ETagOfAsync(id);
        await ClientFor(OrgA).VerifyOkAsync(id);

        using var after = await GetAsync($"{TwilioProvidersPath}/{id}", before);

        after.StatusCode.Should().Be(HttpStatusCode.OK, "the verification changed what the provider shows");
        var etag = after.Headers.ETag!.ToString();
        etag.Should().NotBe(before);
        etag.Should().StartWith($"\"{id:N}-1-", "the version did not move");
        (await ReadJsonAsync(after)).GetProperty("lastVerifiedAt").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);

        using var renamed = await ClientFor(OrgA).UpdateTwilioProviderAsync(id, new { name = "Renamed" }, ifMatch: before);
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, "If-Match checks the version, which the verification did not move");
        renamed.Headers.ETag!.ToString().Should().StartWith($"\"{id:N}-2-");
        using var current = await GetAsync($"{TwilioProvidersPath}/{id}", renamed.Headers.ETag!.ToString());
        current.StatusCode.Should().Be(HttpStatusCode.NotModified, "the change's answer carries the tag a GET then has");
    }

    [Fact]
    public async Task A_tag_without_the_digest_as_the_API_sent_them_before_is_still_honoured_by_If_Match()
    {
        var id = await NewProvider().ConnectAsync();

        using var stale = await ClientFor(OrgA).UpdateTwilioProviderAsync(id, new { name = "Stale" }, ifMatch: $"\"{id:N}-7\"");
        using var current = await ClientFor(OrgA).UpdateTwilioProviderAsync(id, new { name = "Current" }, ifMatch: $"\"{id:N}-1\"");

        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        current.StatusCode.Should().Be(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());
        (await Database.ColumnAsync(id, "name")).Should().Be("Current");
    }

    [Fact]
    public async Task Lists_and_phone_numbers_carry_a_weak_tag_of_their_content_and_answer_304_until_it_changes()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var numberId = (await ImportAllAsync(id, Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550101").Sid)).Single();
        string[] paths = [ProvidersPath, $"{ProvidersPath}?take=5", "/api/v1/phone-numbers", $"/api/v1/phone-numbers/{numberId}", $"{TwilioProvidersPath}/{id}/phone-numbers"];
        var tags = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            using var first = await GetAsync(path, ifNoneMatch: null);
            first.StatusCode.Should().Be(HttpStatusCode.OK, path);
            tags[path] = first.Headers.ETag!.ToString();
            tags[path].Should().MatchRegex("^W/\"[A-Za-z0-9_-]{12}\"$", path);
            using var again = await GetAsync(path, tags[path]);
            again.StatusCode.Should().Be(HttpStatusCode.NotModified, path);
            (await again.Content.ReadAsByteArrayAsync()).Should().BeEmpty(path);
        }

        using (var renamed = await ClientFor(OrgA).UpdateTwilioProviderAsync(id, new { name = "Renamed" }))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var list = await GetAsync(ProvidersPath, tags[ProvidersPath]);
        list.StatusCode.Should().Be(HttpStatusCode.OK, "the list shows the new name");
        list.Headers.ETag!.ToString().Should().NotBe(tags[ProvidersPath]);
        using var number = await GetAsync($"/api/v1/phone-numbers/{numberId}", tags[$"/api/v1/phone-numbers/{numberId}"]);
        number.StatusCode.Should().Be(HttpStatusCode.NotModified, "the number shows nothing of the provider's name");
        using var otherOrganization = await GetAsync($"/api/v1/phone-numbers/{numberId}", "*", OrgB);
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound, "If-None-Match: * never reveals another organization's resource");
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch, string organizationId = OrgA)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await ClientFor(organizationId).SendAsync(request);
    }
}
