using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Imported numbers in memory: <see cref="Seed"/> is what was committed before, <see cref="Added"/>/<see cref="Removed"/> what the handler did.</summary>
public sealed class FakeImportedPhoneNumberRepository : IImportedPhoneNumberRepository
{
    private readonly List<ImportedPhoneNumber> _committed = [];

    public List<ImportedPhoneNumber> Added { get; } = [];

    public List<ImportedPhoneNumber> Removed { get; } = [];

    public void Seed(ImportedPhoneNumber phoneNumber) => _committed.Add(phoneNumber);

    /// <summary>Drops a committed import, as a concurrent removal that committed meanwhile would.</summary>
    public void Unseed(ImportedPhoneNumber phoneNumber) => _committed.Remove(phoneNumber);

    public Task<IReadOnlyList<ImportedPhoneNumber>> FindBySidsAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImportedPhoneNumber>>([.. _committed.Where(n => phoneNumberSids.Contains(n.PhoneNumberSid))]);

    public Task<ImportedPhoneNumber?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        Task.FromResult(_committed.SingleOrDefault(n => n.Id == phoneNumberId && n.ProviderId == providerId && n.OrganizationId == organizationId));

    public Task<IReadOnlyList<ImportedPhoneNumber>> ListOfProviderAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImportedPhoneNumber>>([.. _committed.Where(n => n.ProviderId == providerId)]);

    public Task<bool> IsCommittedAsync(ProviderId providerId, string phoneNumberSid, CancellationToken cancellationToken) =>
        Task.FromResult(_committed.Any(n => n.ProviderId == providerId && n.PhoneNumberSid == phoneNumberSid));

    public void Add(ImportedPhoneNumber phoneNumber) => Added.Add(phoneNumber);

    public void Remove(ImportedPhoneNumber phoneNumber) => Removed.Add(phoneNumber);
}
