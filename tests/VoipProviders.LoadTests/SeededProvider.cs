using System.Globalization;
using System.Text;

namespace VoipProviders.LoadTests;

/// <summary>
/// A provider the driver seeded through the project's API: where it lives, the emulated account behind it, its inbound
/// routing key and imported numbers, and the version the driver last saw (its ETag), shared by all clients. <see cref="TryClaim"/> keeps two clients from
/// changing or verifying the same provider at once, so 409/412 are not the driver's own doing.
/// </summary>
internal sealed class SeededProvider(Guid id, int organization, string accountSid, string authToken, string inboundRoutingKey, long version)
{
    private long _version = version;
    private int _busy;

    public Guid Id { get; } = id;

    public int Organization { get; } = organization;

    public string AccountSid { get; } = accountSid;

    public string AuthToken { get; } = authToken;

    /// <summary>The key the project gave the provider (<c>inboundRoutingKey</c>): its origination URLs carry it.</summary>
    public string InboundRoutingKey { get; } = inboundRoutingKey;

    /// <summary>The numbers it imported (set once while seeding, before any client runs).</summary>
    public IReadOnlyList<SeededNumber> Numbers { get; set; } = [];

    public string GetPath { get; } = $"api/v1/providers/{id}";

    public string AuthTokenPath { get; } = $"api/v1/providers/twilio/{id}/auth-token";

    public string VerifyPath { get; } = $"api/v1/providers/twilio/{id}/verify";

    public string ImportNumbersPath { get; } = $"api/v1/providers/twilio/{id}/import-numbers";

    /// <summary>The rotation body: the account's current token again, so Twilio keeps accepting it and later verifications pass.</summary>
    public byte[] AuthTokenBody { get; } = Encoding.UTF8.GetBytes($$"""{"authToken":"{{authToken}}"}""");

    public long Version => Interlocked.Read(ref _version);

    public string IfMatch => $"\"{Id:N}-{Version.ToString(CultureInfo.InvariantCulture)}\"";

    public void Saw(long version) => Interlocked.Exchange(ref _version, version);

    /// <summary>Reads the version out of an ETag <c>"{id:N}-{version}-{digest}"</c>; false when it is not one of this provider's.</summary>
    public bool TrySee(string? etag)
    {
        var prefix = $"\"{Id:N}-";
        if (etag is null || !etag.StartsWith(prefix, StringComparison.Ordinal) || !etag.EndsWith('"'))
        {
            return false;
        }

        var rest = etag.AsSpan(prefix.Length, etag.Length - prefix.Length - 1);
        var dash = rest.IndexOf('-');
        if (!long.TryParse(dash < 0 ? rest : rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        Saw(version);
        return true;
    }

    public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Release() => Volatile.Write(ref _busy, 0);
}
