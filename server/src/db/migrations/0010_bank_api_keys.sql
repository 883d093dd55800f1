ALTER TABLE "bank_api_keys" ADD COLUMN "previous_secret" text;--> statement-breakpoint
ALTER TABLE "bank_api_keys" ADD COLUMN "previous_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bank_api_keys" ADD COLUMN "created_by" bigint;--> statement-breakpoint
ALTER TABLE "bank_api_keys" ADD COLUMN "rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bank_api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "bank_api_keys_org_idx" ON "bank_api_keys" USING btree ("org_id","created_at");