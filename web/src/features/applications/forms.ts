import type { components } from '../../api/schema';
import type { ApplicationType } from '../../api/types';

/**
 * The header forms and item rows of each kind of business application, as the server's zod schemas
 * name them in the API document (server/src/modules/applications/shared.ts and types/*.ts). An
 * application's `form` and an item's `data` are one of these, chosen by the application's type.
 */
type Named = components['schemas'];

export type BuildingInput = Named['Building'];
export type OwnerInput = Named['Owner'];
export type RefundAccount = Named['RefundAccount'];
/** The fields of a house that a house change sets (areas in hundredths of m²). */
export type HouseFields = Named['HouseFields'];
/** An imported house (F-11, F-15, F-14 results). */
export type ImportedHouse = Named['ImportedHouse'];
/** The server's snapshot of a picked house, stored as an item's “before”. */
export type HouseSnapshot = Named['HouseSnapshot'];
/** A building as the server snapshots it in a building change's “before”. */
export type BuildingSnapshot = Named['BuildingSnapshot'];

export type AreaCollectionForm = Named['AreaCollectionForm'];
export type HouseSupplementForm = Named['HouseSupplementForm'];
/** R-12: `refundConfirmed` is confirmed at submit when the change refunds money (确认需要退款). */
export type HouseChangeForm = Named['HouseChangeForm'];
/** The forms that hold only a reason (注销、楼幢变更、拆分合并). */
export type ReasonForm = Named['HouseCancellationForm'] | Named['BuildingChangeForm'] | Named['SplitMergeForm'];

/** R-12: `refundAccount` is where this house's refund is paid. */
export type HouseChangeItem = Named['HouseChangeItem'];
export type OwnershipItem = Named['OwnershipItem'];
export type CancellationItem = Named['CancellationItem'];
export type BuildingAfter = Named['BuildingAfter'];
export type BuildingChangeItem = Named['BuildingChangeItem'];

/** The item kinds of each type, as `PUT /api/applications/:id/items/:kind` names them. */
export const ITEM_KINDS: Record<ApplicationType, readonly string[]> = {
  area_collection: ['house'],
  house_supplement: ['house'],
  house_change: ['house'],
  ownership_change: ['owners'],
  house_cancellation: ['house'],
  building_change: ['building'],
  house_split_merge: ['source', 'result'],
};

export const houseLabel = (h: { building: string; unit: string; room: string }) => `${h.building}${h.unit}${h.room}`;
