using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.LoadTests;

/// <summary>
/// The providers the run works on, seeded through the project's real POST API (so the rows, the Twilio resources and
/// the encrypted tokens are exactly the project's), spread over organizations of this run only, then read back; each
/// imports <see cref="NumbersPerProvider"/> numbers of its emulated account through the project's import API (rows of
/// <c>imported_phone_numbers</c>, attached to its trunk), which the inbound resolution looks up.
/// </summary>
internal sealed class Fleet
{
    /// <summary>Numbers each provider imports: the resolution's second index (provider, number) has more than one to tell apart.</summary>
    public const int NumbersPerProvider = 2;

    private const int SeedConcurrency = 16;

    private Fleet(IReadOnlyList<string> organizations, IReadOnlyList<string> bearers, string serviceBearer, IReadOnlyList<SeededProvider> providers)
    {
        Organizations = organizations;
        Bearers = bearers;
        ServiceBearer = serviceBearer;
        Providers = providers;
    }

    public IReadOnlyList<string> Organizations { get; }

    /// <summary>The Authorization header value of each organization (same index).</summary>
    public IReadOnlyList<string> Bearers { get; }

    /// <summary>The Authorization header value of the internal API (a service token: internal audience, SIP scope).</summary>
    public string ServiceBearer { get; }

    public IReadOnlyList<SeededProvider> Providers { get; }

    public string BearerOf(SeededProvider provider) => Bearers[provider.Organization];

    /// <summary>
    /// Connects <paramref name="count"/> emulated accounts through the project (the emulator answering at once), checks
    /// that every organization's list shows them, imports numbers for each, then verifies each once so rows carry
    /// verification details as real ones do.
    /// </summary>
    public static async Task<Fleet> SeedAsync(
        HttpClient project, TwilioEmulatorHost emulator, LoadAuth auth, int count, int organizationCount, CancellationToken cancellationToken)
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var organizations = Enumerable.Range(0, organizationCount).Select(k => $"load-{run}-{k:000}").ToArray();
        var bearers = organizations.Select(auth.BearerFor).ToArray();
        var providers = new SeededProvider[count];
        var accounts = Enumerable.Range(0, count).Select(i => emulator.State.AddAccount($"Load account {i}")).ToArray();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var account = accounts[i];
                var organization = i % organizations.Length;
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/providers/twilio")
                {
                    Content = new StringContent(
                        $$"""{"accountSid":"{{account.Sid}}","authToken":"{{account.AuthToken}}","name":"Load provider {{i}}"}""",
                        Encoding.UTF8,
                        "application/json"),
                };
                request.Headers.TryAddWithoutValidation("Authorization", bearers[organization]);
                using var response = await project.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Seeding provider {i} failed: {(int)response.StatusCode} {body}");
                }

                var created = JsonDocument.Parse(body).RootElement;
                var id = created.GetProperty("id").GetGuid();
                var routingKey = created.GetProperty("inboundRoutingKey").GetString()
                    ?? throw new InvalidOperationException($"Seeding provider {i}: no inboundRoutingKey in {body}");
                var provider = new SeededProvider(id, organization, account.Sid, account.AuthToken, routingKey, 0);
                if (!provider.TrySee(response.Headers.ETag?.ToString()))
                {
                    throw new InvalidOperationException($"Seeding provider {i}: no usable ETag ({response.Headers.ETag}).");
                }

                providers[i] = provider;
            });
        Console.WriteLine($"seeded {count} providers in {organizationCount} organizations through POST /api/v1/providers/twilio in {clock.Elapsed.TotalSeconds:0.0} s");

        // Read back: every organization lists exactly its providers, newest first.
        foreach (var (organization, index) in organizations.Select((o, k) => (o, k)))
        {
            var listed = await GetJsonAsync(project, "api/v1/providers?take=1000", bearers[index], cancellationToken);
            var ids = listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToHashSet();
            var expected = providers.Where(p => p.Organization == index).Select(p => p.Id).ToHashSet();
            if (!ids.SetEquals(expected) || listed.GetProperty("totalCount").GetInt32() != expected.Count)
            {
                throw new InvalidOperationException($"Organization {organization} lists {ids.Count} providers, {expected.Count} were seeded.");
            }
        }

        clock.Restart();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (i, token) => await ImportNumbersAsync(project, emulator, providers[i], i, bearers[providers[i].Organization], token));
        Console.WriteLine($"imported {NumbersPerProvider} numbers per provider through POST /api/v1/providers/twilio/{{id}}/import-numbers in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await Parallel.ForEachAsync(
            providers,
            new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (provider, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, provider.VerifyPath);
                request.Headers.TryAddWithoutValidation("Authorization", bearers[provider.Organization]);
                using var response = await project.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                if (response.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() != "verified")
                {
                    throw new InvalidOperationException($"Verifying seeded provider {provider.Id} failed: {(int)response.StatusCode} {body}");
                }
            });
        Console.WriteLine($"read them back (one list per organization) and verified each once in {clock.Elapsed.TotalSeconds:0.0} s");
        return new Fleet(organizations, bearers, auth.ServiceBearer(), providers);
    }

    /// <summary>
    /// Numbers <c>+1 2xxxxxxxxx</c> (E.164; the <paramref name="index"/>-th provider's own, so unique per provider and in
    /// the emulator) added to the provider's emulated account, then imported onto its trunk through the project's API.
    /// </summary>
    private static async Task ImportNumbersAsync(
        HttpClient project, TwilioEmulatorHost emulator, SeededProvider provider, int index, string bearer, CancellationToken cancellationToken)
    {
        var sids = Enumerable.Range(0, NumbersPerProvider)
            .Select(k => emulator.State.AddIncomingPhoneNumber(
                provider.AccountSid, string.Create(CultureInfo.InvariantCulture, $"+1{2_000_000_000L + (index * 100L) + k}")).Sid)
            .ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, provider.ImportNumbersPath)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { phoneNumberSids = sids }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        using var response = await project.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var imported = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("imported") : default;
        if (imported.ValueKind != JsonValueKind.Array || imported.GetArrayLength() != NumbersPerProvider)
        {
            throw new InvalidOperationException($"Importing numbers for provider {provider.Id} failed: {(int)response.StatusCode} {body}");
        }

        provider.Numbers =
        [
            .. imported.EnumerateArray().Select(number =>
            {
                var phoneNumber = number.GetProperty("phoneNumber").GetString()!;
                return new SeededNumber(number.GetProperty("id").GetGuid(), phoneNumber, SeededNumber.ResolvePathOf(phoneNumber, provider.InboundRoutingKey));
            }),
        ];
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, string bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(bearer);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }
}
