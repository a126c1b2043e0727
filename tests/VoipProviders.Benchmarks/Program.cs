using BenchmarkDotNet.Running;

namespace VoipProviders.Benchmarks;

/// <summary>
/// Performance harness: <c>dotnet run -c Release --project tests/VoipProviders.Benchmarks -- --filter '*'</c>.
/// The targets each benchmark is held to are in README.md ("Performance targets").
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
