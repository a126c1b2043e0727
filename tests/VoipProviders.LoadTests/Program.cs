using VoipProviders.LoadTests.Reference;

namespace VoipProviders.LoadTests;

/// <summary>
/// The load benchmark of issue #9: the project's Release host and a bare reference server (this same executable started
/// with <c>--reference-server</c>) take turns under the same load over the same PostgreSQL rows and the same Twilio
/// emulator. build/load.sh starts PostgreSQL, publishes both and runs this; <c>--help</c> lists the options.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains(ReferenceServer.Argument, StringComparer.Ordinal))
        {
            return await ReferenceServer.RunAsync(args);
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            await Console.Error.WriteLineAsync(LoadOptions.Usage);
            return 2;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        try
        {
            return await LoadRun.RunAsync(options, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
    }
}
