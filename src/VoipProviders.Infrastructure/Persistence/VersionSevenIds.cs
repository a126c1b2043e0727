namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Version 7 UUIDs begin with their creation time in milliseconds, big-endian, so PostgreSQL orders them by time: the
/// smallest id of an instant bounds the rows made before it.
/// </summary>
internal static class VersionSevenIds
{
    /// <summary>The smallest version 7 id of <paramref name="instant"/>: every id made earlier is lower.</summary>
    public static Guid Floor(DateTimeOffset instant)
    {
        var milliseconds = instant.ToUnixTimeMilliseconds();
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(milliseconds & 0xff);
            milliseconds >>= 8;
        }

        bytes[6] = 0x70; // version 7, rand_a zero
        bytes[8] = 0x80; // RFC 4122 variant, rand_b zero
        return new Guid(bytes, bigEndian: true);
    }
}
