using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Imported numbers on the write side. Changes are saved by the unit of work.</summary>
public interface IImportedPhoneNumberRepository
{
    /// <summary>The imports of these SIDs by any provider in any organization (a number is imported once, anywhere).</summary>
    Task<IReadOnlyList<ImportedPhoneNumber>> FindBySidsAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken);

    Task<ImportedPhoneNumber?> FindAsync(string organizationId, Guid providerId, Guid phoneNumberId, CancellationToken cancellationToken);

    /// <summary>Every number the provider imported (to detach them when the provider is deleted).</summary>
    Task<IReadOnlyList<ImportedPhoneNumber>> ListOfProviderAsync(Guid providerId, CancellationToken cancellationToken);

    /// <summary>Whether the provider's import of the SID is committed right now (what a compensation leaves attached).</summary>
    Task<bool> IsCommittedAsync(Guid providerId, string phoneNumberSid, CancellationToken cancellationToken);

    void Add(ImportedPhoneNumber phoneNumber);

    void Remove(ImportedPhoneNumber phoneNumber);
}
