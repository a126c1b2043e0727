using FluentValidation;

namespace VoipProviders.Application.Providers.Queries.GetProviderSettings;

/// <summary>The query has nothing a caller can get wrong. Declared so every request is validated.</summary>
public sealed class GetProviderSettingsQueryValidator : AbstractValidator<GetProviderSettingsQuery>;
