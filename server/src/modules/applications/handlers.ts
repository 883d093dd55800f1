import type { ApplicationType } from '../../db/schema/index.ts';
import { APPLICATION_TYPE_LABELS } from '../../domain/application-types.ts';
import type { ApplicationHandler } from './handler.ts';
import { areaCollection } from './types/area-collection.ts';
import { buildingChange } from './types/building-change.ts';
import { houseCancellation } from './types/house-cancellation.ts';
import { houseChange } from './types/house-change.ts';
import { houseSupplement } from './types/house-supplement.ts';
import { ownershipChange } from './types/ownership-change.ts';
import { splitMerge } from './types/split-merge.ts';
import { AppError } from '../../lib/errors.ts';

const HANDLERS: Partial<Record<ApplicationType, ApplicationHandler>> = {
  area_collection: areaCollection,
  house_supplement: houseSupplement,
  house_cancellation: houseCancellation,
  ownership_change: ownershipChange,
  house_change: houseChange,
  building_change: buildingChange,
  house_split_merge: splitMerge,
};

export function handlerFor(type: ApplicationType): ApplicationHandler {
  const h = HANDLERS[type];
  if (!h) throw new AppError(400, 'UNSUPPORTED_TYPE', `暂不支持此类业务单：${type}`);
  return h;
}

/** Every kind's header form and item schemas, as the API document names them. */
export const formSchemas = () => Object.values(HANDLERS).map((h) => h.form);
export const itemSchemas = () => Object.values(HANDLERS).flatMap((h) => Object.values(h.items));

export const supportedTypes = () =>
  Object.values(HANDLERS).map((h) => ({ type: h.type, label: APPLICATION_TYPE_LABELS[h.type], prefix: h.prefix, needsArea: h.needsArea }));
