using Microsoft.EntityFrameworkCore;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.Common.Interfaces;

/// <summary>The module's persistence, as handlers see it. Handlers never save: the unit of work commits.</summary>
public interface IVoipProvidersDbContext
{
    DbSet<TwilioProvider> TwilioProviders { get; }

    DbSet<ImportedPhoneNumber> ImportedPhoneNumbers { get; }
}
