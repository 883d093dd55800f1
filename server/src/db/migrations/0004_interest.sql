CREATE TABLE "interest_periods" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "interest_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"amount" bigint NOT NULL,
	"houses" integer NOT NULL,
	"transaction_id" bigint NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "interest_periods_uq" ON "interest_periods" USING btree ("period_from","period_to");