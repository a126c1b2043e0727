using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Auditing;

/// <summary>Helpers of the audit trail's tests: its endpoints, read as a tenant reads them.</summary>
public abstract class AuditTest(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    public const string AuditEventsPath = "/api/v1/audit-events";

    /// <summary>The subject of the tokens <see cref="IntegrationTest.ClientFor"/> sends (DevTokenIssuer's default).</summary>
    protected const string TokenSubject = "dev-user";

    protected static string ProviderAuditEventsPath(Guid providerId) => $"{TwilioProvidersPath}/{providerId}/audit-events";

    /// <summary>GET of a list (it must answer 200): the page as JSON.</summary>
    protected async Task<JsonElement> PageAsync(string pathAndQuery, string organizationId = OrgA)
    {
        using var response = await ClientFor(organizationId).GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The organization's records of one action (of one provider when given), newest first.</summary>
    protected async Task<IReadOnlyList<JsonElement>> RecordsAsync(string action, Guid? providerId = null, string organizationId = OrgA)
    {
        var query = $"?action={action}&take=1000{(providerId is { } id ? $"&providerId={id}" : "")}";
        var page = await PageAsync(AuditEventsPath + query, organizationId);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The one record of the action (of the provider when given): there must be exactly one.</summary>
    protected async Task<JsonElement> SingleRecordAsync(string action, Guid? providerId = null, string organizationId = OrgA)
    {
        var records = await RecordsAsync(action, providerId, organizationId);
        records.Should().ContainSingle($"one {action} record{(providerId is null ? "" : $" of {providerId}")}");
        return records[0];
    }

    /// <summary>A record of a request made with <see cref="IntegrationTest.ClientFor"/>: by its user, with a trace id.</summary>
    protected static void ShouldBeByTheUser(JsonElement record, string organizationId = OrgA)
    {
        record.GetProperty("organizationId").GetString().Should().Be(organizationId);
        var actor = record.GetProperty("actor");
        actor.GetProperty("type").GetString().Should().Be("user");
        actor.GetProperty("id").GetString().Should().Be(TokenSubject);
        record.GetProperty("traceId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    protected static string Detail(JsonElement record, string name) => record.GetProperty("details").GetProperty(name).GetString()!;

    /// <summary>A token's fingerprint: 12 lowercase hex characters.</summary>
    protected static void ShouldBeAFingerprint(string? value) => value.Should().MatchRegex("^[0-9a-f]{12}$");
}
