using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Providers;

public sealed class GetProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_generic_get_answers_the_polymorphic_provider_with_every_twilio_field_and_its_ETag()
    {
        var id = await NewProvider().Named("Main").InRegion("jp1").WithCallTransfer().ConnectAsync();

        using var generic = await GetProviderAsync(id);
        using var twilio = await GetTwilioProviderAsync(id);
        var body = await generic.Content.ReadAsStringAsync();

        generic.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = JsonDocument.Parse(body).RootElement;
        provider.GetProperty("providerType").GetString().Should().Be("twilio", "providerType is the discriminator");
        body.Should().Be(await twilio.Content.ReadAsStringAsync(), "for a Twilio provider the generic body carries every field of the Twilio DTO");
        provider.GetProperty("name").GetString().Should().Be("Main");
        provider.GetProperty("supportsCallTransfer").GetBoolean().Should().BeTrue();
        provider.GetProperty("terminationUri").GetString().Should().EndWith(".pstn.tokyo.twilio.com");
        generic.Headers.ETag.Should().NotBeNull();
        generic.Headers.ETag!.IsWeak.Should().BeFalse("If-Match compares strongly");
        generic.Headers.ETag.ToString().Should().Be(twilio.Headers.ETag!.ToString());
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_organizations_provider_answers_404_problem()
    {
        var id = await ConnectAsync(OrgA);

        using var response = await GetProviderAsync(id, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("not_found");
        problem.GetProperty("detail").GetString().Should().Contain(id.ToString());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task A_malformed_id_answers_400_naming_id(string id)
    {
        using var response = await ClientFor().GetAsync($"{ProvidersPath}/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_ETag_changes_with_every_change_and_only_then()
    {
        var id = await ConnectAsync();
        var before = await ETagOfAsync(id);

        (await ETagOfAsync(id)).Should().Be(before, "reading changes nothing");
        using (var rename = await UpdateAsync(id, new { name = "Renamed" }))
        {
            rename.StatusCode.Should().Be(HttpStatusCode.OK);
            rename.Headers.ETag!.ToString().Should().NotBe(before);
            (await ETagOfAsync(id)).Should().Be(rename.Headers.ETag.ToString(), "the PUT answered the version it stored");
        }

        var afterRename = await ETagOfAsync(id);
        using var noOp = await UpdateAsync(id, new { name = "Renamed" });
        noOp.Headers.ETag!.ToString().Should().Be(afterRename, "a value equal to the current one changes nothing");
    }
}
