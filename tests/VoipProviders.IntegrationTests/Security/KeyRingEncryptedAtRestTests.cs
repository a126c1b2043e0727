using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// ADR-003: with a key-encryption certificate configured, the key ring in the database holds no key in clear — whoever
/// reads the database cannot decrypt the tokens with what is in it. A database of its own: the shared one's ring was
/// written without a certificate.
/// </summary>
public sealed class KeyRingEncryptedAtRestTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task With_a_certificate_configured_no_key_of_the_ring_is_stored_in_clear()
    {
        await using var database = await ScratchDatabase.CreateAsync(Fixture.ConnectionString, "atrest");
        using var certificate = TestCertificate.Create();
        await using (var host = TestHost.Start(
            database.ConnectionString,
            Fixture.EmulatorBaseAddress,
            new Dictionary<string, string>(certificate.Settings) { ["BackgroundJobs:Enabled"] = "false" }))
        {
            // A provider: the ring is used, its token and SIP password protected under it.
            using var client = host.ClientFor(OrgA);
            using var created = await client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var keys = await KeyRingRows.ReadKeysAsync(database.ConnectionString);

        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(key => key.Encrypted && !key.InClear, "every key is stored encrypted with the certificate, its master key only inside encryptedSecret");
    }
}
