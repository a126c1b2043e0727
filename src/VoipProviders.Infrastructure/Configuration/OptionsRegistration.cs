using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Configuration;

/// <summary>
/// The one way settings are registered: a <c>*Options</c> class bound to its configuration section, checked with its
/// data annotations (plus any <see cref="IValidateOptions{TOptions}"/> registered for it) when the host starts, so a
/// bad setting stops the process with a message naming it (<c>Verification:Timeout: …</c>) instead of failing on first use.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new SectionDataAnnotationsValidator<TOptions>(sectionName)));
        return services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateOnStart();
    }

    /// <summary>The class's data annotations, each failure named by its full configuration key (section, colon, property).</summary>
    private sealed class SectionDataAnnotationsValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(results.Select(result => result.MemberNames.Any()
                ? $"{string.Join(", ", result.MemberNames.Select(member => $"{sectionName}:{member}"))}: {result.ErrorMessage}"
                : $"{sectionName}: {result.ErrorMessage}"));
        }
    }
}
