using Microsoft.Extensions.Options;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>Refuses origination settings Twilio would refuse (or that would route calls nowhere), naming the entry.</summary>
public sealed class SipOriginationOptionsValidator : IValidateOptions<SipOriginationOptions>
{
    public ValidateOptionsResult Validate(string? name, SipOriginationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Uris.Count is 0 or > SipOriginationOptions.MaxUris)
        {
            failures.Add(
                $"{SipOriginationOptions.SectionName}:Uris needs 1 to {SipOriginationOptions.MaxUris} entries (has {options.Uris.Count}): "
                + "the SIP ingress every trunk sends its inbound calls to, e.g. sip:{routingKey}.in1.voice.example.com:5061;transport=tls.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Uris.Count; index++)
        {
            var entry = options.Uris[index];
            var key = $"{SipOriginationOptions.SectionName}:Uris:{index}";
            if (OriginationUriTemplate.Problem(entry.Uri) is { } problem)
            {
                failures.Add($"{key}:Uri {problem}");
            }
            else if (!seen.Add(entry.Uri!))
            {
                failures.Add($"{key}:Uri repeats an earlier entry ('{entry.Uri}').");
            }

            if (entry.Priority is < 0 or > 65535)
            {
                failures.Add($"{key}:Priority must be 0 to 65535 (is {entry.Priority}).");
            }

            if (entry.Weight is < 1 or > 65535)
            {
                failures.Add($"{key}:Weight must be 1 to 65535 (is {entry.Weight}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
