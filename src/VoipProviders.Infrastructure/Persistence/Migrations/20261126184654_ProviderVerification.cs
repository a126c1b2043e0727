using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProviderVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_verification_at",
                schema: "voip_providers",
                table: "twilio_providers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            // Providers that exist already are spread over the default interval (1 h) instead of all falling due at
            // the first sweep after the deploy; from now on the application always sets the column itself.
            migrationBuilder.Sql("""
                UPDATE voip_providers.twilio_providers SET next_verification_at = now() + random() * interval '1 hour';
                ALTER TABLE voip_providers.twilio_providers ALTER COLUMN next_verification_at DROP DEFAULT;
                """);

            migrationBuilder.CreateTable(
                name: "provider_verification_leases",
                schema: "voip_providers",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_verification_leases", x => x.provider_id);
                    table.ForeignKey(
                        name: "fk_provider_verification_leases_twilio_providers_provider_id",
                        column: x => x.provider_id,
                        principalSchema: "voip_providers",
                        principalTable: "twilio_providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_twilio_providers_next_verification_at",
                schema: "voip_providers",
                table: "twilio_providers",
                column: "next_verification_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_verification_leases",
                schema: "voip_providers");

            migrationBuilder.DropIndex(
                name: "ix_twilio_providers_next_verification_at",
                schema: "voip_providers",
                table: "twilio_providers");

            migrationBuilder.DropColumn(
                name: "next_verification_at",
                schema: "voip_providers",
                table: "twilio_providers");
        }
    }
}
