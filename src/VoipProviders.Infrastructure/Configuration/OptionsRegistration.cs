using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Configuration;

/// <summary>
/// The one way settings are registered: a <c>*Options</c> class bound to its configuration section, checked with its
/// data annotations (plus any <see cref="IValidateOptions{TOptions}"/> registered for it) when the host starts, so a
/// bad setting stops the process with a message naming it instead of failing on first use.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
