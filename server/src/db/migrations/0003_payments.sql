CREATE TABLE "api_nonces" (
	"signature" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_api_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bank_confirmations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_confirmations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"amount" bigint NOT NULL,
	"channel" text NOT NULL,
	"bank_ref" text NOT NULL,
	"bank_date" date NOT NULL,
	"bank_org_id" bigint NOT NULL,
	"user_id" bigint,
	"via" text NOT NULL,
	"ledger_transaction_id" bigint,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notice_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_notice_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notice_id" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"amount" bigint NOT NULL,
	"open" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"no" text NOT NULL,
	"purpose" text NOT NULL,
	"purpose_note" text DEFAULT '' NOT NULL,
	"area_id" bigint NOT NULL,
	"issuer_org_id" bigint NOT NULL,
	"payer_type" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_id_number" text DEFAULT '' NOT NULL,
	"payer_phone" text DEFAULT '' NOT NULL,
	"total" bigint NOT NULL,
	"bank_account" jsonb NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'unpaid' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"application_id" bigint
);
--> statement-breakpoint
CREATE TABLE "rate_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint
);
--> statement-breakpoint
ALTER TABLE "bank_api_keys" ADD CONSTRAINT "bank_api_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_confirmations" ADD CONSTRAINT "bank_confirmations_bank_org_id_organisations_id_fk" FOREIGN KEY ("bank_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notice_items" ADD CONSTRAINT "payment_notice_items_notice_id_payment_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."payment_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notice_items" ADD CONSTRAINT "payment_notice_items_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_area_id_property_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."property_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_issuer_org_id_organisations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_nonces_at_idx" ON "api_nonces" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_confirmations_number_uq" ON "bank_confirmations" USING btree ("kind","number");--> statement-breakpoint
CREATE INDEX "bank_confirmations_day_idx" ON "bank_confirmations" USING btree ("bank_date","channel");--> statement-breakpoint
CREATE INDEX "payment_notice_items_notice_idx" ON "payment_notice_items" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "payment_notice_items_house_idx" ON "payment_notice_items" USING btree ("house_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notice_items_open_uq" ON "payment_notice_items" USING btree ("house_id","purpose") WHERE "payment_notice_items"."open";--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notices_no_uq" ON "payment_notices" USING btree ("no");--> statement-breakpoint
CREATE INDEX "payment_notices_area_idx" ON "payment_notices" USING btree ("area_id","created_at");