using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// The OpenAPI document is committed (<c>docs/openapi/v1.json</c>), so a change to the API shows in review and the
/// frontend's client is generated from a file. The served document must equal it, but for <c>servers</c>: the host it
/// was fetched from, which the committed file names as the local development host (<c>build/run.sh</c>). After a deliberate change, run this test with <c>VOIPPROVIDERS_UPDATE_OPENAPI=1</c> to write
/// the new document, and commit it.
/// </summary>
public sealed class OpenApiDocumentTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string LocalDevelopmentHost = "http://127.0.0.1:5080";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_served_document_is_the_committed_one()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        served["servers"] = new JsonArray(new JsonObject { ["url"] = LocalDevelopmentHost });
        var text = served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = CommittedDocumentPath();

        if (Environment.GetEnvironmentVariable("VOIPPROVIDERS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        File.Exists(path).Should().BeTrue($"{path} is committed; write it with VOIPPROVIDERS_UPDATE_OPENAPI=1");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        committed.Should().Be(text, "the API changed: review the change, then write docs/openapi/v1.json with VOIPPROVIDERS_UPDATE_OPENAPI=1 and commit it");
    }

    private static string CommittedDocumentPath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "openapi", "v1.json"));
}
