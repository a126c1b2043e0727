using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

internal sealed class ImportedPhoneNumberRepository(VoipProvidersDbContext dbContext) : IImportedPhoneNumberRepository
{
    private DbSet<ImportedPhoneNumber> Numbers => dbContext.Set<ImportedPhoneNumber>();

    public async Task<IReadOnlyList<ImportedPhoneNumber>> FindBySidsAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken) =>
        await Numbers.AsNoTracking().Where(n => phoneNumberSids.Contains(n.PhoneNumberSid)).ToListAsync(cancellationToken);

    public Task<ImportedPhoneNumber?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        Numbers.SingleOrDefaultAsync(
            n => n.Id == phoneNumberId && n.ProviderId == providerId && n.OrganizationId == organizationId,
            cancellationToken);

    public async Task<IReadOnlyList<ImportedPhoneNumber>> ListOfProviderAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await Numbers.AsNoTracking().Where(n => n.ProviderId == providerId).ToListAsync(cancellationToken);

    public Task<bool> IsCommittedAsync(ProviderId providerId, string phoneNumberSid, CancellationToken cancellationToken) =>
        Numbers.AsNoTracking().AnyAsync(n => n.ProviderId == providerId && n.PhoneNumberSid == phoneNumberSid, cancellationToken);

    public void Add(ImportedPhoneNumber phoneNumber) => Numbers.Add(phoneNumber);

    public void Remove(ImportedPhoneNumber phoneNumber) => Numbers.Remove(phoneNumber);
}
