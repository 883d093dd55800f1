CREATE TABLE "ledger_balance_buckets" (
	"account_id" bigint NOT NULL,
	"bucket" smallint NOT NULL,
	"balance" bigint NOT NULL,
	CONSTRAINT "ledger_balance_buckets_account_id_bucket_pk" PRIMARY KEY("account_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "ledger_balance_buckets" ADD CONSTRAINT "ledger_balance_buckets_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The fund's own accounts keep their balance in buckets from now on: what their row held so far
-- becomes bucket 0, and the row keeps 0, so row plus buckets still equals the sum of the entries.
INSERT INTO "ledger_balance_buckets" ("account_id", "bucket", "balance")
  SELECT "id", 0, "balance" FROM "ledger_accounts" WHERE "kind" <> 'house' AND "balance" <> 0;--> statement-breakpoint
UPDATE "ledger_accounts" SET "balance" = 0 WHERE "kind" <> 'house' AND "balance" <> 0;
