namespace VoipProviders.LoadTests.Reference;

/// <summary>Twilio gave no usable answer: the caller hears <see cref="Status"/> with <see cref="Code"/>, nothing is stored.</summary>
internal sealed class TwilioUnavailableException(string code, int status, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}
