CREATE TABLE "project_notice_houses" (
	"notice_id" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "project_notice_houses_notice_id_house_id_pk" PRIMARY KEY("notice_id","house_id")
);
--> statement-breakpoint
ALTER TABLE "project_requests" ADD COLUMN "pay_in_account" jsonb;--> statement-breakpoint
ALTER TABLE "project_notice_houses" ADD CONSTRAINT "project_notice_houses_notice_id_project_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."project_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_notice_houses" ADD CONSTRAINT "project_notice_houses_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Initiation notices published before their lists were kept: the list as the project holds it now.
INSERT INTO "project_notice_houses" ("notice_id", "house_id", "amount")
SELECT n."id", s."house_id", sum(s."share")
FROM "project_notices" n JOIN "project_item_houses" s ON s."project_id" = n."project_id"
WHERE n."kind" = 'initiation'
GROUP BY n."id", s."house_id";
