-- A house search reads an area's houses and their owners' names from the indexes alone (the columns
-- it filters and sorts on ride along); the keys, and so every other use of these indexes, are unchanged.
DROP INDEX "houses_area_id_idx";--> statement-breakpoint
CREATE INDEX "houses_area_id_idx" ON "houses" USING btree ("area_id","id") INCLUDE ("unit_id","building_id","floor","room","address","status");--> statement-breakpoint
DROP INDEX "house_owners_house_idx";--> statement-breakpoint
CREATE INDEX "house_owners_house_idx" ON "house_owners" USING btree ("house_id") INCLUDE ("name");
