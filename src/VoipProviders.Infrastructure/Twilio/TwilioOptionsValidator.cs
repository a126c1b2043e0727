using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Twilio;

internal sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (product, baseUrl) in options.BaseUrls)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query))
            {
                failures.Add($"Twilio:BaseUrls:{product} must be an absolute http(s) URL without a query.");
            }
            else if (uri.Scheme != Uri.UriSchemeHttps && !environment.IsDevelopment() && !options.AllowInsecureBaseUrls)
            {
                failures.Add(
                    $"Twilio:BaseUrls:{product} must be https outside Development: the requests carry the tenant's Auth Token. " +
                    "Set Twilio:AllowInsecureBaseUrls=true explicitly to allow http (emulators in test environments only).");
            }
        }

        var resilienceErrors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Resilience, new ValidationContext(options.Resilience), resilienceErrors, validateAllProperties: true))
        {
            failures.AddRange(resilienceErrors.Select(e => $"Twilio:Resilience:{string.Join(',', e.MemberNames)}: {e.ErrorMessage}"));
        }

        if (options.Resilience.TotalTimeout < options.Resilience.AttemptTimeout)
        {
            failures.Add("Twilio:Resilience:TotalTimeout must not be shorter than Twilio:Resilience:AttemptTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
