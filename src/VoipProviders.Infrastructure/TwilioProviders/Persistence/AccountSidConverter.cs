using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>Stores an <see cref="AccountSid"/> as its text.</summary>
internal sealed class AccountSidConverter() : ValueConverter<AccountSid, string>(sid => sid.Value, value => AccountSid.Parse(value));
