using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// The Data Protection key ring in <c>voip_providers.data_protection_keys</c>, shared by every replica. What
/// <c>PersistKeysToDbContext</c> does, plus deletion (<see cref="IDeletableXmlRepository"/>), which lets
/// <c>reprotect-secrets</c> remove old keys that were stored unencrypted once nothing needs them — and it never logs an
/// element (the stock repository logs each one at Debug, an unencrypted key included).
/// </summary>
internal sealed class KeyRingRepository(IServiceScopeFactory scopes) : IDeletableXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
        return [.. dbContext.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).AsEnumerable()
            .Where(k => !string.IsNullOrEmpty(k.Xml))
            .Select(k => XElement.Parse(k.Xml!))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
        dbContext.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        dbContext.SaveChanges();
    }

    public bool DeleteElements(Action<IReadOnlyCollection<IDeletableElement>> chooseElements)
    {
        ArgumentNullException.ThrowIfNull(chooseElements);
        using var scope = scopes.CreateScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
        var rows = dbContext.DataProtectionKeys.OrderBy(k => k.Id).ToList();
        var elements = rows.Where(row => !string.IsNullOrEmpty(row.Xml)).Select(row => new StoredElement(row)).ToList();
        chooseElements(elements);

        var doomed = elements.Where(e => e.DeletionOrder is not null).OrderBy(e => e.DeletionOrder).ToList();
        if (doomed.Count == 0)
        {
            return true;
        }

        // One transaction: the ring never shows a revocation without its key or the other way round.
        dbContext.DataProtectionKeys.RemoveRange(doomed.Select(e => e.Row));
        dbContext.SaveChanges();
        return true;
    }

    /// <summary>
    /// Whether a key's material is stored in clear: a <c>masterKey</c> that is not inside an <c>encryptedSecret</c>
    /// (what a key written without a key-encryption certificate looks like).
    /// </summary>
    public static bool IsStoredInClear(XElement keyElement)
    {
        ArgumentNullException.ThrowIfNull(keyElement);
        return keyElement.Descendants().Any(e => e.Name.LocalName == "masterKey" && !e.Ancestors().Any(a => a.Name.LocalName == "encryptedSecret"));
    }

    /// <summary>The id of a <c>key</c> element, or null for the ring's other elements (revocations).</summary>
    public static Guid? KeyIdOf(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Name.LocalName == "key" && Guid.TryParse((string?)element.Attribute("id"), out var id) ? id : null;
    }

    private sealed class StoredElement(DataProtectionKey row) : IDeletableElement
    {
        public DataProtectionKey Row { get; } = row;

        public XElement Element { get; } = XElement.Parse(row.Xml!);

        public int? DeletionOrder { get; set; }
    }
}
