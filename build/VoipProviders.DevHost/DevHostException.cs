namespace VoipProviders.DevHost;

/// <summary>A failure the developer can act on; printed as one clear message instead of a stack trace.</summary>
internal sealed class DevHostException : Exception
{
    public DevHostException()
    {
    }

    public DevHostException(string message)
        : base(message)
    {
    }

    public DevHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
