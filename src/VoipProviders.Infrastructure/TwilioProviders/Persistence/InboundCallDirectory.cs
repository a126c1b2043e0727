using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Contracts.Calling;
using VoipProviders.Application.TwilioProviders.Calling;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IInboundCallDirectory"/> as queries compiled once, one per key combination, each a join of two unique or
/// leading-column index look-ups (the provider by routing key or account, then the number by provider and E.164).
/// </summary>
internal sealed class InboundCallDirectory(VoipProvidersDbContext dbContext) : IInboundCallDirectory
{
    private static readonly Func<VoipProvidersDbContext, string, string, CancellationToken, Task<Row?>> ByRoutingKey =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, string calledNumber, string routingKey, CancellationToken _) =>
            (from provider in db.Set<TwilioProvider>()
             join number in db.Set<ImportedPhoneNumber>() on provider.Id equals number.ProviderId
             where provider.InboundRoutingKey == routingKey && number.PhoneNumber == calledNumber
             select new Row(provider.OrganizationId, provider.Id, number.Id, number.PhoneNumber))
            .AsNoTracking()
            .FirstOrDefault());

    private static readonly Func<VoipProvidersDbContext, string, AccountSid, CancellationToken, Task<Row?>> ByAccount =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, string calledNumber, AccountSid accountSid, CancellationToken _) =>
            (from provider in db.Set<TwilioProvider>()
             join number in db.Set<ImportedPhoneNumber>() on provider.Id equals number.ProviderId
             where provider.AccountSid == accountSid && number.PhoneNumber == calledNumber
             orderby number.Id
             select new Row(provider.OrganizationId, provider.Id, number.Id, number.PhoneNumber))
            .AsNoTracking()
            .FirstOrDefault());

    private static readonly Func<VoipProvidersDbContext, string, string, AccountSid, CancellationToken, Task<Row?>> ByBoth =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, string calledNumber, string routingKey, AccountSid accountSid, CancellationToken _) =>
            (from provider in db.Set<TwilioProvider>()
             join number in db.Set<ImportedPhoneNumber>() on provider.Id equals number.ProviderId
             where provider.InboundRoutingKey == routingKey && provider.AccountSid == accountSid && number.PhoneNumber == calledNumber
             select new Row(provider.OrganizationId, provider.Id, number.Id, number.PhoneNumber))
            .AsNoTracking()
            .FirstOrDefault());

    public async Task<InboundCallResolution?> ResolveAsync(string calledNumber, string? routingKey, AccountSid? accountSid, CancellationToken cancellationToken)
    {
        var row = (routingKey, accountSid) switch
        {
            ({ } key, { } account) => await dbContext.StreamingWithRetriesAsync(token => ByBoth(dbContext, calledNumber, key, account, token), cancellationToken),
            ({ } key, null) => await dbContext.StreamingWithRetriesAsync(token => ByRoutingKey(dbContext, calledNumber, key, token), cancellationToken),
            (null, { } account) => await dbContext.StreamingWithRetriesAsync(token => ByAccount(dbContext, calledNumber, account, token), cancellationToken),
            _ => throw new ArgumentException("A routing key or an account SID is needed.", nameof(routingKey)),
        };
        return row is null ? null : new InboundCallResolution(row.OrganizationId.Value, row.ProviderId.Value, row.PhoneNumberId, row.PhoneNumber);
    }

    private sealed record Row(Domain.Common.OrganizationId OrganizationId, Domain.Common.ProviderId ProviderId, Guid PhoneNumberId, string PhoneNumber);
}
