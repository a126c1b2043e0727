using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The project's response shapes written by hand with <see cref="Utf8JsonWriter"/>: camelCase, nulls written,
/// timestamps in UTC with 'Z' and up to seven fraction digits (trailing zeros dropped), detail keys in ordinal order.
/// </summary>
internal static class ReferenceJson
{
    /// <summary>The project's tag of a versioned resource: id, version and the first 9 bytes of the body's SHA-256, base64url.</summary>
    public static Func<ReadOnlyMemory<byte>, string> ETag(Guid id, long version) =>
        body => $"\"{id:N}-{version.ToString(CultureInfo.InvariantCulture)}-{Digest(body.Span)}\"";

    /// <summary>The project's tag of anything else a GET answers (a page): weak, the body's digest.</summary>
    public static string ContentETag(ReadOnlyMemory<byte> body) => $"W/\"{Digest(body.Span)}\"";

    private static string Digest(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Base64Url.EncodeToString(hash[..9]);
    }

    public static void WriteProvider(Utf8JsonWriter writer, ProviderRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("id", row.Id);
        writer.WriteString("name", row.Name);
        writer.WriteString("providerType", "twilio");
        writer.WriteString("accountSid", row.AccountSid);
        writer.WriteString("trunkSid", row.TrunkSid);
        writer.WriteString("terminationUri", row.TerminationUri);
        writer.WriteString("region", row.Region);
        writer.WriteBoolean("supportsCallTransfer", row.SupportsCallTransfer);
        writer.WriteBoolean("secureTrunking", row.SecureTrunking);
        writer.WriteString("inboundRoutingKey", row.InboundRoutingKey);
        WriteOriginationUris(writer, row.OriginationUrlsJson);
        writer.WriteNumber("sipCredentialVersion", row.SipCredentialVersion);
        WriteTimestamp(writer, "sipCredentialUpdatedAt", row.SipCredentialUpdatedAt);
        writer.WriteStartObject("authTokenRotationPolicy");
        writer.WriteBoolean("enabled", row.AuthTokenRotationEnabled);
        writer.WriteNumber("intervalDays", row.AuthTokenRotationIntervalDays);
        writer.WriteNumber("propagationDelaySeconds", row.AuthTokenRotationPropagationDelaySeconds);
        WriteTimestamp(writer, "nextRotationAt", row.NextAuthTokenRotationAt);
        writer.WriteEndObject();
        if (row.ActiveAuthTokenRotationId is { } rotationId)
        {
            writer.WriteString("activeAuthTokenRotationId", rotationId);
        }
        else
        {
            writer.WriteNull("activeAuthTokenRotationId");
        }

        // Issue 21: the providers the benchmark seeds are connected with the organization's default (off) and never
        // changed, so their auto-repair columns always hold these.
        writer.WriteString("autoRepair", "off");
        writer.WriteNull("autoRepairPausedUntil");
        writer.WriteString("verificationStatus", row.VerificationStatus);
        WriteTimestamp(writer, "lastVerifiedAt", row.LastVerifiedAt);
        writer.WriteNumber("phoneNumberCount", row.PhoneNumberCount);
        writer.WritePropertyName("verificationDetails");
        if (row.VerificationDetailsJson is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteStoredChecks(writer, row.VerificationDetailsJson);
        }

        WriteTimestamp(writer, "createdAt", row.CreatedAt);
        WriteTimestamp(writer, "updatedAt", row.UpdatedAt);
        writer.WriteEndObject();
    }

    /// <summary>The inbound resolution's answer (issue #18).</summary>
    public static void WriteInboundCall(Utf8JsonWriter writer, InboundCallRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("organizationId", row.OrganizationId);
        writer.WriteString("providerId", row.ProviderId);
        writer.WriteString("phoneNumberId", row.PhoneNumberId);
        writer.WriteString("phoneNumber", row.PhoneNumber);
        writer.WriteEndObject();
    }

