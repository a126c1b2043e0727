using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// What each list request must answer — exactly these items in this order with this totalCount, or 404 — sent a few at
/// a time once all are known; every mismatch is reported, not only the first.
/// </summary>
internal sealed class PageExpectations(Func<string, HttpClient> clientFor)
{
    private readonly List<Expectation> _expectations = [];

    public int Count => _expectations.Count;

    /// <summary><paramref name="caller"/>'s GET of <paramref name="path"/> answers 200 with exactly <paramref name="items"/> (by id) and <paramref name="totalCount"/>.</summary>
    public void Page(string caller, string path, IEnumerable<Guid> items, int totalCount) =>
        _expectations.Add(new Expectation(caller, path, [.. items], totalCount));

    /// <summary><paramref name="caller"/>'s GET of <paramref name="path"/> answers 404.</summary>
    public void NotFound(string caller, string path) => _expectations.Add(new Expectation(caller, path, null, 0));

    /// <summary>Sends every request and returns what did not answer as expected.</summary>
    public async Task<IReadOnlyList<string>> MismatchesAsync()
    {
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(_expectations, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (expected, token) =>
        {
            using var client = clientFor(expected.Caller);
            using var response = await client.GetAsync(expected.Path, token);
            var body = await response.Content.ReadAsStringAsync(token);
            if (expected.Items is null)
            {
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    mismatches.Add($"{expected.Caller} {expected.Path}: {(int)response.StatusCode} {body}, expected 404");
                }

                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                mismatches.Add($"{expected.Caller} {expected.Path}: {(int)response.StatusCode} {body}");
                return;
            }

            var page = JsonDocument.Parse(body).RootElement;
            var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
            var total = page.GetProperty("totalCount").GetInt32();
            if (!ids.SequenceEqual(expected.Items) || total != expected.TotalCount)
            {
                mismatches.Add(
                    $"{expected.Caller} {expected.Path}: items [{string.Join(", ", ids)}] totalCount {total}, " +
                    $"expected [{string.Join(", ", expected.Items)}] totalCount {expected.TotalCount}");
            }
        });
        return [.. mismatches.Order(StringComparer.Ordinal)];
    }

    private sealed record Expectation(string Caller, string Path, IReadOnlyList<Guid>? Items, int TotalCount);
}
