using System.Security.Cryptography;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>Random SIP credentials from the OS CSPRNG, within Twilio's rules (username ≤ 32, password mixed case + digit).</summary>
internal static class SipCredentialGenerator
{
    public const int PasswordLength = 40;

    /// <summary>A rotation's passwords are 32 characters: still about 190 bits, and within every SIP stack's limits.</summary>
    public const int RotationPasswordLength = 32;
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    public static string NewUsername() => "vp" + RandomNumberGenerator.GetString(Lower + Digits, 22);

    public static string NewPassword(int length = PasswordLength)
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Lower + Upper + Digits, length);
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit))
            {
                return password;
            }
        }
    }
}