    /// <summary>SID and friendly name of each URL in the stored <c>origination_urls</c> array (the ones the project created on the trunk).</summary>
    public static List<(string Sid, string FriendlyName)> StoredOriginationUrls(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(url => (url.GetProperty("sid").GetString()!, url.GetProperty("friendlyName").GetString()!))];
    }

    public static void WritePage(Utf8JsonWriter writer, IReadOnlyList<ProviderRow> items, int totalCount, int skip, int take)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        foreach (var row in items)
        {
            WriteProvider(writer, row);
        }

        writer.WriteEndArray();
        writer.WriteNumber("totalCount", totalCount);
        writer.WriteNumber("skip", skip);
        writer.WriteNumber("take", take);
        writer.WriteEndObject();
    }

    public static void WriteVerification(Utf8JsonWriter writer, string status, IReadOnlyList<ReferenceCheck> checks, DateTimeOffset lastVerifiedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("status", status);
        writer.WriteStartArray("checks");
        foreach (var check in checks)
        {
            writer.WriteStartObject();
            writer.WriteString("checkName", check.Name);
            writer.WriteString("status", check.Status);
            writer.WriteString("message", check.Message);
            WriteTimestamp(writer, "timestamp", check.Timestamp);
            writer.WriteStartObject("details");
            foreach (var (key, value) in check.Details)
            {
                writer.WritePropertyName(key);
                WriteFact(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteTimestamp(writer, "lastVerifiedAt", lastVerifiedAt);
        writer.WriteEndObject();
    }

    /// <summary>The checks as the project stores them in the jsonb column (its domain record, web defaults).</summary>
    public static string StoredChecks(IReadOnlyList<ReferenceCheck> checks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var check in checks)
            {
                writer.WriteStartObject();
                writer.WriteString("checkName", check.Name);
                writer.WriteString("status", check.Status);
                writer.WriteString("message", check.Message);
                writer.WriteString("timestamp", check.Timestamp);
                writer.WriteStartObject("details");
                foreach (var (key, value) in check.Details)
                {
                    writer.WritePropertyName(key);
                    WriteFact(writer, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Re-renders the stored checks: timestamps as the API writes them, detail keys in ordinal order.</summary>
    private static void WriteStoredChecks(Utf8JsonWriter writer, string json)
    {
        using var document = JsonDocument.Parse(json);
        writer.WriteStartArray();
        foreach (var check in document.RootElement.EnumerateArray())
        {
            writer.WriteStartObject();
            writer.WriteString("checkName", check.GetProperty("checkName").GetString());
            writer.WriteString("status", check.GetProperty("status").GetString());
            writer.WriteString("message", check.GetProperty("message").GetString());
            WriteTimestamp(writer, "timestamp", check.GetProperty("timestamp").GetDateTimeOffset());
            writer.WriteStartObject("details");
            foreach (var fact in check.GetProperty("details").EnumerateObject().OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                fact.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// <c>originationUris</c> from the stored jsonb array of <c>{sid, friendlyName, sipUrl, priority, weight, enabled}</c>
    /// (in any key order): the project's DTO leaves the friendly name out.
    /// </summary>
    private static void WriteOriginationUris(Utf8JsonWriter writer, string json)
    {
        using var document = JsonDocument.Parse(json);
        writer.WriteStartArray("originationUris");
        foreach (var url in document.RootElement.EnumerateArray())
        {
            writer.WriteStartObject();
            writer.WriteString("sid", url.GetProperty("sid").GetString());
            writer.WriteString("sipUrl", url.GetProperty("sipUrl").GetString());
            writer.WriteNumber("priority", url.GetProperty("priority").GetInt32());
            writer.WriteNumber("weight", url.GetProperty("weight").GetInt32());
            writer.WriteBoolean("enabled", url.GetProperty("enabled").GetBoolean());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFact(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            case IEnumerable<IReadOnlyList<KeyValuePair<string, object>>> objects:
                // Nested facts (the Origination check's differing and competing URLs): keys in the order they were added.
                writer.WriteStartArray();
                foreach (var obj in objects)
                {
                    writer.WriteStartObject();
                    foreach (var (key, item) in obj)
                    {
                        writer.WritePropertyName(key);
                        WriteFact(writer, item);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unexpected fact type {value.GetType()}.", nameof(value));
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } timestamp)
        {
            writer.WriteString(name, timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
