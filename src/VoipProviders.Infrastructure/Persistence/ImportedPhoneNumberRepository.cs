using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class ImportedPhoneNumberRepository(VoipProvidersDbContext dbContext) : IImportedPhoneNumberRepository
{
    public async Task<IReadOnlyList<ImportedPhoneNumber>> FindBySidsAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken) =>
        await dbContext.ImportedPhoneNumbers.AsNoTracking().Where(n => phoneNumberSids.Contains(n.PhoneNumberSid)).ToListAsync(cancellationToken);

    public Task<ImportedPhoneNumber?> FindAsync(string organizationId, Guid providerId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        dbContext.ImportedPhoneNumbers.SingleOrDefaultAsync(
            n => n.Id == phoneNumberId && n.ProviderId == providerId && n.OrganizationId == organizationId,
            cancellationToken);

    public async Task<IReadOnlyList<ImportedPhoneNumber>> ListOfProviderAsync(Guid providerId, CancellationToken cancellationToken) =>
        await dbContext.ImportedPhoneNumbers.AsNoTracking().Where(n => n.ProviderId == providerId).ToListAsync(cancellationToken);

    public Task<bool> IsCommittedAsync(Guid providerId, string phoneNumberSid, CancellationToken cancellationToken) =>
        dbContext.ImportedPhoneNumbers.AsNoTracking().AnyAsync(n => n.ProviderId == providerId && n.PhoneNumberSid == phoneNumberSid, cancellationToken);

    public void Add(ImportedPhoneNumber phoneNumber) => dbContext.ImportedPhoneNumbers.Add(phoneNumber);

    public void Remove(ImportedPhoneNumber phoneNumber) => dbContext.ImportedPhoneNumbers.Remove(phoneNumber);
}
