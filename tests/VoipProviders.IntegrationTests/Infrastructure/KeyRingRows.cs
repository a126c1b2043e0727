using System.Xml.Linq;
using Npgsql;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// The Data Protection key ring as stored (<c>voip_providers.data_protection_keys</c>), read straight from the database:
/// what anybody holding a copy of it would see.
/// </summary>
internal static class KeyRingRows
{
    public static async Task<IReadOnlyList<StoredKey>> ReadKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM voip_providers.data_protection_keys ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<StoredKey>();
        while (await reader.ReadAsync())
        {
            var element = XElement.Parse(reader.GetString(0));
            if (element.Name.LocalName == "key")
            {
                keys.Add(new StoredKey(Guid.Parse((string)element.Attribute("id")!), element));
            }
        }

        return keys;
    }

    /// <summary>A stored key element.</summary>
    public sealed record StoredKey(Guid Id, XElement Element)
    {
        /// <summary>Key material readable as it is: a <c>masterKey</c> outside any <c>encryptedSecret</c>.</summary>
        public bool InClear => Element.Descendants().Any(e => e.Name.LocalName == "masterKey" && !e.Ancestors().Any(a => a.Name.LocalName == "encryptedSecret"));

        /// <summary>The key material encrypted (with the key-encryption certificate).</summary>
        public bool Encrypted => Element.Descendants().Any(e => e.Name.LocalName == "encryptedSecret");
    }
}
