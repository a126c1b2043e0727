using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>
/// A Twilio list went on for more pages than the gateway reads (<c>Twilio:MaxListPages</c>): an account with more
/// records than that, or a Twilio answer whose next-page links never end. Nothing past the cap is requested.
/// </summary>
public sealed class TwilioListTooLongException(string operation, int maxPages, int pageSize)
    : TwilioGatewayException($"Twilio's {operation} list has more than {maxPages} pages of {pageSize}; the rest was not read.", null, null, null)
{
    public const string ErrorCode = "twilio_list_too_long";

    public int MaxPages { get; } = maxPages;

    public int PageSize { get; } = pageSize;

    public override FailureKind Kind => FailureKind.Unprocessable;

    public override string Code => ErrorCode;

    public override string Title => "The Twilio list is too long";

    public override string Detail =>
        $"The list in the Twilio account has more than {MaxPages * PageSize} entries, more than the service reads in one request. "
        + "For the account's numbers, narrow the list with the phoneNumber filter.";

    public override IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["maxPages"] = MaxPages,
        ["pageSize"] = PageSize,
    };
}
