/** The registry's application types (developer manual §1.3), with the menu names the manual gives them. */
export const APPLICATION_TYPES = [
  'area_collection',
  'building_change',
  'house_split_merge',
  'house_supplement',
  'house_change',
  'ownership_change',
  'house_cancellation',
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export const APPLICATION_TYPE_LABELS: Record<ApplicationType, string> = {
  area_collection: '物业区域采集',
  building_change: '楼幢变更',
  house_split_merge: '房屋拆分合并',
  house_supplement: '房屋补充',
  house_change: '房屋信息变更',
  ownership_change: '房屋权属批量变更',
  house_cancellation: '房屋注销',
};

/** Each type's page in the developer's 物业区域管理 menu (manual §1.3): the web's routes, the messages' links. */
export const APPLICATION_PAGE_SLUGS: Record<ApplicationType, string> = {
  area_collection: 'area-collection',
  building_change: 'building-change',
  house_split_merge: 'split-merge',
  house_supplement: 'house-supplement',
  house_change: 'house-change',
  ownership_change: 'ownership-change',
  house_cancellation: 'house-cancellation',
};

export const applicationPagePath = (type: ApplicationType, id?: number) => `/registry/${APPLICATION_PAGE_SLUGS[type]}${id ? `/${id}` : ''}`;
