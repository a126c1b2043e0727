using System.Globalization;
using System.Text.Json.Nodes;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// List envelopes. api v2010: top-level <c>uri</c>/<c>next_page_uri</c> etc. with RELATIVE uris; trunking v1: a <c>meta</c>
/// object with ABSOLUTE https://trunking.twilio.com urls. Both page by PageSize (default 50, 1..1000) and Page (default 0);
/// next links carry a PageToken like Twilio's.
/// </summary>
internal static class Paging
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;

    public static TwilioResult V2010<T>(
        TwilioCall call, string key, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<T, string> sid, params (string Name, string? Value)[] filters)
    {
        var window = Slice(call, items, sid);
        string Uri(int page, string? token) => $"{call.Path}?{Query(filters, window.Size, page, token)}";
        return TwilioResult.Ok(new JsonObject
        {
            [key] = new JsonArray([.. window.Items.Select(render)]),
            ["start"] = window.Start,
            ["end"] = window.Items.Count == 0 ? window.Start : window.Start + window.Items.Count - 1,
            ["page"] = window.Page,
            ["page_size"] = window.Size,
            ["uri"] = Uri(window.Page, call.Query.GetValueOrDefault("PageToken")),
            ["first_page_uri"] = Uri(0, null),
            ["next_page_uri"] = window.NextToken is { } next ? Uri(window.Page + 1, next) : null,
            ["previous_page_uri"] = window.PreviousToken is { } previous ? Uri(window.Page - 1, previous) : null,
        });
    }

    public static TwilioResult V1<T>(TwilioCall call, string key, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<T, string> sid)
    {
        var window = Slice(call, items, sid);
        string Url(int page, string? token) => $"{TwilioJson.TrunkingHost}{call.Path}?{Query([], window.Size, page, token)}";
        return TwilioResult.Ok(new JsonObject
        {
            [key] = new JsonArray([.. window.Items.Select(render)]),
            ["meta"] = new JsonObject
            {
                ["page"] = window.Page,
                ["page_size"] = window.Size,
                ["first_page_url"] = Url(0, null),
                ["previous_page_url"] = window.PreviousToken is { } previous ? Url(window.Page - 1, previous) : null,
                ["url"] = Url(window.Page, call.Query.GetValueOrDefault("PageToken")),
                ["next_page_url"] = window.NextToken is { } next ? Url(window.Page + 1, next) : null,
                ["key"] = key,
            },
        });
    }

    private static string Query((string Name, string? Value)[] filters, int size, int page, string? token)
    {
        var parts = filters.Where(f => f.Value is not null).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!)}").ToList();
        parts.Add(FormattableString.Invariant($"PageSize={size}"));
        parts.Add(FormattableString.Invariant($"Page={page}"));
        if (token is not null)
        {
            parts.Add($"PageToken={Uri.EscapeDataString(token)}");
        }

        return string.Join('&', parts);
    }

    private static int ReadInt(TwilioCall call, string name, int fallback, int min, int max) =>
        call.Query.TryGetValue(name, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;

    private static Window<T> Slice<T>(TwilioCall call, IReadOnlyList<T> all, Func<T, string> sid)
    {
        var size = ReadInt(call, "PageSize", DefaultPageSize, 1, MaxPageSize);
        var page = ReadInt(call, "Page", 0, 0, int.MaxValue / MaxPageSize);
        var start = page * size;
        var items = all.Skip(start).Take(size).ToList();
        var next = items.Count > 0 && start + items.Count < all.Count ? "PA" + sid(items[^1]) : null;
        var previous = page > 0 ? "PB" + (items.Count > 0 ? sid(items[0]) : "") : null;
        return new Window<T>(page, size, start, items, next, previous);
    }

    private sealed record Window<T>(int Page, int Size, int Start, List<T> Items, string? NextToken, string? PreviousToken);
}
