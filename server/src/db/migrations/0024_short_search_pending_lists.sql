-- Search indexes keep a short pending list (64 kB): set in place, no index is rebuilt.
ALTER INDEX "payment_notices_no_trgm" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "payment_notices_payer_trgm" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "houses_address_trgm" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "repair_projects_name_trgm" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "repair_projects_no_trgm" SET (gin_pending_list_limit=64);
