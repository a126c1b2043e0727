using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "voip_providers");

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "twilio_providers",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    auth_token_protected = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    supports_call_transfer = table.Column<bool>(type: "boolean", nullable: false),
                    trunk_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    trunk_domain_name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    termination_uri = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    credential_list_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    sip_credential_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    sip_username = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sip_password_protected = table.Column<string>(type: "text", nullable: false),
                    verification_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verification_details = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    auth_token_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_twilio_providers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_twilio_providers_organization_id_account_sid",
                schema: "voip_providers",
                table: "twilio_providers",
                columns: new[] { "organization_id", "account_sid" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "twilio_providers",
                schema: "voip_providers");
        }
    }
}
