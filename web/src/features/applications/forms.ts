import type { ApplicationType, HouseUse } from '../../api/types';
import type { BuildingStructure, DepositTiming, IdType, SalesStatus } from '../registry/enums';

/**
 * The header forms and item rows of each kind of business application. The OpenAPI document types
 * them only as JSON (`unknown`), because each type has its own zod schema on the server
 * (server/src/modules/applications/types/*.ts); these mirror those schemas.
 */

export interface BuildingInput {
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  builtYear: number;
  structure: BuildingStructure;
  elevator: boolean;
}

export interface OwnerInput {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
}

export interface RefundAccount {
  accountName: string;
  bank: string;
  accountNo: string;
}

/** The fields of a house that a house change sets (areas in hundredths of m²). */
export interface HouseFields {
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  innerArea: number;
  use: HouseUse;
  elevator: boolean;
  salesStatus: SalesStatus;
}

/** An imported house (F-11, F-15, F-14 results). */
export interface ImportedHouse extends HouseFields {
  owners: OwnerInput[];
}

/** The server's snapshot of a picked house, stored as an item's “before”. */
export interface HouseSnapshot extends HouseFields {
  id: number;
  status: 'normal' | 'cancelled';
  owners: OwnerInput[];
}

export interface AreaCollectionForm {
  area: { name: string; district: string; street: string; address: string; depositTiming: DepositTiming; remark: string };
  buildings: BuildingInput[];
}
export interface HouseSupplementForm {
  depositTiming: DepositTiming;
  buildings: BuildingInput[];
}
export interface ReasonForm {
  reason: string;
}
export interface HouseChangeForm extends ReasonForm {
  /** R-12: confirmed at submit that the change refunds money (确认需要退款). */
  refundConfirmed: boolean;
}

export interface HouseChangeItem {
  houseId: number;
  after: HouseFields;
  /** R-12: where this house's refund is paid. */
  refundAccount: RefundAccount | null;
}
export interface OwnershipItem {
  houseId: number;
  owners: OwnerInput[];
}
export interface CancellationItem {
  houseId: number;
  refundAccount: RefundAccount | null;
}
export interface BuildingAfter extends BuildingInput {
  areaId: number;
}
export interface BuildingChangeItem {
  buildingId: number;
  after: BuildingAfter;
}
/** A building as the server snapshots it in a building change's “before”. */
export interface BuildingSnapshot extends BuildingInput {
  id: number;
  areaId: number;
}

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
