CREATE TABLE "refunds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"no" text NOT NULL,
	"reason" text NOT NULL,
	"application_id" bigint NOT NULL,
	"fund_instruction_id" bigint NOT NULL,
	"area_id" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"account" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transaction_id" bigint NOT NULL,
	"payout_transaction_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_fund_instruction_id_fund_instructions_id_fk" FOREIGN KEY ("fund_instruction_id") REFERENCES "public"."fund_instructions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_area_id_property_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."property_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_no_uq" ON "refunds" USING btree ("no");--> statement-breakpoint
CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "refunds_application_idx" ON "refunds" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "refunds_house_idx" ON "refunds" USING btree ("house_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_system_uq" ON "ledger_accounts" USING btree ("kind") WHERE "ledger_accounts"."house_id" is null;