using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Stores an enum as its name in camelCase ("pending"), as the API spells it; reads any casing back.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
