using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyClaimTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "claim_token",
                schema: "voip_providers",
                table: "idempotency_records",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claim_token",
                schema: "voip_providers",
                table: "idempotency_records");
        }
    }
}
