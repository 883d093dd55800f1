import type { HouseUse } from '../../api/types';

/**
 * Enumerations of the property registry (SPEC §3). The OpenAPI document types the house use; the
 * others travel inside business-application forms, which it describes only as JSON.
 */
export const DEPOSIT_TIMINGS = ['商品房预售前', '商品房现售前', '房屋交付前', '办理房屋所有权登记前', '其他'] as const;
export type DepositTiming = (typeof DEPOSIT_TIMINGS)[number];

export const BUILDING_STRUCTURES = ['钢结构', '钢和钢筋混凝土结构', '钢筋混凝土结构', '混合结构', '砖木结构', '其他结构'] as const;
export type BuildingStructure = (typeof BUILDING_STRUCTURES)[number];

export const HOUSE_USES: readonly HouseUse[] = ['住宅', '商业', '办公', '车库', '车位', '其他'];

export const ID_TYPES = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
  '统一社会信用代码',
] as const;
export type IdType = (typeof ID_TYPES)[number];

/** The districts and county-level cities of Jiangmen, offered when an area is collected. */
export const DISTRICTS = ['蓬江区', '江海区', '新会区', '台山市', '开平市', '鹤山市', '恩平市'] as const;

export type SalesStatus = 'sold' | 'unsold';
export const SALES_LABELS: Record<SalesStatus, string> = { sold: '已售', unsold: '未售' };
export const HOUSE_STATUS_LABELS: Record<'normal' | 'cancelled', string> = { normal: '正常', cancelled: '已注销' };

export const yesNo = (b: boolean) => (b ? '有' : '无');

export const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
export const ELEVATOR_OPTIONS = [
  { value: true, label: '有' },
  { value: false, label: '无' },
];
export const SALES_OPTIONS = [
  { value: 'sold', label: '已售' },
  { value: 'unsold', label: '未售' },
];
